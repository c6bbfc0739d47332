/** Characters of a page's opening text shown for a pinned page that search did not rank (so has no passage). */
export const OPENING_SNIPPET_CHARS = 200;

/** The start of a page's text, cut at a word boundary with an ellipsis: the snippet of a pin with no ranked passage. */
export function openingSnippet(text: string, max: number = OPENING_SNIPPET_CHARS): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, "")}…`;
}
