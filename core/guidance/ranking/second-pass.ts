import { containsRun } from "../curation/term-runs";
import type { Candidate, DeferredTerm } from "./first-pass";
import { GAP, type GuidanceIndex } from "./guidance-index";
import type { QueryPlan } from "./query-plan";
import type { RankingOptions } from "./ranking-options";

/**
 * Phase two, for the first phase's best few dozen pages: reads each page's word sequence once and measures what
 * bag-of-words BM25F cannot see: whether the question's words sit together (proximity), whether one short
 * passage answers most of the question (the passage is also the snippet), how much of the question the title
 * says, and how much of the question the page covers at all.
 */

/** A re-ranked page, with the evidence the no-answer decision and the snippet need. */
export interface Ranked {
  readonly slot: number;
  readonly score: number;
  /** Importance-weighted share of the question's words the page matches (0–1). */
  readonly coverage: number;
  /** The same share, within the best passage of the body. */
  readonly passageCoverage: number;
  /** The same share, within the title. */
  readonly titleCoverage: number;
  /** The same share, within the author's keywords, tags and description. */
  readonly keywordCoverage: number;
  /** Body word index where the best passage starts (-1: no body match). */
  readonly passageStart: number;
  /** True when one of the page's own keywords is exactly the question (see hasTag). */
  readonly tagged: boolean;
}

/** Term id → concept lookups for one query, as typed arrays reset after use (a Map per query is too slow). */
export class TermLookup {
  /** Term id → concept index (-1: not in the question). Public for the re-ranking loop; never resized mid-query. */
  concept = new Int32Array(1024).fill(-1);
  /** Term id → match credit (1 typed, less for synonyms and corrections). */
  credit = new Float32Array(1024);
  /**
   * Term id → 1 when the term matches on its own (typed, a one-word synonym, a correction), 0 when it is only a
   * word of a phrase (an "annual leave" for "holiday"): a snippet marks such a word only inside the phrase.
   */
  alone = new Uint8Array(1024);
  /** The phrases (two or more terms) the question can match through, each once. */
  readonly phrases: Array<readonly number[]> = [];
  private readonly set: number[] = [];

  /** Marks every term of the plan: typed words map to their own concept, expansions to the first word they cover. */
  load(plan: QueryPlan, vocabularySize: number, indirectCredit: number): void {
    if (this.concept.length < vocabularySize) {
      const size = Math.max(vocabularySize, this.concept.length * 2);
      this.concept = new Int32Array(size).fill(-1);
      this.credit = new Float32Array(size);
      this.alone = new Uint8Array(size);
    }
    const phraseKeys = new Set<string>();
    plan.concepts.forEach((concept, ci) => {
      const target = concept.covers.length > 0 ? concept.covers[0]! : ci;
      for (const alt of concept.alternatives) {
        if (alt.termIds.length === 1) {
          this.alone[alt.termIds[0]!] = 1;
        } else {
          const key = alt.termIds.join(" ");
          if (!phraseKeys.has(key)) {
            phraseKeys.add(key);
            this.phrases.push(alt.termIds);
          }
        }
        for (const termId of alt.termIds) {
          const credit = alt.exact ? 1 : indirectCredit;
          if (this.concept[termId]! >= 0 && this.credit[termId]! >= credit) continue;
          if (this.concept[termId]! < 0) this.set.push(termId);
          this.concept[termId] = target;
          this.credit[termId] = credit;
        }
      }
    });
  }

  conceptOf(termId: number): number {
    return termId >= 0 && termId < this.concept.length ? this.concept[termId]! : -1;
  }

  creditOf(termId: number): number {
    return this.credit[termId]!;
  }

  /** True when the term matches on its own; false for a word that only matches as part of a phrase (or not at all). */
  matchesAlone(termId: number): boolean {
    return termId >= 0 && termId < this.alone.length && this.alone[termId] === 1;
  }

  clear(): void {
    for (const termId of this.set) {
      this.concept[termId] = -1;
      this.credit[termId] = 0;
      this.alone[termId] = 0;
    }
    this.set.length = 0;
    this.phrases.length = 0;
  }
}

/** Re-scores candidates; returns them best first. */
export function rerank(
  candidates: readonly Candidate[],
  plan: QueryPlan,
  lookup: TermLookup,
  index: GuidanceIndex,
  options: RankingOptions,
  deferred: readonly DeferredTerm[] = [],
  norms: readonly Float32Array[] = [],
): Ranked[] {
  const n = plan.wordConcepts;
  const importance = plan.concepts.slice(0, n).map((c) => c.importance);
  const total = Math.max(plan.totalImportance, 1e-9);
  let pairMax = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) pairMax += Math.sqrt(importance[i]! * importance[j]!);

  const titleCredit = new Float32Array(n);
  const headingCredit = new Float32Array(n);
  const lastSeen = new Float64Array(n);
  const pairBest = new Float32Array(n * n);
  const windowCredit = new Float32Array(n);
  const ranked: Ranked[] = [];
  const window = options.proximityWindow;

  // Deferred (very common) terms are counted per field during the same scan: title, headings, body.
  const deferredOf = new Map<number, number>();
  deferred.forEach((d, k) => deferredOf.set(d.termId, k));
  const deferredCounts = new Int32Array(deferred.length * 3);
  const stop = index.stopFlags;
  const conceptOf = lookup.concept;
  const creditOf = lookup.credit;
  for (const candidate of candidates) {
    const doc = index.doc(candidate.slot)!;
    const seq = doc.sequence;
    titleCredit.fill(0);
    lastSeen.fill(-1e9);
    pairBest.fill(0);
    const matchPos: number[] = [];
    const matchConcept: number[] = [];
    const matchCredit: number[] = [];
    const matchWord: number[] = [];
    let position = 0;
    let bestHeading = 0;
    let heading = 0;
    headingCredit.fill(0);
    for (let i = 0; i < seq.length; i++) {
      const termId = seq[i]!;
      if (termId === GAP) {
        position += window + 1;
        // End of a heading: keep the best heading's share of the question (a section titled with the question).
        if (i >= doc.headingsStart && i < doc.bodyStart) {
          heading = 0;
          for (let c = 0; c < n; c++) heading += headingCredit[c]! * importance[c]!;
          if (heading > bestHeading) bestHeading = heading;
          headingCredit.fill(0);
        }
        continue;
      }
      // A stopword holds no position, unless the question matches it: a word that stems to one ("getting" → "get")
      // can be a key word, and two matches on one position would be infinitely close.
      if (stop[termId] === 0 || conceptOf[termId]! >= 0) position++;
      if (deferred.length > 0) {
        const k = deferredOf.get(termId);
        if (k !== undefined) deferredCounts[k * 3 + (i < doc.headingsStart ? 0 : i < doc.bodyStart ? 1 : 2)]!++;
      }
      const c = conceptOf[termId]!;
      if (c < 0) continue;
      const credit = creditOf[termId]!;
      if (i < doc.headingsStart && credit > titleCredit[c]!) titleCredit[c] = credit;
      else if (i < doc.bodyStart && credit > headingCredit[c]!) headingCredit[c] = credit;
      for (let o = 0; o < n; o++) {
        if (o === c) continue;
        const distance = position - lastSeen[o]!;
        if (distance <= window) {
          const closeness = 1 / distance;
          const at = o < c ? o * n + c : c * n + o;
          if (closeness > pairBest[at]!) pairBest[at] = closeness;
        }
      }
      lastSeen[c] = position;
      if (i >= doc.bodyStart) {
        matchPos.push(position);
        matchConcept.push(c);
        matchCredit.push(credit);
        matchWord.push(i - doc.bodyStart);
      }
    }

    let proximity = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) proximity += pairBest[i * n + j]! * Math.sqrt(importance[i]! * importance[j]!);
    const proximityShare = pairMax > 0 ? proximity / pairMax : 0;

    let titleShare = 0;
    for (let c = 0; c < n; c++) titleShare += titleCredit[c]! * importance[c]!;
    titleShare /= total;

    // Best passage: the window of `passageWords` body words that covers the most of the question.
    let bestPassage = 0;
    let passageStart = -1;
    for (let a = 0; a < matchPos.length; a++) {
      windowCredit.fill(0);
      let value = 0;
      for (let b = a; b < matchPos.length && matchPos[b]! - matchPos[a]! < options.passageWords; b++) {
        const c = matchConcept[b]!;
        const credit = matchCredit[b]!;
        if (credit > windowCredit[c]!) {
          value += (credit - windowCredit[c]!) * importance[c]!;
          windowCredit[c] = credit;
        }
      }
      if (value > bestPassage) {
        bestPassage = value;
        passageStart = matchWord[a]!;
      }
    }
    const passageShare = bestPassage / total;

    let firstScore = candidate.score;
    let exactMask = candidate.exactMask;
    let indirectMask = candidate.indirectMask;
    if (deferred.length > 0) {
      const slot = candidate.slot;
      deferred.forEach((d, k) => {
        const tf = deferredCounts[k * 3]! * norms[0]![slot]! + deferredCounts[k * 3 + 1]! * norms[1]![slot]! + deferredCounts[k * 3 + 2]! * norms[2]![slot]!;
        if (tf === 0) return;
        // A concept already matched by a rarer alternative keeps that (first-phase scores are per-concept maxima).
        if (((exactMask | indirectMask) & d.bits) === 0) firstScore += (d.weight * tf * (options.k1 + 1)) / (options.k1 + tf);
        if (d.exact) exactMask |= d.bits;
        else if (!d.broad) indirectMask |= d.bits;
      });
      deferredCounts.fill(0);
    }
    let coverage = 0;
    for (let c = 0; c < n; c++) {
      const bit = 1 << c;
      if (exactMask & bit) coverage += importance[c]!;
      else if (indirectMask & bit) coverage += options.indirectMatchCredit * importance[c]!;
    }
    coverage = Math.min(1, coverage / total);
    let keywordShare = 0;
    for (let c = 0; c < n; c++) {
      const bit = 1 << c;
      if (candidate.keywordMask & bit) keywordShare += (exactMask & bit ? 1 : options.indirectMatchCredit) * importance[c]!;
    }
    keywordShare = Math.min(1, keywordShare / total);

    const headingShare = bestHeading / total;
    // Tag matching off (weight 0) turns off both the bonus and the place first.
    const tagged = options.tagMatchWeight > 0 && doc.tags !== undefined && hasTag(doc.tags, plan.typedTerms, plan.questionTerms, stop);
    const boost =
      1 +
      (tagged ? options.tagMatchWeight : 0) +
      options.passageWeight * passageShare + options.titleCoverageWeight * titleShare + options.headingCoverageWeight * headingShare + options.proximityWeight * proximityShare;
    const score = firstScore * boost * Math.pow(Math.max(coverage, 0.05), options.coverageExponent);
    ranked.push({ slot: candidate.slot, score, coverage, passageCoverage: passageShare, titleCoverage: titleShare, keywordCoverage: keywordShare, passageStart, tagged });
  }
  // A page tagged with exactly the question comes first, whatever its words score: its author said it is about this.
  return ranked.sort(taggedFirst);
}

/** Orders ranked pages: those tagged with exactly the question first, then by score. */
export function taggedFirst(a: Ranked, b: Ranked): number {
  return Number(b.tagged) - Number(a.tagged) || b.score - a.score;
}

/**
 * True when one of an author's keywords (see IndexedDoc.tags) is exactly the question: its key words, so "what is
 * freedom of information" matches the tag "freedom of information"; and a keyword with small words of its own only
 * when the question has them too, in order, so the tag "IT support" is not the question "support".
 */
function hasTag(tags: Int32Array, key: readonly number[], all: readonly number[], stop: Uint8Array): boolean {
  for (let at = 0; at < tags.length; at += tags[at]! + 1) {
    const from = at + 1;
    const length = tags[at]!;
    let keyWords = 0;
    let matches = true;
    for (let i = 0; i < length && matches; i++) {
      const termId = tags[from + i]!;
      if (stop[termId] === 1) continue;
      matches = keyWords < key.length && key[keyWords] === termId;
      keyWords++;
    }
    if (!matches || keyWords !== key.length || keyWords === 0) continue;
    if (keyWords === length || containsRun(all, tags.subarray(from, from + length))) return true;
  }
  return false;
}
