import { getDefaults, Lexer, Parser, Renderer, type Tokens } from "marked";
import sanitizeHtml from "sanitize-html";

/**
 * Safe HTML for a guidance page, in two layers: Markdown is rendered from marked's tokens by a renderer that writes
 * only an allow-listed set of tags, escapes text and attributes, and drops links and images whose scheme is not
 * allowed; and the whole output then goes through sanitize-html, which also cleans the raw HTML an author wrote.
 */

/** URL schemes a link or image may use; anything else (javascript:, data:, vbscript:, file:) is dropped. */
export const ALLOWED_URL_SCHEMES: readonly string[] = ["https", "http", "mailto", "tel"];

/** sanitize-html options for raw HTML: whole HTML documents, and the raw-HTML blocks of Markdown. */
const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [...sanitizeHtml.defaults.allowedTags, "img"],
  allowedAttributes: { a: ["href", "title", "rel", "target"], img: ["src", "alt", "title"], th: ["scope"], td: ["colspan", "rowspan"] },
  allowedSchemes: [...ALLOWED_URL_SCHEMES],
  transformTags: { a: sanitizeHtml.simpleTransform("a", { rel: "noopener noreferrer", target: "_blank" }) },
};

/** Only the markup a guidance page needs; no scripts, styles, iframes or event handlers. */
export function sanitise(html: string): string {
  return sanitizeHtml(html, SANITIZE_OPTIONS);
}

/** Escapes text for an HTML text node or a double-quoted attribute. */
export function escapeHtml(text: string): string {
  return NEEDS_ESCAPE.test(text) ? text.replace(/[&<>"']/g, (c) => ESCAPES[c]!) : text;
}
const NEEDS_ESCAPE = /[&<>"']/;
const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

// Browsers ignore ASCII whitespace and control characters inside a scheme ("java\tscript:"), so they are removed
// before the scheme is read.
// eslint-disable-next-line no-control-regex -- the control range is the point.
const URL_NOISE = /[\u0000-\u0020\u007f-\u009f]+/g;
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const PLAINLY_SAFE = /^(?:https?:\/\/|\/[^/\\]|#|\.\.?\/)/i;

/**
 * The URL as it may appear in an attribute, or undefined when it must not: a scheme outside the allow-list, or a
 * URL marked cannot encode. Relative links (no scheme) are kept.
 */
export function safeUrl(href: string): string | undefined {
  // Most links are plainly web links or relative paths: no need to look for a disguised scheme.
  if (!PLAINLY_SAFE.test(href)) {
    const scheme = SCHEME.exec(href.replace(URL_NOISE, ""))?.[1];
    if (scheme !== undefined && !ALLOWED_URL_SCHEMES.includes(scheme.toLowerCase())) return undefined;
  }
  let encoded: string;
  try {
    encoded = encodeURI(href).replace(/%25/g, "%");
  } catch {
    return undefined;
  }
  return escapeHtml(encoded);
}

/**
 * marked's renderer, narrowed to what sanitize-html would have let through: no task-list inputs, no class or align
 * attributes, links opened safely in a new tab, text and attributes always escaped.
 */
class SafeRenderer extends Renderer {
  override code({ text }: Tokens.Code): string {
    return `<pre><code>${escapeHtml(text.replace(/\n$/, "") + "\n")}</code></pre>\n`;
  }

  override checkbox(): string {
    return "";
  }

  override tablecell(token: Tokens.TableCell): string {
    const type = token.header ? "th" : "td";
    return `<${type}>${this.parser.parseInline(token.tokens)}</${type}>\n`;
  }

  override del({ tokens }: Tokens.Del): string {
    return `<s>${this.parser.parseInline(tokens)}</s>`;
  }

  override link({ href, title, tokens }: Tokens.Link): string {
    const text = this.parser.parseInline(tokens);
    const url = safeUrl(href);
    if (url === undefined) return text;
    return `<a href="${url}"${title ? ` title="${escapeHtml(title)}"` : ""} rel="noopener noreferrer" target="_blank">${text}</a>`;
  }

  override image({ href, title, text, tokens }: Tokens.Image): string {
    const alt = tokens ? this.parser.parseInline(tokens, this.parser.textRenderer) : text;
    const url = safeUrl(href);
    if (url === undefined) return escapeHtml(alt);
    return `<img src="${url}" alt="${escapeHtml(alt)}"${title ? ` title="${escapeHtml(title)}"` : ""}>`;
  }

  // Raw HTML passes through here; markdownToHtml sanitises the whole output afterwards.
  override html({ text }: Tokens.HTML | Tokens.Tag): string {
    return text;
  }
}

const renderer = new SafeRenderer();
const parser = new Parser({ ...getDefaults(), renderer });

/**
 * Safe HTML for Markdown (CommonMark + GFM): each top-level block rendered by the allow-listing renderer above, then
 * sanitised on its own.
 * - Every block, not only those holding raw HTML: marked carries an unclosed inline <kbd>, <code> or <script> from
 *   one paragraph into the next and writes that next paragraph's text unescaped, so markup typed there
 *   ("<img src=x onerror=…>") would reach the page unsanitised.
 * - Block by block, not the page whole: an unclosed <script> written in prose ("the <script> tag") makes the
 *   sanitiser drop everything after it, which must cost that paragraph, not the rest of the page.
 * Pages are rendered when opened (and cached), so this costs a reader a few milliseconds, not every page at ingest.
 */
export function markdownToHtml(markdown: string): string {
  let out = "";
  for (const token of new Lexer().lex(markdown)) out += sanitise(parser.parse([token]));
  return out;
}
