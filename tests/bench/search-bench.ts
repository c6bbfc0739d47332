import { mkdtempSync, rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { z } from "zod";
import { readDocuments, createSqliteHub } from "../../store";
import { MAX_MESSAGE_EXTENSION_RESULTS } from "../../bot/message-extension/message-extension-limits";
import { CUTOFF, hasRelevant, mean, ndcgAt, reciprocalRankAt, successAt, summarise, type Judgments, type LatencySummary } from "./metrics";

/** Origin label for the benchmark corpus, as `hub ingest` would give a folder. */
export const CORPUS_ORIGIN = "corpus";
/** Passes over the query set before timing, so SQLite's page cache and V8's JIT are warm. */
export const SEARCH_WARMUP_PASSES = 2;
/** Timed searches wanted: 20 passes over the 185 dev queries; a smaller query set gets more passes. */
export const SEARCH_TIMED_SEARCHES = 3_700;
/** On a slow or busy machine, stop after the pass that crosses this budget (but not before the minimum passes). */
export const SEARCH_TIME_BUDGET_MS = 30_000;
export const SEARCH_MIN_PASSES = 3;

const queryLine = z.object({
  id: z.string().min(1),
  query: z.string(),
  judgments: z.record(z.string(), z.number()),
});

export type BenchQuery = z.infer<typeof queryLine>;

/** Reads a JSONL query file (`{"id","query","judgments":{"<page id>": grade}}` per line); blank lines are skipped. */
export async function readQueries(file: string): Promise<BenchQuery[]> {
  const lines = (await readFile(file, "utf8")).split(/\r?\n/);
  return lines.flatMap((line, i) => {
    if (line.trim() === "") return [];
    try {
      return [queryLine.parse(JSON.parse(line))];
    } catch (error) {
      throw new Error(`${file}:${i + 1}: not a bench query line`, { cause: error });
    }
  });
}

export interface QueryScore {
  readonly id: string;
  readonly query: string;
  readonly ndcg: number;
  readonly rr: number;
  readonly success: number;
  /** The top results' ids, so a poor score can be looked at without re-running. */
  readonly top: readonly string[];
}

export interface SearchBenchResult {
  readonly pages: number;
  readonly ingest: { readonly pages: number; readonly ms: number; readonly pagesPerSecond: number; readonly failed: number };
  /** Loading the in-memory index from SQLite after the ingest (what the host does at start). */
  readonly indexLoad: { readonly ms: number; readonly pagesPerSecond: number };
  /** Absent when the queries carry no judgments (the corpus fallback). */
  readonly quality?: {
    readonly queries: number;
    /** Queries left out of the means because no page is judged relevant. */
    readonly unjudged: number;
    /** Queries the service refused (e.g. punctuation only); scored as an empty ranking. */
    readonly refused: number;
    readonly ndcgAt10: number;
    readonly mrrAt10: number;
    readonly successAt10: number;
    readonly perQuery: readonly QueryScore[];
  };
  /** In-process GuidanceService.search latency, milliseconds. */
  readonly latency: LatencySummary;
  /**
   * The same at the message extension's 25 results, where each result's snippet reads its page's text back from
   * SQLite: SEARCH_MIN_PASSES passes over the queries.
   */
  readonly messageExtensionLatency: LatencySummary;
  /** Timed passes over the query set actually run (fewer than wanted when the time budget ran out). */
  readonly latencyPasses: number;
}

/**
 * Ingests `guidanceDir` into a fresh SQLite hub in a temp DATA_DIR (timing it), scores every query at top 10
 * (when `score`), then times repeated passes over the query set. The temp folder is removed afterwards.
 */
export async function runSearchBench(guidanceDir: string, queries: readonly BenchQuery[], score = true): Promise<SearchBenchResult> {
  const dataDir = mkdtempSync(join(tmpdir(), "council-hub-bench-search-"));
  const hub = createSqliteHub(dataDir, undefined, { parseInWorkers: true });
  try {
    const { guidance } = hub;
    const started = performance.now();
    const report = await guidance.ingest(CORPUS_ORIGIN, readDocuments(guidanceDir), { actor: "bench" });
    const ingestMs = performance.now() - started;
    const pages = await guidance.pageCount();
    const indexStarted = performance.now();
    await hub.guidanceIndex.load();
    const indexMs = performance.now() - indexStarted;

    const search = async (text: string, top = CUTOFF): Promise<string[] | undefined> => {
      try {
        return (await guidance.search(text, { top })).results.map((r) => r.id);
      } catch {
        return undefined;
      }
    };

    const perQuery: QueryScore[] = [];
    let refused = 0;
    for (const q of queries) {
      const ranking = await search(q.query);
      if (ranking === undefined) refused++;
      const top = ranking ?? [];
      const j: Judgments = q.judgments;
      perQuery.push({ id: q.id, query: q.query, ndcg: ndcgAt(top, j), rr: reciprocalRankAt(top, j), success: successAt(top, j), top });
    }
    const judged = perQuery.filter((_, i) => hasRelevant(queries[i]!.judgments));

    for (let pass = 0; pass < SEARCH_WARMUP_PASSES; pass++) for (const q of queries) await search(q.query);
    const latencies: number[] = [];
    const timingStarted = performance.now();
    let passes = 0;
    const wantedPasses = Math.ceil(SEARCH_TIMED_SEARCHES / Math.max(1, queries.length));
    while (passes < wantedPasses && (passes < SEARCH_MIN_PASSES || performance.now() - timingStarted < SEARCH_TIME_BUDGET_MS)) {
      passes++;
      for (const q of queries) {
        const t0 = performance.now();
        await search(q.query);
        latencies.push(performance.now() - t0);
      }
    }

    const messageExtension: number[] = [];
    for (let pass = 0; pass < SEARCH_MIN_PASSES; pass++) {
      for (const q of queries) {
        const t0 = performance.now();
        await search(q.query, MAX_MESSAGE_EXTENSION_RESULTS);
        messageExtension.push(performance.now() - t0);
      }
    }

    return {
      pages,
      ingest: { pages: report.seen, ms: ingestMs, pagesPerSecond: report.seen / (ingestMs / 1000), failed: report.failed.length },
      indexLoad: { ms: indexMs, pagesPerSecond: pages / (indexMs / 1000) },
      ...(score
        ? {
            quality: {
              queries: queries.length,
              unjudged: queries.length - judged.length,
              refused,
              ndcgAt10: mean(judged.map((s) => s.ndcg)),
              mrrAt10: mean(judged.map((s) => s.rr)),
              successAt10: mean(judged.map((s) => s.success)),
              perQuery,
            },
          }
        : {}),
      latency: summarise(latencies),
      latencyPasses: passes,
      messageExtensionLatency: summarise(messageExtension),
    };
  } finally {
    await hub.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
