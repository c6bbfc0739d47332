/**
 * Every tuning knob of Council Hub ranking, with the defaults the bench settled on. Tuned on the dev queries and
 * tests/bench/council-questions.jsonl as a whole (never per query); a change here should be re-measured with
 * `npm run bench`.
 */
/** One number per ranked field. */
export interface FieldNumbers {
  readonly title: number;
  readonly headings: number;
  readonly body: number;
  readonly path: number;
  readonly keywords: number;
}

export interface RankingOptions {
  /**
   * BM25F weight of each field: a word in the title says more about a page than one in its body. `keywords` is the
   * author's front matter keywords, tags and description; 0 ranks as if pages had none (the bench reports both).
   */
  readonly fieldWeights: FieldNumbers;
  /** BM25 length normalisation per field (0: none, 1: full). Titles are short and similar, so barely normalised. */
  readonly fieldB: FieldNumbers;
  /** BM25 term-frequency saturation. */
  readonly k1: number;
  /** Weight of a vocabulary equivalent (holiday → annual leave) against the word typed (1). */
  readonly synonymWeight: number;
  /** Weight of an equivalent when the typed words appear in no page (an acronym the pages never use). */
  readonly synonymWeightUnknown: number;
  /** Weight of a one-way broader word (laptop → equipment). */
  readonly broaderWeight: number;
  /** Weight of a spelling correction (one edit away) against the word typed. */
  readonly typoWeight: number;
  /** Shortest word we try to correct: short words have too many neighbours to guess from. */
  readonly typoMinLength: number;
  /** Pages re-ranked in the second phase (proximity, passage, coverage). */
  readonly rerankDepth: number;
  /** Bonus for query words near each other (per unit of shared idf, at distance 1). */
  readonly proximityWeight: number;
  /** Words apart beyond which two query words are not "near". */
  readonly proximityWindow: number;
  /** Passage length in words, for passage scoring and for the snippet. */
  readonly passageWords: number;
  /** Multiplier for the best passage's share of the question (0–1). */
  readonly passageWeight: number;
  /** Multiplier for the share of the question found in the title. */
  readonly titleCoverageWeight: number;
  /**
   * Bonus when the whole question is one of the page's own keywords (tags): an author tagged the page with exactly
   * what was asked, as an intranet's managed keywords work.
   */
  readonly tagMatchWeight: number;
  /**
   * Weight of closeness in meaning between the question and a page's title (cosine of their word-vector means, see
   * semantic/word-vectors), added to each page's score taken relative to the best page's (1). It re-orders the pages
   * the words found; it never adds pages. 0 is off, as is running without word vectors. 0.5–1 scored alike on the
   * tuning sets (council, A and B); 0.75 is the middle.
   */
  readonly meaningWeight: number;
  /** Multiplier for the share of the question found in the page's best-matching section heading. */
  readonly headingCoverageWeight: number;
  /** Exponent on coverage (share of the question's meaning a page matches): higher punishes partial matches more. */
  readonly coverageExponent: number;
  /** Credit for a word matched only through a synonym or a spelling correction, against an exact match (1). */
  readonly indirectMatchCredit: number;
  /**
   * Below this confidence (0–1) the engine says it has no good answer. Chosen on the council questions and holdouts
   * A and B pooled (125 answerable, 55 unanswerable questions), for the two targets together: at least 90% of
   * answerable questions answered, and "no answer" for most unanswerable ones. The rule: among thresholds that say
   * "no answer" to at least 60% of the unanswerable questions (a margin over "most"), those answering the most; of
   * those, the ones catching the most unanswerable questions; then one near the middle of that range. In steps of
   * 0.0025, 0.4025–0.41 all give answered 0.928 and unanswerable → no answer 0.618 (with and without re-ranking by
   * meaning); 0.405 is one of the two middle steps. 0.45 answered only 0.896: questions written blind use longer,
   * looser words than tuning questions, and a higher threshold hides their answers.
   */
  readonly noAnswerThreshold: number;
  /** Words in a snippet. */
  readonly snippetWords: number;
}

export const DEFAULT_RANKING_OPTIONS: RankingOptions = {
  fieldWeights: { title: 6, headings: 2.5, body: 1, path: 2, keywords: 4 },
  fieldB: { title: 0.3, headings: 0.5, body: 0.75, path: 0.3, keywords: 0.3 },
  k1: 2,
  synonymWeight: 0.5,
  synonymWeightUnknown: 0.85,
  broaderWeight: 0.3,
  typoWeight: 0.7,
  typoMinLength: 4,
  rerankDepth: 30,
  proximityWeight: 0.15,
  proximityWindow: 8,
  passageWords: 30,
  passageWeight: 0.3,
  titleCoverageWeight: 3,
  headingCoverageWeight: 0.5,
  tagMatchWeight: 0.5,
  meaningWeight: 0.75,
  coverageExponent: 0.5,
  indirectMatchCredit: 0.8,
  noAnswerThreshold: 0.405,
  snippetWords: 32,
};
