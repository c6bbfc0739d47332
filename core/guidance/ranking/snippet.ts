import { scanWords } from "./analyzer";
import { CHECKPOINT_EVERY, type IndexedDoc, type GuidanceIndex } from "./guidance-index";
import type { TermLookup } from "./second-pass";

/** Words shown before the first matched word of the passage, so the snippet does not start mid-thought. */
const LEAD_IN_WORDS = 4;

/**
 * The snippet for a page: `words` body words from the best passage (or the start of the body), with every word
 * that matched the question wrapped in `**…**` and "…" where text was cut. A word the question matches on its own
 * is marked wherever it appears; a word of a vocabulary phrase ("annual leave" for "holiday", "time off in lieu"
 * for "TOIL") only where the phrase is, so a stray "time" is not marked. Re-reads only the passage, starting from
 * the nearest character checkpoint; a page whose text is read back from the store is read only up to the checkpoint
 * after the passage. A page changed since it was indexed (its checkpoints no longer fit) is quoted from its start.
 */
export function snippetOf(doc: IndexedDoc, passageStart: number, words: number, lookup: TermLookup, index: GuidanceIndex): string {
  let first = Math.max(0, passageStart - LEAD_IN_WORDS);
  // The first checkpoint past the window (its last word, and one more to tell whether text was cut), if any.
  const upTo = doc.checkpoints[Math.ceil((first + words + 1) / CHECKPOINT_EVERY)];
  const read = index.textOf(doc, upTo === undefined ? undefined : upTo + 1);
  if (!read.current) first = 0;
  const checkpoint = Math.floor(first / CHECKPOINT_EVERY);
  const from = read.current ? (doc.checkpoints[checkpoint] ?? 0) : 0;
  let word = checkpoint * CHECKPOINT_EVERY;
  const starts: number[] = [];
  const stops: number[] = [];
  const terms: number[] = [];
  let more = false;
  const text = read.text;
  scanWords(text, from, (surface, start, stop) => {
    const k = word++;
    if (k < first) return true;
    if (k >= first + words) {
      more = true;
      return false;
    }
    starts.push(start);
    stops.push(stop);
    terms.push(index.surfaceTerm(surface));
    return true;
  });
  if (starts.length === 0) return "";
  const marked = markedWords(terms, lookup, index);
  const parts: string[] = [];
  let cursor = starts[0]!;
  for (let k = 0; k < starts.length; k++) {
    if (marked[k] === 0) continue;
    parts.push(text.slice(cursor, starts[k]), "**", text.slice(starts[k], stops[k]), "**");
    cursor = stops[k]!;
  }
  parts.push(text.slice(cursor, stops[stops.length - 1]));
  const body = parts.join("").replace(/\s+/g, " ").trim();
  return (first > 0 ? "…" : "") + body + (more ? "…" : "");
}

/**
 * Which of a run of words (by term id, -1 unknown) to mark: words the question matches on their own, and the words
 * of each phrase occurrence. A phrase occurs where its key words follow one another (stopwords between them are
 * skipped: "time off in lieu"), all of them or, as ranking allows for longer phrases, a run of most of them in order
 * ("leadership team" for "senior leadership team").
 */
export function markedWords(terms: readonly number[], lookup: TermLookup, index: GuidanceIndex): Uint8Array {
  const marked = new Uint8Array(terms.length);
  // Positions of key words (not stopwords): phrases are matched over these.
  const keys: number[] = [];
  for (let k = 0; k < terms.length; k++) {
    const termId = terms[k]!;
    if (termId >= 0 && lookup.conceptOf(termId) >= 0 && lookup.matchesAlone(termId)) marked[k] = 1;
    if (termId < 0 || !index.isStopTerm(termId)) keys.push(k);
  }
  for (const phrase of lookup.phrases) {
    const n = phrase.length;
    const needed = n - Math.floor((n - 1) / 2);
    for (let p = 0; p < keys.length; p++) {
      for (let a = 0; a + needed <= n; a++) {
        let length = 0;
        while (a + length < n && p + length < keys.length && terms[keys[p + length]!] === phrase[a + length]) length++;
        if (length >= needed) for (let j = 0; j < length; j++) marked[keys[p + j]!] = 1;
      }
    }
  }
  return marked;
}
