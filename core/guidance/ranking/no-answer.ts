import type { RankingOptions } from "./ranking-options";
import type { Ranked } from "./second-pass";

/** Results whose titles are considered: an answer is often the second or third page, under the right title. */
const TITLE_EVIDENCE_DEPTH = 3;

/**
 * How sure we are that the results answer the question (0–1). Scores themselves are not used: BM25 scores are not
 * comparable across questions. Instead, three shares of the question's meaning (each word weighted by how rare, so
 * informative, it is):
 * - coverage: how much of the question the best page matches at all ("canteen opening times" against a page that
 *   mentions opening but never canteens covers little);
 * - passage: how much of it one short passage of that page matches (scattered words answer less than a paragraph),
 *   or the author's keywords and description, which say what the page is about as plainly as a passage would;
 * - title: how much of it the title of one of the top pages says (on an intranet, an answering page is nearly always
 *   titled for its topic; a page that only mentions the words in passing is not).
 */
export function answerConfidence(ranked: readonly Ranked[]): number {
  const best = ranked[0];
  if (!best) return 0;
  let title = 0;
  for (const r of ranked.slice(0, TITLE_EVIDENCE_DEPTH)) title = Math.max(title, r.titleCoverage);
  return 0.5 * best.coverage + 0.2 * Math.max(best.passageCoverage, best.keywordCoverage) + 0.3 * Math.min(1, 2 * title);
}

/** True when nothing answers well enough to present as an answer (the results are still returned, as "closest"). */
export function isNoAnswer(ranked: readonly Ranked[], options: RankingOptions): boolean {
  return answerConfidence(ranked) < options.noAnswerThreshold;
}
