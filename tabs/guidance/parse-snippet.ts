/** One run of snippet text; `highlighted` runs are the words that matched the search. */
export interface SnippetPart {
  readonly text: string;
  readonly highlighted: boolean;
}

/** The marker the host wraps matched terms in: `…the **annual** **leave** year…`. */
const MARKER = "**";

/**
 * Splits a snippet into plain and highlighted runs. The snippet is page text, so it is never parsed as HTML:
 * React renders each run as text, which keeps a page that mentions "<script>" harmless. An unpaired marker
 * (a snippet cut mid-way) is shown as literal text rather than highlighting the rest of the snippet.
 */
export function parseSnippet(snippet: string): SnippetPart[] {
  const pieces = snippet.split(MARKER);
  // An even number of pieces means an odd number of markers: the last one has no partner.
  const unpaired = pieces.length % 2 === 0;
  const parts: SnippetPart[] = [];
  pieces.forEach((text, index) => {
    const isLast = index === pieces.length - 1;
    if (unpaired && isLast) {
      push(parts, `${MARKER}${text}`, false);
      return;
    }
    push(parts, text, index % 2 === 1);
  });
  return parts;
}

/** Adds a run, merging it into the previous one when both have the same highlight, and skipping empty runs. */
function push(parts: SnippetPart[], text: string, highlighted: boolean): void {
  if (!text) return;
  const last = parts[parts.length - 1];
  if (last && last.highlighted === highlighted) parts[parts.length - 1] = { text: last.text + text, highlighted };
  else parts.push({ text, highlighted });
}
