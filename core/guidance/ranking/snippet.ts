import { scanWords } from "./analyzer";
import { CHECKPOINT_EVERY, type IndexedDoc, type GuidanceIndex } from "./guidance-index";
import type { TermLookup } from "./second-pass";

/** Words shown before the first matched word of the passage, so the snippet does not start mid-thought. */
const LEAD_IN_WORDS = 4;

/**
 * The snippet for a page: `words` body words from the best passage (or the start of the body), with every word
 * that matched the question wrapped in `**…**` and "…" where text was cut. Re-reads only the passage, starting
 * from the nearest character checkpoint, so a snippet costs the same on a long page as on a short one.
 */
export function snippetOf(doc: IndexedDoc, passageStart: number, words: number, lookup: TermLookup, index: GuidanceIndex): string {
  const first = Math.max(0, passageStart - LEAD_IN_WORDS);
  const checkpoint = Math.floor(first / CHECKPOINT_EVERY);
  const from = doc.checkpoints[checkpoint] ?? 0;
  let word = checkpoint * CHECKPOINT_EVERY;
  const parts: string[] = [];
  let cursor = -1;
  let end = -1;
  let more = false;
  const text = doc.text;
  scanWords(text, from, (surface, start, stop) => {
    const k = word++;
    if (k < first) return true;
    if (k >= first + words) {
      more = true;
      return false;
    }
    if (cursor < 0) cursor = start;
    const termId = index.surfaceTerm(surface);
    if (termId >= 0 && lookup.conceptOf(termId) >= 0) {
      parts.push(text.slice(cursor, start), "**", text.slice(start, stop), "**");
      cursor = stop;
    }
    end = stop;
    return true;
  });
  if (cursor < 0) return "";
  parts.push(text.slice(cursor, end));
  const body = parts.join("").replace(/\s+/g, " ").trim();
  return (first > 0 ? "…" : "") + body + (more ? "…" : "");
}
