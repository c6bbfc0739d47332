/**
 * Ranking and latency metrics for the bench. Pure functions, unit-tested on hand-computed cases in metrics.test.ts.
 *
 * Relevance grades are TREC-style: 0 (or absent) is not relevant, higher is more relevant. Gains are graded
 * (2^rel − 1) and discounted by log2(rank + 1), as in Järvelin & Kekäläinen's nDCG.
 */

/** Page id → relevance grade for one query. Ids missing from the map are graded 0. */
export type Judgments = Readonly<Record<string, number>>;

/** Rank cut-off used throughout the bench (a bot answer card and a search page both show at most 10). */
export const CUTOFF = 10;

/** The first `k` ids of a ranking, each id once: a repeated id earns nothing the second time. */
function topUnique(ranking: readonly string[], k: number): string[] {
  return [...new Set(ranking)].slice(0, k);
}

const grade = (judgments: Judgments, id: string): number => Math.max(0, judgments[id] ?? 0);
const gain = (rel: number): number => 2 ** rel - 1;
const discount = (rank: number): number => Math.log2(rank + 1);

/** Discounted cumulative gain of grades in rank order (rank 1 first), cut at `k`. */
export function dcg(grades: readonly number[], k: number = CUTOFF): number {
  return grades.slice(0, k).reduce((sum, rel, i) => sum + gain(rel) / discount(i + 1), 0);
}

/**
 * nDCG@k: the ranking's DCG over the best DCG the judgments allow. 0 when nothing is judged relevant
 * (callers should leave such queries out of the mean rather than count them as failures).
 */
export function ndcgAt(ranking: readonly string[], judgments: Judgments, k: number = CUTOFF): number {
  const ideal = dcg(
    Object.values(judgments)
      .filter((rel) => rel > 0)
      .sort((a, b) => b - a),
    k,
  );
  if (ideal === 0) return 0;
  return dcg(topUnique(ranking, k).map((id) => grade(judgments, id)), k) / ideal;
}

/** Reciprocal rank of the first relevant id within the top `k`; 0 when none is there. */
export function reciprocalRankAt(ranking: readonly string[], judgments: Judgments, k: number = CUTOFF): number {
  const index = topUnique(ranking, k).findIndex((id) => grade(judgments, id) > 0);
  return index < 0 ? 0 : 1 / (index + 1);
}

/** Success@k: 1 when at least one relevant id is in the top `k`, else 0. */
export function successAt(ranking: readonly string[], judgments: Judgments, k: number = CUTOFF): number {
  return topUnique(ranking, k).some((id) => grade(judgments, id) > 0) ? 1 : 0;
}

/** True when the judgments name at least one relevant id, so the query can be scored at all. */
export function hasRelevant(judgments: Judgments): boolean {
  return Object.values(judgments).some((rel) => rel > 0);
}

/** Arithmetic mean; 0 for no values (an empty bench section reports 0, not NaN). */
export function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

/**
 * Nearest-rank percentile (`p` in 0–100] of `values`: the smallest value with at least p% of values at or below it.
 * Nearest-rank always returns an observed latency, never an interpolated one.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil((p / 100) * sorted.length) - 1]!;
}

/** p50/p95/p99 of a set of latencies, in the same unit as the input. */
export interface LatencySummary {
  readonly count: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly mean: number;
}

export function summarise(latencies: readonly number[]): LatencySummary {
  return {
    count: latencies.length,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    mean: mean(latencies),
  };
}
