import { FIELDS, type GuidanceIndex } from "./guidance-index";
import { idf, type QueryPlan } from "./query-plan";
import type { RankingOptions } from "./ranking-options";

/**
 * Phase one: BM25F over every page that matches anything, by walking postings into reusable accumulators.
 * Per concept a page scores its best alternative; per page the concepts add up. Only the top `depth` pages go on
 * to the (costlier) second phase.
 */

/** A first-phase result: a page slot, its BM25F score, and which concepts matched it (bit i = concept i). */
export interface Candidate {
  readonly slot: number;
  readonly score: number;
  /** Concepts matched by what was typed. */
  readonly exactMask: number;
  /** Concepts matched only through a synonym, correction or expansion. */
  readonly indirectMask: number;
  /** Concepts matched (one way or another) in the author's keywords, tags or description. */
  readonly keywordMask: number;
}

/**
 * A very common term (in more than DEFER_SHARE of a large library's pages) whose postings the first phase skips:
 * walking tens of thousands of postings for a word that barely moves a score is most of a query's cost at 100k
 * pages. The second phase scores it on the few pages it re-ranks, from their word sequences.
 */
export interface DeferredTerm {
  readonly termId: number;
  /** Concept bits the term stands for (see Candidate masks). */
  readonly bits: number;
  /** BM25F weight (alternative weight × idf), as the first phase would have used. */
  readonly weight: number;
  readonly exact: boolean;
  /** A one-way broader word: scores, but does not count as covering its concept. */
  readonly broad: boolean;
}

/** Deferral applies only from this many pages: below it, every posting is walked (it is cheap, and exact). */
export const DEFER_MIN_PAGES = 5_000;
export const DEFER_SHARE = 0.05;

/** Reusable scratch arrays and cached length norms for one index. */
export class FirstPass {
  private norms: Float32Array[] = [];
  private normsVersion = -1;
  private total = new Float32Array(0);
  private best = new Float32Array(0);
  private exact = new Uint32Array(0);
  private indirect = new Uint32Array(0);
  private tagged = new Uint32Array(0);
  private phraseSum = new Float32Array(0);
  private phraseCount = new Uint8Array(0);

  constructor(
    private readonly index: GuidanceIndex,
    private readonly options: RankingOptions,
  ) {}

  /** Per-field length norms (field weight folded in), indexed by slot: the second phase scores deferred terms with them. */
  get fieldNorms(): readonly Float32Array[] {
    return this.norms;
  }

  run(plan: QueryPlan, depth: number): { candidates: Candidate[]; deferred: DeferredTerm[] } {
    this.prepare();
    const { index } = this;
    const pages = Math.max(1, index.size);
    const k1 = this.options.k1;
    const [nTitle, nHeadings, nBody, nPath, nKeywords] = this.norms as [Float32Array, Float32Array, Float32Array, Float32Array, Float32Array];
    const touchedAll: number[] = [];
    const touchedConcept: number[] = [];
    const touchedPhrase: number[] = [];
    const live = index.liveFlags;
    const best = this.best;
    const deferred: DeferredTerm[] = [];
    const isCommon = (termId: number): boolean => pages >= DEFER_MIN_PAGES && index.documentFrequency(termId) > DEFER_SHARE * pages;
    // Defer only when something rarer will still pick the candidates.
    const canDefer = plan.concepts.some((c) => c.alternatives.some((a) => a.termIds.length > 1 || (index.documentFrequency(a.termIds[0]!) > 0 && !isCommon(a.termIds[0]!))));

    plan.concepts.forEach((concept, ci) => {
      // An expansion lends its match to the word concepts it stands for, so coverage sees them as matched.
      const bits = concept.covers.length > 0 ? concept.covers.reduce((m, c) => m | (1 << c), 0) : 1 << ci;
      const typedIdf = concept.covers.length === 0 ? concept.importance : Number.POSITIVE_INFINITY;
      for (const alt of concept.alternatives) {
        const single = alt.termIds.length === 1;
        const mask = alt.exact ? this.exact : this.indirect;
        // What a match marks as covered: nothing for a broader word (see Alternative.broad).
        const coverBits = alt.broad === true ? 0 : bits;
        // In a large library a phrase is looked up by its less common words ("new starter" by "starter"); a phrase
        // of common words only is left to its words' own concepts.
        const termIds = single || !canDefer ? alt.termIds : alt.termIds.filter((id) => !isCommon(id));
        if (termIds.length === 0) continue;
        for (const termId of termIds) {
          const list = index.postingsOf(termId);
          const df = index.documentFrequency(termId);
          if (!list || df === 0) continue;
          // A synonym or correction never counts as rarer than the word typed: a rare synonym must not outrank
          // pages that use the person's own word.
          const w = alt.weight * (alt.exact ? idf(df, pages) : Math.min(idf(df, pages), typedIdf));
          if (single && canDefer && isCommon(termId)) {
            deferred.push({ termId, bits, weight: w, exact: alt.exact, broad: alt.broad === true });
            continue;
          }
          const { docs, freqs, keywords, length } = list;
          for (let i = 0; i < length; i++) {
            const slot = docs[i]!;
            if (live[slot] === 0) continue;
            const p = freqs[i]!;
            // Field layout: see FIELD_SHIFT in guidance-index (unpacked inline: this loop runs once per posting).
            const tf =
              (p & 63) * nTitle[slot]! + ((p >>> 6) & 255) * nHeadings[slot]! + ((p >>> 14) & 4095) * nBody[slot]! + ((p >>> 26) & 63) * nPath[slot]! + keywords[i]! * nKeywords[slot]!;
            if (tf === 0) continue;
            const s = (w * tf * (k1 + 1)) / (k1 + tf);
            if (single) {
              // Inlined offer(): this loop runs once per posting.
              const current = best[slot]!;
              if (current === 0) touchedConcept.push(slot);
              mask[slot]! |= coverBits;
              if (keywords[i]! > 0) this.tagged[slot]! |= coverBits;
              if (s > current) best[slot] = s;
            } else {
              if (this.phraseCount[slot] === 0) touchedPhrase.push(slot);
              this.phraseCount[slot]!++;
              this.phraseSum[slot]! += s;
            }
          }
        }
        if (!single) {
          // A phrase scores its words' mean, scaled by the share of its words present: a soft AND that lets a long
          // phrase miss one word ("senior leadership team" → "leadership team") but never half of a short one.
          const n = termIds.length;
          const needed = n - Math.floor((n - 1) / 2);
          for (const slot of touchedPhrase) {
            const present = this.phraseCount[slot]!;
            if (present >= needed) {
              this.offer(slot, (this.phraseSum[slot]! / n) * (present / n) * (present / n), touchedConcept);
              mask[slot]! |= coverBits;
            }
            this.phraseCount[slot] = 0;
            this.phraseSum[slot] = 0;
          }
          touchedPhrase.length = 0;
        }
      }
      for (const slot of touchedConcept) {
        if (this.total[slot] === 0) touchedAll.push(slot);
        this.total[slot]! += this.best[slot]!;
        this.best[slot] = 0;
      }
      touchedConcept.length = 0;
    });

    const top = selectTop(touchedAll, this.total, depth);
    const candidates = top.map((slot) => ({ slot, score: this.total[slot]!, exactMask: this.exact[slot]!, indirectMask: this.indirect[slot]! & ~this.exact[slot]!, keywordMask: this.tagged[slot]! }));
    for (const slot of touchedAll) {
      this.total[slot] = 0;
      this.exact[slot] = 0;
      this.indirect[slot] = 0;
      this.tagged[slot] = 0;
    }
    return { candidates, deferred };
  }

  /** Keeps the best alternative's score per page for the current concept. */
  private offer(slot: number, score: number, touchedConcept: number[]): void {
    const current = this.best[slot]!;
    if (current === 0) touchedConcept.push(slot);
    if (score > current) this.best[slot] = score;
  }

  /** Sizes scratch arrays to the index and recomputes length norms after changes. */
  private prepare(): void {
    const slots = this.index.slotCount;
    if (this.total.length < slots) {
      const size = Math.max(slots, this.total.length * 2, 1024);
      this.total = new Float32Array(size);
      this.best = new Float32Array(size);
      this.exact = new Uint32Array(size);
      this.indirect = new Uint32Array(size);
      this.tagged = new Uint32Array(size);
      this.phraseSum = new Float32Array(size);
      this.phraseCount = new Uint8Array(size);
      this.normsVersion = -1;
    }
    if (this.normsVersion === this.index.changeVersion) return;
    const weights = this.options.fieldWeights;
    const bs = this.options.fieldB;
    this.norms = FIELDS.map((field, f) => {
      const norm = new Float32Array(this.total.length);
      const avg = this.index.averageFieldLength(f);
      const b = bs[field];
      const w = weights[field];
      for (let slot = 0; slot < slots; slot++) norm[slot] = w / (1 - b + (b * this.index.fieldLength(f, slot)) / avg);
      return norm;
    });
    this.normsVersion = this.index.changeVersion;
  }
}

/** The `k` highest-scoring slots, best first (a bounded min-heap: O(n log k)). */
export function selectTop(slots: readonly number[], scores: Float32Array, k: number): number[] {
  const heap: number[] = [];
  const less = (a: number, b: number): boolean => scores[a]! < scores[b]!;
  for (const slot of slots) {
    if (heap.length < k) {
      heap.push(slot);
      let i = heap.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!less(heap[i]!, heap[parent]!)) break;
        [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
        i = parent;
      }
    } else if (less(heap[0]!, slot)) {
      heap[0] = slot;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && less(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && less(heap[r]!, heap[m]!)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m]!, heap[i]!];
        i = m;
      }
    }
  }
  return heap.sort((a, b) => scores[b]! - scores[a]!);
}
