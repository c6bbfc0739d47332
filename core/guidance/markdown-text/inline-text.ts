import { entityAt } from "./html-entities";

/**
 * Plain text of inline Markdown (a paragraph, a heading, a table cell), as a reader sees it: link text without its
 * address, code spans' contents, emphasis marks and inline HTML tags removed, escapes and character references
 * decoded, images left out (their alt text is not part of the page's text). This is what the search index and the
 * snippets read; the page itself is rendered by a full CommonMark parser when someone opens it.
 *
 * `references` holds the page's link reference labels (normalised with {@link referenceLabel}): "[text][ref]" and
 * "[text]" are links only when their label is defined, as in CommonMark; otherwise the brackets are plain text.
 */
export function inlineText(source: string, references: ReadonlySet<string>): string {
  return new InlineScan(source, references, 0).text();
}

/** Characters that may start inline markup; everything between them is copied as it is. */
const SPECIAL = /[\\`![<&*_~]/g;

/**
 * Links nested deeper than this (a link in a link's text, which CommonMark does not allow anyway) are read as plain
 * text: each level re-reads its text, so unbounded nesting would cost time quadratic in the paragraph's length.
 */
const MAX_LINK_NESTING = 3;
/** Longest link reference label, as in CommonMark. */
const MAX_REFERENCE_LABEL = 999;
/** Longest link destination and title read: a ")" further on is not taken as closing a link (it keeps the scan linear). */
export const MAX_LINK_TAIL = 2_000;

interface Read {
  readonly text: string;
  readonly length: number;
}

/**
 * One pass over a run of inline Markdown. Matching brackets are found once for the whole run (a stack pass), not
 * searched for from every "[": text full of unmatched brackets (a pasted log, a regex) would otherwise cost time
 * quadratic in its length.
 */
class InlineScan {
  private closing: Int32Array | undefined;

  constructor(
    private readonly source: string,
    private readonly references: ReadonlySet<string>,
    private readonly depth: number,
  ) {}

  text(): string {
    const { source } = this;
    let out = "";
    let from = 0;
    // One shared regex: a link's text is read by a nested scan, which moves lastIndex; it is set back after each read.
    SPECIAL.lastIndex = 0;
    for (let m = SPECIAL.exec(source); m !== null; m = SPECIAL.exec(source)) {
      const at = m.index;
      out += source.slice(from, at);
      const read = this.special(at);
      out += read.text;
      from = at + read.length;
      SPECIAL.lastIndex = from;
    }
    return out + source.slice(from);
  }

  private special(at: number): Read {
    const { source } = this;
    const c = source[at]!;
    switch (c) {
      case "\\":
        return escape(source, at);
      case "`":
        return codeSpan(source, at);
      case "!":
        // An image is left out whole: its alt text describes a picture, not the page's subject.
        if (source[at + 1] === "[") {
          const image = this.link(at + 1);
          if (image) return { text: "", length: image.length + 1 };
        }
        return { text: "!", length: 1 };
      case "[": {
        const found = this.link(at);
        return found ? { text: new InlineScan(found.label, this.references, this.depth + 1).text(), length: found.length } : { text: "[", length: 1 };
      }
      case "<":
        return angle(source, at);
      case "&":
        return entityAt(source, at) ?? { text: "&", length: 1 };
      default:
        return delimiterRun(source, at, c);
    }
  }

  /**
   * A link at `at` (which holds "["): its label and the length of the whole link, or undefined when the brackets are
   * not a link. Inline links "[label](destination "title")", full "[label][ref]", collapsed "[label][]" and shortcut
   * "[label]" references (when the label is defined).
   */
  private link(at: number): { label: string; length: number } | undefined {
    if (this.depth >= MAX_LINK_NESTING) return undefined;
    const { source, references } = this;
    const close = this.closingBracket(at);
    if (close === -1) return undefined;
    const label = source.slice(at + 1, close);
    const after = close + 1;
    if (source[after] === "(") {
      const end = closingParen(source, after);
      if (end !== -1) return { label, length: end + 1 - at };
    }
    // Reference labels are at most 999 characters (CommonMark): longer bracketed text is not normalised and looked up.
    if (references.size === 0 || close - at > MAX_REFERENCE_LABEL) return undefined;
    if (source[after] === "[") {
      const refEnd = this.closingBracket(after);
      if (refEnd !== -1) {
        const ref = source.slice(after + 1, refEnd);
        if (references.has(referenceLabel(ref.trim() ? ref : label))) return { label, length: refEnd + 1 - at };
      }
    }
    return references.has(referenceLabel(label)) ? { label, length: after - at } : undefined;
  }

  /** The "]" that closes the "[" at `at` (nested brackets allowed; escapes and code spans skipped); -1 when unclosed. */
  private closingBracket(at: number): number {
    this.closing ??= matchBrackets(this.source);
    return this.closing[at]!;
  }
}

/** For each "[" of `source`, the index of the "]" that closes it, or -1; escapes and code spans are skipped. */
function matchBrackets(source: string): Int32Array {
  const closing = new Int32Array(source.length).fill(-1);
  const open: number[] = [];
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") i++;
    else if (c === "`") i += codeSpan(source, i).length - 1;
    else if (c === "[") open.push(i);
    else if (c === "]" && open.length > 0) closing[open.pop()!] = i;
  }
  return closing;
}

const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;

function escape(source: string, at: number): Read {
  const next = source[at + 1];
  if (next === "\n") return { text: "\n", length: 2 }; // a hard line break
  if (next !== undefined && ASCII_PUNCTUATION.test(next)) return { text: next, length: 2 };
  return { text: "\\", length: 1 };
}

/** A code span: its contents as written. A backtick run with no closing run of the same length is literal. */
function codeSpan(source: string, at: number): Read {
  let n = 1;
  while (source[at + n] === "`") n++;
  const fence = "`".repeat(n);
  let close = source.indexOf(fence, at + n);
  while (close !== -1 && source[close + n] === "`") {
    let end = close + n;
    while (source[end] === "`") end++;
    close = source.indexOf(fence, end);
  }
  if (close === -1) return { text: fence, length: n };
  return { text: source.slice(at + n, close).replace(/\n/g, " "), length: close + n - at };
}

/** The ")" that ends an inline link's destination and title, allowing balanced parentheses and <…> destinations. */
function closingParen(source: string, at: number): number {
  let depth = 0;
  let quote: string | undefined;
  const end = Math.min(source.length, at + MAX_LINK_TAIL);
  for (let i = at; i < end; i++) {
    const c = source[i];
    if (c === "\\") i++;
    else if (quote !== undefined) {
      if (c === quote) quote = undefined;
    } else if ((c === '"' || c === "'") && /\s/.test(source[i - 1] ?? "")) quote = c;
    else if (c === "<" && i === at + 1) {
      const close = source.slice(i, end).indexOf(">");
      if (close === -1) return -1;
      i += close;
    } else if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return i;
    else if (c === "\n" && source[i + 1] === "\n") return -1;
  }
  return -1;
}

const AUTOLINK = /<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)>/y;
// Bounded repeats: a "<" that opens no tag (an unclosed quote or comment) must not send every later "<" scanning to
// the end of the paragraph.
const TAG = /<(?:\/?[A-Za-z][A-Za-z0-9-]{0,63}(?:\s+[A-Za-z_:][\w.:-]{0,63}(?:\s*=\s*(?:"[^"]{0,1000}"|'[^']{0,1000}'|[^\s"'=<>`]{1,1000}))?){0,64}\s*\/?>|!--[\s\S]{0,2000}?-->|\?[\s\S]{0,2000}?\?>|![A-Za-z][^>]{0,2000}>|!\[CDATA\[[\s\S]{0,2000}?\]\]>)/y;
const BREAK_TAG = /^<br\s*\/?>$/i;

/** An autolink keeps its address as text; an inline HTML tag or comment is removed (a <br> becomes a line break). */
function angle(source: string, at: number): Read {
  AUTOLINK.lastIndex = at;
  const auto = AUTOLINK.exec(source);
  if (auto) return { text: auto[1]!, length: auto[0].length };
  TAG.lastIndex = at;
  const tag = TAG.exec(source);
  if (tag) return { text: BREAK_TAG.test(tag[0]) ? "\n" : "", length: tag[0].length };
  return { text: "<", length: 1 };
}

const WORD_CHARACTER = /[\p{L}\p{N}]/u;

/**
 * A run of "*", "_" or "~": emphasis or strikethrough marks are dropped, literal ones kept. A run between two word
 * characters is kept for "_" ("snake_case", "file_name") and for "*" ("2*3"), as CommonMark mostly reads them
 * literally there; a run with a word on one side is a mark; a run with space on both sides ("a * b") is literal.
 */
function delimiterRun(source: string, at: number, c: string): Read {
  let n = 1;
  while (source[at + n] === c) n++;
  const before = source[at - 1] ?? " ";
  const after = source[at + n] ?? " ";
  const wordBefore = WORD_CHARACTER.test(before);
  const wordAfter = WORD_CHARACTER.test(after);
  const spaceBefore = /\s/.test(before);
  const spaceAfter = /\s/.test(after);
  const literal = (wordBefore && wordAfter) || (spaceBefore && spaceAfter);
  return { text: literal ? source.slice(at, at + n) : "", length: n };
}

/** A link reference label as CommonMark matches it: case-folded, inner whitespace collapsed. */
export function referenceLabel(label: string): string {
  return label.trim().replace(/\s+/g, " ").toLowerCase();
}
