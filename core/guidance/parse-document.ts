import { createHash } from "node:crypto";
import { posix } from "node:path";
import { Lexer, marked, type Token, type Tokens } from "marked";
import { parse as parseHtml, type HTMLElement } from "node-html-parser";
import { parseFrontMatter } from "./front-matter";
import { markdownToHtml, sanitise } from "./markdown-html";
import type { GuidancePage } from "./page";
import type { DocumentParser, ParseOutcome } from "./ports";

/** A file handed to ingestion: its id (path relative to the ingested folder, with forward slashes) and its bytes. */
export interface SourceDocument {
  readonly id: string;
  readonly content: string;
  readonly modifiedAt?: Date;
}

export const SUPPORTED_EXTENSIONS = [".md", ".markdown", ".html", ".htm"] as const;

export function isSupportedDocument(path: string): boolean {
  return (SUPPORTED_EXTENSIONS as readonly string[]).includes(posix.extname(path).toLowerCase());
}

export function contentHash(content: string): string {
  return createHash("sha256").update(content).digest("hex");
}

/** Turns one Markdown or HTML file into a page. Pure: no I/O, same input gives the same page. */
export function parseDocument(doc: SourceDocument, origin: string, now: Date): GuidancePage {
  const ext = posix.extname(doc.id).toLowerCase();
  const parsed = ext === ".html" || ext === ".htm" ? parseHtmlDocument(doc.content) : parseMarkdownDocument(doc.content);
  // Markdown's HTML is safe as rendered (see markdown-html); an HTML document is sanitised whole.
  return {
    id: doc.id,
    title: parsed.title || titleFromPath(doc.id),
    headings: parsed.headings,
    text: parsed.text,
    html: parsed.html,
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
  html: string;
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
      const keyword = collapse(part).slice(0, MAX_KEYWORD_LENGTH);
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
  return typeof value === "string" && value.trim() ? collapse(value).slice(0, MAX_DESCRIPTION_LENGTH) : undefined;
}

// node-html-parser keeps the text of <script>, <style> and <noscript> by default; that text must never be indexed.
const HTML_TEXT_ONLY = { blockTextElements: { script: false, style: false, noscript: false } };

const FRONT_MATTER = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

function parseMarkdownDocument(source: string): ParsedBody {
  let body = source;
  let meta: Record<string, unknown> = {};
  const fm = FRONT_MATTER.exec(source);
  if (fm) {
    body = source.slice(fm[0].length);
    meta = parseFrontMatter(fm[1] ?? "");
  }
  // Lexed once: text and headings come from the tokens, and the HTML is rendered from the same tokens. (Rendering
  // with marked.parse and re-parsing each inline run for its text lexed every page three or more times.)
  const tokens = new Lexer().lex(body);
  const headings: string[] = [];
  const lines: string[] = [];
  walk(tokens, headings, lines);
  const metaTitle = typeof meta.title === "string" ? meta.title.trim() : "";
  const h1 = tokens.find((t): t is Tokens.Heading => t.type === "heading" && t.depth === 1);
  const title = metaTitle || (h1 ? plainTokens(h1) : "");
  return {
    title,
    headings: headings.filter((h) => h.length > 0 && h !== title),
    text: collapse(lines.join("\n")),
    html: markdownToHtml(tokens),
    url: typeof meta.url === "string" ? meta.url : undefined,
    keywords: keywordList(meta.keywords, meta.tags),
    description: descriptionOf(meta.description),
  };
}

/** Collects heading text and plain body text from marked tokens, depth first. */
function walk(tokens: readonly Token[], headings: string[], lines: string[]): void {
  for (const token of tokens) {
    switch (token.type) {
      case "heading": {
        const text = plainTokens(token as Tokens.Heading);
        headings.push(text);
        lines.push(text);
        break;
      }
      case "code":
        lines.push(token.text);
        break;
      case "html":
        lines.push(parseHtml(token.text, HTML_TEXT_ONLY).textContent);
        break;
      case "table": {
        const table = token as Tokens.Table;
        lines.push(table.header.map((c) => plainTokens(c)).join(" "));
        for (const row of table.rows) lines.push(row.map((c) => plainTokens(c)).join(" "));
        break;
      }
      case "list":
        for (const item of (token as Tokens.List).items) walk(item.tokens, headings, lines);
        break;
      default:
        if ("tokens" in token && Array.isArray(token.tokens) && token.type !== "paragraph" && token.type !== "text") {
          walk(token.tokens as Token[], headings, lines);
        } else if ("text" in token && typeof token.text === "string") {
          lines.push("tokens" in token && Array.isArray(token.tokens) ? plainTokens(token as { text: string; tokens: Token[] }) : plain(token.text));
        }
    }
  }
}

/** Inline Markdown to plain text: links keep their words, emphasis and code marks go. */
function plain(markdown: string): string {
  const html = marked.parseInline(markdown, { async: false });
  return collapse(parseHtml(html, HTML_TEXT_ONLY).textContent);
}

/**
 * The plain text of a block's already-lexed inline tokens: the same words `plain` gives, without lexing again
 * (and with reference-style links resolved, as in the rendered page: `plain` on a lone block saw "[text][ref]").
 * Runs with inline HTML or entities (rare) go through `plain`'s HTML route, so their text is decoded the same way.
 */
function plainTokens(block: { readonly text: string; readonly tokens?: readonly Token[] }): string {
  if (!block.tokens) return plain(block.text);
  const parts: string[] = [];
  return inlineText(block.tokens, parts) ? collapse(parts.join("")) : plain(block.text);
}

/** Appends the text of inline tokens to `parts`; false when a token needs the HTML route. */
function inlineText(tokens: readonly Token[], parts: string[]): boolean {
  for (const token of tokens) {
    switch (token.type) {
      case "text":
      case "escape":
        if ("tokens" in token && Array.isArray(token.tokens) && token.tokens.length > 0) {
          if (!inlineText(token.tokens as Token[], parts)) return false;
        } else {
          if (token.text.includes("&") || token.text.includes("<")) return false;
          parts.push(token.text);
        }
        break;
      case "codespan":
        parts.push(token.text);
        break;
      case "strong":
      case "em":
      case "del":
      case "link":
        if (!inlineText((token as Tokens.Strong).tokens, parts)) return false;
        break;
      case "image":
        break;
      case "br":
        parts.push("\n");
        break;
      default:
        return false;
    }
  }
  return true;
}

function parseHtmlDocument(source: string): ParsedBody {
  const root = parseHtml(source, HTML_TEXT_ONLY);
  const body: HTMLElement = root.querySelector("main") ?? root.querySelector("body") ?? root;
  const title = collapse(root.querySelector("title")?.textContent ?? root.querySelector("h1")?.textContent ?? "");
  const headings = body.querySelectorAll("h1, h2, h3, h4").map((h) => collapse(h.textContent)).filter((h) => h && h !== title);
  const text = collapse(body.querySelectorAll("h1,h2,h3,h4,h5,h6,p,li,td,th,pre,blockquote,dt,dd").map((el) => el.textContent).join("\n") || body.textContent);
  const canonical = root.querySelector('link[rel="canonical"]')?.getAttribute("href");
  const keywords = keywordList(root.querySelector('meta[name="keywords"]')?.getAttribute("content"));
  const description = descriptionOf(root.querySelector('meta[name="description"]')?.getAttribute("content"));
  return { title, headings, text, html: sanitise(body.innerHTML), url: canonical ?? undefined, keywords, description };
}

function collapse(text: string): string {
  // Same as text.replace(/[ \t\u00a0]+/g, " ").replace(/\s*\n\s*/g, "\n").trim(), without the second regex, which
  // retried at every space of a page's text. (String.prototype.trim strips exactly the characters \s matches.)
  const spaced = text.includes("  ") || text.includes("\t") || text.includes("\u00a0") ? text.replace(SPACE_RUNS, " ") : text;
  if (!spaced.includes("\n")) return spaced.trim();
  let out = "";
  for (const line of spaced.split("\n")) {
    const trimmed = line.trim();
    if (trimmed) out = out ? out + "\n" + trimmed : trimmed;
  }
  return out;
}
const SPACE_RUNS = /[ \t\u00a0]+/g;

function titleFromPath(id: string): string {
  const base = posix.basename(id, posix.extname(id)).replace(/[-_]+/g, " ").trim();
  return base.charAt(0).toUpperCase() + base.slice(1);
}
