import { performance } from "node:perf_hooks";
import { CouncilSearchEngine, parseQuery, type GuidancePage } from "../../core";
import { shippedWordVectors } from "../../store";
import { CUTOFF, summarise, type LatencySummary } from "./metrics";
import type { BenchQuery } from "./search-bench";
import { synthesisePages } from "./synthetic-corpus";

/** Pages in the scale test (the "latency at 100k pages"). */
export const SCALE_PAGES = 100_000;
/** Timed searches at scale, after one warm-up pass. */
export const SCALE_TIMED_SEARCHES = 2_000;
export const SCALE_TIME_BUDGET_MS = 30_000;

export interface ScaleResult {
  readonly pages: number;
  /** Index build rate for the synthetic pages (in memory, no parsing or SQLite: those scale linearly). */
  readonly indexPagesPerSecond: number;
  readonly heapUsedMb: number;
  readonly latency: LatencySummary;
}

/**
 * Builds the Council Hub engine over `count` synthetic pages and times searches of the same questions as at 1k.
 * The engine is driven directly (as GuidanceService does, minus parseQuery's microseconds, which are included), with
 * the shipped word vectors, as the hub composes it.
 */
export function runScaleBench(pages: readonly GuidancePage[], queries: readonly BenchQuery[], count = SCALE_PAGES): ScaleResult {
  const engine = new CouncilSearchEngine({ wordVectors: shippedWordVectors() });
  const started = performance.now();
  for (const page of synthesisePages(pages, count)) engine.upsert(page);
  const buildMs = performance.now() - started;
  const search = (text: string): void => {
    try {
      engine.answerNow(parseQuery(text, CUTOFF));
    } catch {
      // A refused query (punctuation only) is timed like any other.
    }
  };
  for (const q of queries) search(q.query);
  const latencies: number[] = [];
  const timing = performance.now();
  while (latencies.length < SCALE_TIMED_SEARCHES && (latencies.length === 0 || performance.now() - timing < SCALE_TIME_BUDGET_MS)) {
    for (const q of queries) {
      const t0 = performance.now();
      search(q.query);
      latencies.push(performance.now() - t0);
    }
  }
  return { pages: engine.size, indexPagesPerSecond: count / (buildMs / 1000), heapUsedMb: process.memoryUsage().heapUsed / 1e6, latency: summarise(latencies) };
}
