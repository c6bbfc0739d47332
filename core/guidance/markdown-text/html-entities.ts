/**
 * Named character references that guidance pages actually use. A full HTML5 table (2,000+ names) would be mostly
 * dead weight here; a name not listed is left as written, which keeps its word ("&frac12;" still reads "frac12")
 * and is never unsafe, because this text is only ever indexed or shown escaped.
 */
const NAMED: Readonly<Record<string, string>> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
  ndash: "–",
  mdash: "—",
  hellip: "…",
  lsquo: "‘",
  rsquo: "’",
  ldquo: "“",
  rdquo: "”",
  laquo: "«",
  raquo: "»",
  pound: "£",
  euro: "€",
  dollar: "$",
  cent: "¢",
  copy: "©",
  reg: "®",
  trade: "™",
  times: "×",
  divide: "÷",
  middot: "·",
  bull: "•",
  deg: "°",
  plusmn: "±",
  sect: "§",
  para: "¶",
  shy: "\u00ad",
  zwj: "\u200d",
  zwnj: "\u200c",
  rarr: "→",
  larr: "←",
  uarr: "↑",
  darr: "↓",
  check: "✓",
  cross: "✗",
};

const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));/y;

/**
 * Decodes the character reference at `at` (which holds "&"): the decoded text and the length read, or undefined
 * when there is no reference there. Code points that are not valid characters decode to U+FFFD, as in HTML.
 */
export function entityAt(text: string, at: number): { readonly text: string; readonly length: number } | undefined {
  ENTITY.lastIndex = at;
  const m = ENTITY.exec(text);
  if (!m) return undefined;
  if (m[3] !== undefined) {
    const named = NAMED[m[3]];
    return named === undefined ? undefined : { text: named, length: m[0].length };
  }
  const code = m[1] !== undefined ? Number.parseInt(m[1], 10) : Number.parseInt(m[2]!, 16);
  const valid = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
  return { text: valid ? String.fromCodePoint(code) : "\ufffd", length: m[0].length };
}
