import { meaningSimilarity, type WordVectors } from "../semantic/word-vectors";
import type { GuidanceIndex } from "./guidance-index";
import { FRAME_IMPORTANCE, type QueryPlan } from "./query-plan";
import { taggedFirst, type Ranked } from "./second-pass";

/**
 * The question's meaning: the mean word vector of its key words as typed (not synonyms or corrections, which the
 * words' own vectors already stand near). Framing ("what happens now", "council", "residents") counts for as little
 * here as it does in matching; the other words count alike (weighting them by rarity too scored lower on the bench's
 * tuning sets). Undefined without word vectors or when none of its words has one.
 */
export function questionMeaning(plan: QueryPlan, vectors: WordVectors | undefined): Float32Array | undefined {
  if (vectors === undefined) return undefined;
  const words = plan.concepts.slice(0, plan.wordConcepts);
  return vectors.meaningOf(
    words.map((c) => c.label),
    words.map((c) => (c.framing ? FRAME_IMPORTANCE : 1)),
  );
}

/**
 * Re-orders ranked pages by adding, to each page's score relative to the best page's, `weight` times how close its
 * title is in meaning to the question. Words decide which pages are candidates; meaning orders those that match the
 * question's words about equally well, and lifts a page titled for the question in other words. A page tagged with
 * exactly the question stays above the rest, as the author asked. Scores stay comparable within one question only.
 */
export function rerankByMeaning(ranked: readonly Ranked[], question: Float32Array | undefined, index: GuidanceIndex, weight: number): Ranked[] {
  // The best score, not the first page's: a tagged page comes first whatever its score.
  let best = 0;
  for (const r of ranked) best = Math.max(best, r.score);
  if (question === undefined || weight === 0 || best <= 0) return [...ranked];
  return ranked
    .map((r) => {
      const meaning = index.doc(r.slot)?.meaning;
      return { ...r, score: r.score / best + (meaning ? weight * meaningSimilarity(question, meaning) : 0) };
    })
    .sort(taggedFirst);
}
