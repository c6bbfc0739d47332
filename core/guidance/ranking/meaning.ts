import { meaningSimilarity, type WordVectors } from "../semantic/word-vectors";
import type { GuidanceIndex } from "./guidance-index";
import type { QueryPlan } from "./query-plan";
import type { Ranked } from "./second-pass";

/**
 * The question's meaning: the mean word vector of its key words as typed (not synonyms or corrections, which the
 * words' own vectors already stand near). Undefined without word vectors or when none of its words has one.
 */
export function questionMeaning(plan: QueryPlan, vectors: WordVectors | undefined): Float32Array | undefined {
  return vectors?.meaningOf(plan.concepts.slice(0, plan.wordConcepts).map((c) => c.label));
}

/**
 * Re-orders ranked pages by adding, to each page's score relative to the best page's, `weight` times how close its
 * title is in meaning to the question. Words decide which pages are candidates; meaning orders those that match the
 * question's words about equally well, and lifts a page titled for the question in other words. Scores stay
 * comparable within one question only, as before.
 */
export function rerankByMeaning(ranked: readonly Ranked[], question: Float32Array | undefined, index: GuidanceIndex, weight: number): Ranked[] {
  const best = ranked[0]?.score ?? 0;
  if (question === undefined || weight === 0 || best <= 0) return [...ranked];
  return ranked
    .map((r) => {
      const meaning = index.doc(r.slot)?.meaning;
      return { ...r, score: r.score / best + (meaning ? weight * meaningSimilarity(question, meaning) : 0) };
    })
    .sort((a, b) => b.score - a.score);
}
