import { parse as parseHtml } from "node-html-parser";
import { entityAt } from "./markdown-text/html-entities";

// node-html-parser keeps the text of <script>, <style> and <noscript> by default; that text must never be indexed.
const HTML_TEXT_ONLY = { blockTextElements: { script: false, style: false, noscript: false } };

/** Parses HTML for its text: script, style and noscript contents are dropped. */
export function parseHtmlForText(html: string): ReturnType<typeof parseHtml> {
  return parseHtml(html, HTML_TEXT_ONLY);
}

/**
 * The text a reader sees in a fragment of HTML (a raw-HTML block of a Markdown page): tags removed (block-level ones
 * leave a line break, so "<li>a</li><li>b</li>" is two words), script, style and noscript contents, comments and
 * declarations dropped, character references decoded. One linear pass, not a DOM: a fragment is often unbalanced
 * (it closes in a later block), and a DOM parser took seconds on a few thousand unclosed <div>s.
 */
export function htmlText(html: string): string {
  let out = "";
  let from = 0;
  const n = html.length;
  SPECIAL_CHARACTER.lastIndex = 0;
  for (let next = SPECIAL_CHARACTER.exec(html); next !== null; next = SPECIAL_CHARACTER.exec(html)) {
    const at = next.index;
    out += html.slice(from, at);
    if (next[0] === "&") {
      const entity = entityAt(html, at);
      out += entity ? entity.text : "&";
      from = at + (entity ? entity.length : 1);
    } else {
      MARKUP.lastIndex = at;
      const m = MARKUP.exec(html);
      if (!m) {
        out += "<";
        from = at + 1;
      } else {
        const name = m[1]?.toLowerCase();
        from = at + m[0].length;
        if (name !== undefined && !m[0].startsWith("</") && HIDDEN_CONTENT.has(name)) {
          // Skip to the element's end tag (or the end: an unclosed <script> hides the rest, as in a browser).
          const end = new RegExp(`</${name}[^>]*>`, "gi");
          end.lastIndex = from;
          const close = end.exec(html);
          from = close ? close.index + close[0].length : n;
        }
        if (name !== undefined && BLOCK_ELEMENTS.has(name)) out += "\n";
      }
    }
    SPECIAL_CHARACTER.lastIndex = from;
  }
  return out + html.slice(from);
}

/** Where markup or a character reference may start; text between them is copied as it is. */
const SPECIAL_CHARACTER = /[<&]/g;

// A tag (its name captured), a comment, or a declaration / processing instruction. Attribute values are bounded so an
// unclosed quote cannot send each later "<" to the end of the text.
const MARKUP = /<(?:\/?([A-Za-z][A-Za-z0-9-]{0,63})(?:\s+[^\s"'>/=]{1,256}(?:\s*=\s*(?:"[^"]{0,4000}"|'[^']{0,4000}'|[^\s"'=<>`]{1,4000}))?){0,256}\s*\/?>|!--[\s\S]*?(?:-->|$)|![^>]{0,4000}>|\?[^>]{0,4000}>)/y;
const HIDDEN_CONTENT = new Set(["script", "style", "noscript", "template"]);
const BLOCK_ELEMENTS = new Set(
  "address article aside blockquote br caption dd details div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td tfoot th thead tr ul".split(" "),
);

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
