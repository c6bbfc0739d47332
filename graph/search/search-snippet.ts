import { parse as parseHtml } from "node-html-parser";

/** Private-use placeholders: survive HTML parsing untouched, and are stripped from the input first so none are forged. */
const OPEN = "\uE000";
const CLOSE = "\uE001";
const GAP = "\uE002";
const PLACEHOLDERS = /[\uE000-\uE002]/g;
/** Microsoft Search wraps each matched term in `<c0>…</c0>` (the digit numbers the term) and marks cuts with `<ddd/>`. */
const HIGHLIGHT_OPEN = /<c\d+\s*>/gi;
const HIGHLIGHT_CLOSE = /<\/c\d+\s*>/gi;
const ELLIPSIS = /<ddd\s*\/?>(?:\s*<\/ddd>)?/gi;
/** Script and style text must never become snippet text. */
const TEXT_ONLY = { blockTextElements: { script: false, style: false, noscript: false } } as const;

/**
 * Turns a Microsoft Search `summary` into the plain-text snippet core's SearchHit promises: highlighted terms as
 * `**term**`, cuts as `…`, every other tag dropped and entities decoded (`&amp;` → `&`). The result is text, never
 * markup, so a tab or card can show it without sanitising.
 *
 * @example
 * snippetFromSummary("Claim <c0>annual</c0> <c0>leave</c0> <ddd/> policy &amp; forms") // "Claim **annual** **leave** … policy & forms"
 */
export function snippetFromSummary(summary: string | undefined): string {
  if (!summary) return "";
  const marked = summary.replace(PLACEHOLDERS, "").replace(HIGHLIGHT_OPEN, OPEN).replace(HIGHLIGHT_CLOSE, CLOSE).replace(ELLIPSIS, ` ${GAP} `);
  const text = parseHtml(marked, TEXT_ONLY).textContent;
  return text
    .replace(/\s+/g, " ")
    .replace(new RegExp(`${OPEN}\\s*${CLOSE}`, "g"), "")
    .replace(new RegExp(`${OPEN}(\\s*)`, "g"), "$1**")
    .replace(new RegExp(`(\\s*)${CLOSE}`, "g"), "**$1")
    .replace(new RegExp(`(?:\\s*${GAP}\\s*)+`, "g"), " … ")
    .replace(/^ … /, "… ")
    .replace(/ … $/, " …")
    .trim();
}
