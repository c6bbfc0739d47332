import { parse as parseHtml } from "node-html-parser";

// node-html-parser keeps the text of <script>, <style> and <noscript> by default; that text must never be indexed.
const HTML_TEXT_ONLY = { blockTextElements: { script: false, style: false, noscript: false } };

/** Parses HTML for its text: script, style and noscript contents are dropped. */
export function parseHtmlForText(html: string): ReturnType<typeof parseHtml> {
  return parseHtml(html, HTML_TEXT_ONLY);
}

/** The text a reader sees in a piece of HTML (tags removed, character references decoded). */
export function htmlText(html: string): string {
  return parseHtmlForText(html).textContent;
}

/** Runs of spaces, tabs and no-break spaces made one space; each line trimmed; empty lines dropped. */
// Same as text.replace(/[ \t\u00a0]+/g, " ").replace(/\s*\n\s*/g, "\n").trim(), without the second regex, which
// retried at every space of a page's text. (String.prototype.trim strips exactly the characters \s matches.)
export function collapseWhitespace(text: string): string {
  if (!text.includes("\n")) return collapseLine(text);
  const lines: string[] = [];
  for (const line of text.split("\n")) {
    const collapsed = collapseLine(line);
    if (collapsed) lines.push(collapsed);
  }
  return lines.join("\n");
}

/** One line with its space runs made one space, trimmed. */
export function collapseLine(line: string): string {
  // Three substring searches are cheaper than one regex alternation, which tries both branches at every character.
  return (line.includes("  ") || line.includes("\t") || line.includes("\u00a0") ? line.replace(SPACE_RUNS, " ") : line).trim();
}
const SPACE_RUNS = /[ \t\u00a0]+/g;
