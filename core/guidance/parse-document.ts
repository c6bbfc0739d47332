import { createHash } from "node:crypto";
import { posix } from "node:path";
import type { HTMLElement } from "node-html-parser";
import { parseFrontMatter } from "./front-matter";
import { sanitise } from "./markdown-html";
import { markdownText } from "./markdown-text";
import type { GuidancePage, PageBody } from "./page";
import { collapseWhitespace, htmlText, parseHtmlForText } from "./plain-text";
import type { DocumentParser, ParseOutcome } from "./ports";

/** A file handed to ingestion: its id (path relative to the ingested folder, with forward slashes) and its bytes. */
export interface SourceDocument {
  readonly id: string;
  readonly content: string;
  readonly modifiedAt?: Date;
}

export const SUPPORTED_EXTENSIONS = [".md", ".markdown", ".html", ".htm"] as const;

/** True for an HTML document (.html, .htm): parsed with a DOM and sanitised, some twenty times the cost of Markdown. */
export function isHtmlDocument(path: string): boolean {
  const ext = posix.extname(path).toLowerCase();
  return ext === ".html" || ext === ".htm";
}

export function isSupportedDocument(path: string): boolean {
  return (SUPPORTED_EXTENSIONS as readonly string[]).includes(posix.extname(path).toLowerCase());
}

/**
 * Version of what parsing makes of a document. It is part of every page's fingerprint, so when a release changes what
 * a page holds (how its text is read, how its body is kept), the next ingest parses every page again instead of
 * skipping the unchanged files. Bump it with such a change. 2: the one-pass Markdown scan, Markdown bodies kept.
 */
export const PARSE_VERSION = 2;

/** A document's fingerprint: sha256 of the parse version and its bytes. */
export function contentHash(content: string): string {
  return createHash("sha256").update(`council-hub-parse-${PARSE_VERSION}\n`).update(content).digest("hex");
}

/** A UTF-16 surrogate without its pair (from a JSON escape such as "\ud83d" on its own, in a page from Graph). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, "g");

/**
 * `text` with each lone surrogate made U+FFFD. SQLite would store one as three replacement characters, so the text
 * read back would no longer match the character offsets the search index took from the parsed text.
 */
function wellFormed(text: string): string {
  return LONE_SURROGATE.test(text) ? text.replace(LONE_SURROGATES, "\uFFFD") : text;
}

/** Turns one Markdown or HTML file into a page. Pure: no I/O, same input gives the same page. */
export function parseDocument(doc: SourceDocument, origin: string, now: Date): GuidancePage {
  const parsed = isHtmlDocument(doc.id) ? parseHtmlDocument(doc.content) : parseMarkdownDocument(doc.content);
  // Markdown is rendered safely when the page is opened (see markdown-html); an HTML document is sanitised whole here.
  return {
    id: doc.id,
    title: wellFormed(parsed.title || titleFromPath(doc.id)),
    headings: parsed.headings.map(wellFormed),
    text: wellFormed(parsed.text),
    body: parsed.body,
    origin,
    url: parsed.url,
    ...(parsed.keywords.length > 0 ? { keywords: parsed.keywords } : {}),
    ...(parsed.description ? { description: parsed.description } : {}),
    contentHash: contentHash(doc.content),
    updatedAt: doc.modifiedAt ?? now,
  };
}

/** One document's page, or the reason it cannot be parsed (a parse error never escapes). */
export function parseOutcome(doc: SourceDocument, origin: string, now: Date): ParseOutcome {
  try {
    return { page: parseDocument(doc, origin, now) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** Parses on the calling thread: the default, and right for small ingests (tests, a single page, the sample seed). */
export const inThreadParser: DocumentParser = {
  async parseBatch(docs, origin, now) {
    return docs.map((doc) => parseOutcome(doc, origin, now));
  },
};

interface ParsedBody {
  title: string;
  headings: string[];
  text: string;
  body: PageBody;
  url?: string;
  keywords: string[];
  description?: string;
}

/** Most keywords kept from one page, and the longest one: metadata, not a second body. */
export const MAX_KEYWORDS = 50;
export const MAX_KEYWORD_LENGTH = 100;
/** Longest description kept. */
export const MAX_DESCRIPTION_LENGTH = 500;

/**
 * Keywords from front matter or a meta tag: a YAML list, or one comma- or semicolon-separated string (both are
 * common). Trimmed, de-duplicated (case-insensitively), bounded.
 */
export function keywordList(...values: unknown[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (raw: string): void => {
    for (const part of raw.split(/[,;]/)) {
      const keyword = collapseWhitespace(part).slice(0, MAX_KEYWORD_LENGTH);
      const key = keyword.toLowerCase();
      if (keyword && !seen.has(key) && out.length < MAX_KEYWORDS) {
        seen.add(key);
        out.push(keyword);
      }
    }
  };
  for (const value of values) {
    if (typeof value === "string") add(value);
    else if (Array.isArray(value)) for (const item of value) if (typeof item === "string" || typeof item === "number") add(String(item));
  }
  return out;
}

function descriptionOf(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() ? collapseWhitespace(value).slice(0, MAX_DESCRIPTION_LENGTH) : undefined;
}

const FRONT_MATTER = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

/** A Markdown file's front matter (its YAML text, when it has some) and the Markdown after it. */
export function splitFrontMatter(source: string): { readonly frontMatter?: string; readonly markdown: string } {
  const fm = FRONT_MATTER.exec(source);
  return fm ? { frontMatter: fm[1] ?? "", markdown: source.slice(fm[0].length) } : { markdown: source };
}

function parseMarkdownDocument(source: string): ParsedBody {
  const { frontMatter, markdown } = splitFrontMatter(source);
  const meta: Record<string, unknown> = frontMatter !== undefined ? parseFrontMatter(frontMatter) : {};
  // Text and headings for search come from a one-pass scan; the page is rendered from the Markdown when opened.
  const { h1, headings, text } = markdownText(markdown);
  const metaTitle = typeof meta.title === "string" ? meta.title.trim() : "";
  const title = metaTitle || (h1 ?? "");
  return {
    title,
    headings: headings.filter((h) => h.length > 0 && h !== title),
    text,
    body: { markdown },
    url: typeof meta.url === "string" ? meta.url : undefined,
    keywords: keywordList(meta.keywords, meta.tags),
    description: descriptionOf(meta.description),
  };
}

/**
 * Most elements an HTML document may leave unclosed before it is read without a DOM. node-html-parser's time grows
 * much faster than the page with unclosed elements (a <div>, <span>, <ul>…: 0.4 s for 1,000, 5 s for 2,000, 33 s for
 * 4,000); real pages leave a handful open.
 */
export const MAX_UNCLOSED_ELEMENTS = 256;

function parseHtmlDocument(source: string): ParsedBody {
  if (unclosedElements(source) > MAX_UNCLOSED_ELEMENTS) return parseBrokenHtmlDocument(source);
  const root = parseHtmlForText(source);
  const body: HTMLElement = root.querySelector("main") ?? root.querySelector("body") ?? root;
  const title = collapseWhitespace(root.querySelector("title")?.textContent ?? root.querySelector("h1")?.textContent ?? "");
  const headings = body.querySelectorAll("h1, h2, h3, h4").map((h) => collapseWhitespace(h.textContent)).filter((h) => h && h !== title);
  const text = collapseWhitespace(body.querySelectorAll("h1,h2,h3,h4,h5,h6,p,li,td,th,pre,blockquote,dt,dd").map((el) => el.textContent).join("\n") || body.textContent);
  const canonical = root.querySelector('link[rel="canonical"]')?.getAttribute("href");
  const keywords = keywordList(root.querySelector('meta[name="keywords"]')?.getAttribute("content"));
  const description = descriptionOf(root.querySelector('meta[name="description"]')?.getAttribute("content"));
  return { title, headings, text, body: { html: sanitise(body.innerHTML) }, url: canonical ?? undefined, keywords, description };
}

/**
 * A page too broken for a DOM: its title, text and sanitised body each read in one pass (sanitize-html streams), its
 * headings and metadata left out. Still searchable and readable, and it cannot stall the ingest.
 */
function parseBrokenHtmlDocument(source: string): ParsedBody {
  const title = collapseWhitespace(htmlText(TITLE_ELEMENT.exec(source)?.[1] ?? ""));
  const text = collapseWhitespace(htmlText(source.replace(TITLE_ELEMENT, "")));
  return { title, headings: [], text, body: { html: sanitise(source) }, keywords: [] };
}
const TITLE_ELEMENT = /<title\b[^>]{0,1000}>([\s\S]{0,2000}?)<\/title>/i;

/** Start tags minus end tags, leaving out void elements, self-closed tags and those HTML closes implicitly. */
function unclosedElements(html: string): number {
  let open = 0;
  for (const m of html.matchAll(TAG_NAME)) {
    const name = m[2]!.toLowerCase();
    if (SELF_CLOSING.has(name) || m[3] === "/") continue;
    open += m[1] === "/" ? -1 : 1;
  }
  return open;
}
const TAG_NAME = /<(\/?)([A-Za-z][A-Za-z0-9-]{0,63})(?:\s[^<>]{0,4000})?(\/?)>/g;
const SELF_CLOSING = new Set(
  "area base br col embed hr img input link meta param source track wbr p li dt dd td th tr option thead tbody tfoot colgroup".split(" "),
);

function titleFromPath(id: string): string {
  const base = posix.basename(id, posix.extname(id)).replace(/[-_]+/g, " ").trim();
  return base.charAt(0).toUpperCase() + base.slice(1);
}
