import { collapseLine, collapseWhitespace, htmlText } from "../plain-text";
import { inlineText, referenceLabel } from "./inline-text";

/** What search needs from a Markdown body. */
export interface MarkdownText {
  /** The first level-1 heading (ATX "# …" or setext "…\n==="), if any. */
  readonly h1?: string;
  /** Every heading, in order, as plain text. */
  readonly headings: readonly string[];
  /** The body's plain text: a line per paragraph line, heading, table row and code line; markup removed. */
  readonly text: string;
}

/**
 * Title, headings and plain text of a Markdown body in one pass over its lines, for ingest.
 *
 * Why not the Markdown parser the page is rendered with: a full CommonMark + GFM lex (marked) was over 90% of
 * ingest's CPU, most of it building the block and inline token trees that text extraction then walked and threw
 * away. Search needs the words, in order, and which lines are headings; it does not need nesting, list numbering or
 * link targets. This scanner follows CommonMark's block rules where they decide whether a line is text, a heading
 * or neither (fenced and indented code, ATX and setext headings, thematic breaks, HTML blocks, link reference
 * definitions, GFM tables, list and block-quote markers) and its inline rules where they decide which characters are
 * words (see inline-text). A test checks it gives the same words as marked on tricky cases; the bench measures the
 * agreement over the whole guidance corpus. The page itself is still rendered by marked, when someone opens it.
 */
export function markdownText(markdown: string): MarkdownText {
  const source = markdown.includes("\r") ? markdown.replace(/\r\n?/g, "\n") : markdown;
  const scanner = new BlockScanner(referenceLabels(source));
  for (const line of source.split("\n")) scanner.line(line);
  return scanner.finish();
}

const QUOTE_MARKER = /^ {0,3}> ?/;
/**
 * Most block-quote and list markers taken off one line; any more are left as text (they hold no words). Real pages
 * nest a few deep; without a bound, a line of thousands of "> " or "- " cost time quadratic in its length.
 */
const MAX_CONTAINER_DEPTH = 32;
const LIST_MARKER = /^ {0,3}([-+*]|(\d{1,9})[.)])(?:[ \t]+|$)/;
/** A list marker inside a list, where nested items are indented by any amount. */
const NESTED_LIST_MARKER = /^[ \t]*([-+*]|(\d{1,9})[.)])(?:[ \t]+|$)/;
/** First characters of every block construct a line can open once list and quote markers are off it. */
const BLOCK_START = /^[`~#=\-*_+<|:[]/;
const BLANK = /^[ \t]*$/;
const TASK_BOX = /^\[[ xX]\](?:[ \t]+|$)/;
const FENCE = /^(`{3,}|~{3,})(.*)$/;
const ATX_HEADING = /^(#{1,6})(?=[ \t]|$)(.*)$/;
const ATX_CLOSING = /(?:^|[ \t]+)#+[ \t]*$/;
const SETEXT_1 = /^=+[ \t]*$/;
const SETEXT_2 = /^-+[ \t]*$/;
const THEMATIC_BREAK = /^(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const TABLE_DELIMITER = /^\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;
// A link reference definition: "[label]: destination" with an optional title, the destination on the label's line
// or the next. Strict, as in CommonMark: "[^1]: Note that…" (a footnote, which CommonMark does not have) is text.
const DESTINATION_AND_TITLE = String.raw`(?:<[^<>\n]*>|[^\s<]\S*)(?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'|\([^)\n]*\)))?[ \t]*$`;
const LINK_DEFINITION = new RegExp(String.raw`^\[(?:[^\]\\]|\\.)+\]:[ \t]*(?:${DESTINATION_AND_TITLE})?$`);
const DEFINITION_DESTINATION = new RegExp(`^${DESTINATION_AND_TITLE}`);
const LINK_DEFINITIONS = new RegExp(String.raw`^ {0,3}\[((?:[^\]\\\n]|\\.){1,999})\]:[ \t]*\n?[ \t]*${DESTINATION_AND_TITLE}`, "gm");

/** HTML block starts (CommonMark 4.6), each with the line that ends the block; undefined: a blank line ends it. */
const HTML_BLOCKS: ReadonlyArray<{ readonly start: RegExp; readonly end: RegExp | undefined; readonly interruptsParagraph: boolean }> = [
  { start: /^<(?:script|pre|style|textarea)(?:[\s>]|$)/i, end: /<\/(?:script|pre|style|textarea)>/i, interruptsParagraph: true },
  { start: /^<!--/, end: /-->/, interruptsParagraph: true },
  { start: /^<\?/, end: /\?>/, interruptsParagraph: true },
  { start: /^<![A-Za-z]/, end: />/, interruptsParagraph: true },
  { start: /^<!\[CDATA\[/, end: /\]\]>/, interruptsParagraph: true },
  {
    start:
      /^<\/?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul)(?:\s|\/?>|$)/i,
    end: undefined,
    interruptsParagraph: true,
  },
  {
    start: /^(?:<[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*\/?>|<\/[A-Za-z][A-Za-z0-9-]*\s*>)[ \t]*$/,
    end: undefined,
    interruptsParagraph: false,
  },
];

/** Labels of the page's link reference definitions, wherever they are (a reference may come before its definition). */
function referenceLabels(source: string): Set<string> {
  const labels = new Set<string>();
  if (!source.includes("]:")) return labels;
  for (const m of source.matchAll(LINK_DEFINITIONS)) labels.add(referenceLabel(m[1]!));
  return labels;
}

/** `line` with up to `most` block-quote markers taken off, and how many there were. */
function stripQuotes(line: string, most: number): { line: string; quotes: number } {
  let quotes = 0;
  while (quotes < most && QUOTE_MARKER.test(line)) {
    line = line.replace(QUOTE_MARKER, "");
    quotes++;
  }
  return { line, quotes };
}

/** Leading spaces of a line, a tab counting to the next multiple of 4 (CommonMark's tab stop). */
function indentOf(line: string): number {
  let width = 0;
  for (const c of line) {
    if (c === " ") width++;
    else if (c === "\t") width += 4 - (width % 4);
    else break;
  }
  return width;
}

/** `line` with up to `width` columns of leading whitespace removed. */
function unindent(line: string, width: number): string {
  let i = 0;
  let column = 0;
  while (i < line.length && column < width && (line[i] === " " || line[i] === "\t")) {
    column += line[i] === "\t" ? 4 - (column % 4) : 1;
    i++;
  }
  return line.slice(i);
}

/** Cells of a table row: split on pipes that are not escaped, the outer pipes dropped. */
function tableCells(row: string): string[] {
  let text = row.trim();
  if (text.startsWith("|")) text = text.slice(1);
  if (text.endsWith("|") && !text.endsWith("\\|")) text = text.slice(0, -1);
  return text.split(/(?<!\\)\|/).map((cell) => cell.trim().replace(/\\\|/g, "|"));
}

class BlockScanner {
  private readonly out: string[] = [];
  private readonly headings: string[] = [];
  private h1: string | undefined;
  /** Lines of the open paragraph, and whether it began on a list item's line. */
  private paragraph: string[] = [];
  private paragraphInListItem = false;
  /** An open fenced code block: its marker, indent, the quote depth and list it sits in, and its lines so far. */
  private fence: { readonly marker: string; readonly indent: number; readonly quotes: number; readonly inList: boolean; readonly lines: string[] } | undefined;
  /** An open HTML block: the line that ends it (undefined: a blank line), its quote depth, and its lines so far. */
  private html: { readonly end: RegExp | undefined; readonly quotes: number; readonly lines: string[] } | undefined;
  private inTable = false;
  /** The line before was a link reference definition's label without its destination. */
  private definitionOpen = false;
  private inList = false;
  private previousBlank = true;

  constructor(private readonly references: ReadonlySet<string>) {}

  line(raw: string): void {
    if (this.fence) return this.fenceLine(raw);
    if (this.html) return this.htmlLine(raw);
    const stripped = stripQuotes(raw, MAX_CONTAINER_DEPTH);
    const quotes = stripped.quotes;
    let line = stripped.line;
    if (BLANK.test(line)) {
      this.definitionOpen = false;
      this.endParagraph();
      this.inTable = false;
      this.previousBlank = true;
      return;
    }
    const indent = indentOf(line);
    // After a blank line, text back at the margin ends a list; until then indented lines belong to its items.
    if (this.previousBlank && indent < 2 && !LIST_MARKER.test(line)) this.inList = false;
    const blankBefore = this.previousBlank;
    this.previousBlank = false;
    // Indented code: four spaces, outside a list, not continuing a paragraph. Kept as written, like fenced code.
    if (indent >= 4 && !this.inList && this.paragraph.length === 0 && !this.inTable) {
      this.emit(unindent(line, 4));
      return;
    }
    let fromListItem = false;
    const marker = this.inList ? NESTED_LIST_MARKER : LIST_MARKER;
    let depth = 0;
    for (let item = marker.exec(line); item !== null && depth++ < MAX_CONTAINER_DEPTH && !THEMATIC_BREAK.test(line.trim()); item = marker.exec(line)) {
      // An empty item cannot interrupt a paragraph ("text\n  -" is a setext heading), nor, outside a list, can a
      // list that starts with a number other than 1 (CommonMark 5.2): "2019. A good year" there is just text.
      const rest = line.slice(item[0].length);
      if (this.paragraph.length > 0 && !blankBefore && (!rest.trim() || (!this.inList && item[2] !== undefined && item[2] !== "1"))) break;
      this.endParagraph();
      this.inTable = false;
      this.inList = true;
      fromListItem = true;
      line = rest.replace(TASK_BOX, "");
    }
    const text = line.trimStart();
    if (!text) return;
    this.block(text, indent, quotes, fromListItem);
  }

  private block(text: string, indent: number, quotes: number, fromListItem: boolean): void {
    // Most lines are prose: one whose first character starts no block construct skips every block test below.
    const definitionOpen = this.definitionOpen;
    this.definitionOpen = false;
    if (!definitionOpen && !BLOCK_START.test(text)) return this.textLine(text, fromListItem);
    const fence = FENCE.exec(text);
    if (fence && !(fence[1]!.startsWith("`") && fence[2]!.includes("`"))) {
      this.endParagraph();
      this.inTable = false;
      // In a list item: opened on the item's line, or indented under it (a fence back at the margin ends the list).
      this.fence = { marker: fence[1]!, indent, quotes, inList: fromListItem || (this.inList && indent > 0), lines: [] };
      return;
    }
    const atx = ATX_HEADING.exec(text);
    if (atx) {
      this.endParagraph();
      this.inTable = false;
      this.heading(atx[2]!.replace(ATX_CLOSING, ""), atx[1]!.length);
      return;
    }
    if (this.paragraph.length > 0 && !this.inTable) {
      const header = this.paragraph[this.paragraph.length - 1]!;
      if (TABLE_DELIMITER.test(text) && text.includes("|") && header.includes("|") && tableCells(header).length === tableCells(text).length) {
        this.paragraph.pop();
        this.endParagraph();
        this.row(header);
        this.inTable = true;
        return;
      }
      // A setext underline makes the paragraph above it a heading, unless that paragraph is a list item's and the
      // underline is back at the margin (then it is a thematic break after the list).
      const underline = SETEXT_1.test(text) ? 1 : SETEXT_2.test(text) ? 2 : 0;
      if (underline > 0 && !(this.paragraphInListItem && !fromListItem && indent < 2)) {
        const lines = this.paragraph;
        this.paragraph = [];
        this.heading(lines.join("\n"), underline);
        return;
      }
    }
    if (THEMATIC_BREAK.test(text)) {
      this.endParagraph();
      this.inTable = false;
      return;
    }
    if (text.startsWith("<") && indent < 4) {
      const html = HTML_BLOCKS.find((b) => b.start.test(text) && (b.interruptsParagraph || this.paragraph.length === 0));
      if (html) {
        this.endParagraph();
        this.inTable = false;
        this.html = { end: html.end, quotes, lines: [text] };
        if (html.end?.test(text.slice(1))) this.endHtml();
        return;
      }
    }
    if (this.paragraph.length === 0 && !this.inTable) {
      if (definitionOpen && DEFINITION_DESTINATION.test(text)) return;
      const definition = LINK_DEFINITION.exec(text);
      if (definition) {
        // "[label]:" alone: its destination is on the next line.
        this.definitionOpen = definition[0].trimEnd().endsWith("]:");
        return;
      }
    }
    this.textLine(text, fromListItem);
  }

  /** A line that is no block construct of its own: a table row, or a line of a paragraph. */
  private textLine(text: string, fromListItem: boolean): void {
    if (this.inTable) return this.row(text);
    if (this.paragraph.length === 0) this.paragraphInListItem = fromListItem;
    this.paragraph.push(text);
  }

  private fenceLine(raw: string): void {
    const fence = this.fence!;
    const { line, quotes } = stripQuotes(raw, fence.quotes);
    // The container the fence is in ended (fewer quote markers; a list item's fence meets a line back at the
    // margin): so does the fence, as in CommonMark, and the line is read afresh.
    if (quotes < fence.quotes || (fence.inList && !BLANK.test(line) && indentOf(line) < Math.max(1, fence.indent))) {
      this.emit(fence.lines.join("\n"));
      this.fence = undefined;
      return this.line(raw);
    }
    const text = line.trimStart();
    const marker = fence.marker[0]!;
    let run = 0;
    while (text[run] === marker) run++;
    if (run >= fence.marker.length && !text.slice(run).trim() && indentOf(line) - fence.indent < 4) {
      this.emit(fence.lines.join("\n"));
      this.fence = undefined;
      this.previousBlank = false;
      return;
    }
    fence.lines.push(unindent(line, fence.indent));
  }

  private htmlLine(raw: string): void {
    const html = this.html!;
    const { line, quotes } = stripQuotes(raw, html.quotes);
    // A block quote that ended ends the HTML block inside it; the line is read afresh.
    if (quotes < html.quotes) {
      this.endHtml();
      return this.line(raw);
    }
    if (html.end === undefined && BLANK.test(line)) {
      this.endHtml();
      this.previousBlank = true;
      return;
    }
    html.lines.push(line);
    if (html.end?.test(line)) this.endHtml();
  }

  private endHtml(): void {
    this.emit(htmlText(this.html!.lines.join("\n")));
    this.html = undefined;
    this.previousBlank = false;
  }

  private heading(markdown: string, depth: number): void {
    const text = collapseWhitespace(inlineText(markdown.trim(), this.references));
    this.headings.push(text);
    this.emit(text);
    if (depth === 1 && this.h1 === undefined) this.h1 = text;
  }

  private row(markdown: string): void {
    this.emit(tableCells(markdown).map((cell) => inlineText(cell, this.references)).join(" "));
  }

  private endParagraph(): void {
    if (this.paragraph.length === 0) return;
    this.emit(inlineText(this.paragraph.join("\n"), this.references));
    this.paragraph = [];
  }

  /** Adds text to the output a line at a time, each collapsed and trimmed, empty lines dropped. */
  private emit(text: string): void {
    if (!text.includes("\n")) {
      const line = collapseLine(text);
      if (line) this.out.push(line);
      return;
    }
    for (const raw of text.split("\n")) {
      const line = collapseLine(raw);
      if (line) this.out.push(line);
    }
  }

  finish(): MarkdownText {
    this.endParagraph();
    if (this.fence) this.emit(this.fence.lines.join("\n"));
    if (this.html) this.endHtml();
    return { ...(this.h1 !== undefined ? { h1: this.h1 } : {}), headings: this.headings, text: this.out.join("\n") };
  }
}
