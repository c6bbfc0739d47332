import { escapeHtml, markdownToHtml } from "./markdown-html";
import type { GuidancePage } from "./page";

/**
 * Renders Markdown to safe HTML. The store's renders on a worker thread within a time budget and resolves to
 * undefined when it runs out: marked takes seconds on some hostile input (2,000 "[a](" took 25 s), and a page open
 * must never hold up the host's other requests that long.
 */
export interface MarkdownRenderer {
  render(markdown: string): Promise<string | undefined>;
}

/** Renders on the calling thread, with no time budget: for the CLI, tests and small tools. */
export const inThreadRenderer: MarkdownRenderer = {
  async render(markdown) {
    return markdownToHtml(markdown);
  },
};

/** Rendered pages kept, most recently read first: a popular page is rendered once, not on every open. */
export const RENDERED_PAGE_CACHE_SIZE = 200;

/**
 * A page's body as safe HTML, for reading: HTML pages as sanitised at ingest; Markdown rendered once per version
 * (keyed by content hash) and cached. A page that cannot be rendered within the renderer's budget is shown as its
 * plain text, a paragraph a line, and that is cached too, so a hostile page costs the budget once, not every open.
 */
export class RenderedPages {
  private readonly cache = new Map<string, string>();

  constructor(private readonly renderer: MarkdownRenderer = inThreadRenderer) {}

  async htmlOf(page: Pick<GuidancePage, "id" | "body" | "text" | "contentHash">): Promise<string> {
    if (!("markdown" in page.body)) return page.body.html;
    const key = `${page.contentHash}\u0000${page.id}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) {
      // Re-inserted: Map keeps insertion order, so the first key is always the least recently read.
      this.cache.delete(key);
      this.cache.set(key, cached);
      return cached;
    }
    const html = (await this.renderer.render(page.body.markdown)) ?? textAsHtml(page.text);
    this.cache.set(key, html);
    if (this.cache.size > RENDERED_PAGE_CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    return html;
  }
}

/** Plain text as escaped HTML paragraphs, one per line: what a page shows when its Markdown cannot be rendered. */
export function textAsHtml(text: string): string {
  return text
    .split("\n")
    .map((line) => `<p>${escapeHtml(line)}</p>`)
    .join("\n");
}
