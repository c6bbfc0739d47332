import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { CouncilSearchEngine, parseQuery, type GuidancePage, type PageTextSource, type SearchAnswer } from "../../core";
import { shippedEnglishWords, shippedWordVectors } from "../../store";
import { readSnapshotFile, writeSnapshotFile } from "../../store/guidance-engine";
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
  /**
   * Memory the index holds: JS heap plus typed arrays (postings, word sequences and lengths live in ArrayBuffers, off
   * the heap), less the page text the bench keeps for snippets (the host keeps it in SQLite). Not after a forced
   * collection, so an upper bound.
   */
  readonly indexMemoryMb: number;
  readonly latency: LatencySummary;
  /** The index kept on disk and restored from it, against building it (indexPagesPerSecond). */
  readonly snapshot: {
    readonly writeMs: number;
    readonly megabytes: number;
    /** Reading the file and restoring the index (which pages are current is known from memory; the host asks SQLite). */
    readonly restoreMs: number;
    readonly buildMs: number;
    /** Questions the restored index answers exactly as the built one (same pages, scores, snippets, verdict). */
    readonly sameAnswers: number;
    readonly questions: number;
  };
}

/**
 * Builds the Council Hub engine over `count` synthetic pages and times searches of the same questions as at 1k.
 * The engine is driven directly (as GuidanceService does, minus parseQuery's microseconds, which are included), with
 * the shipped word vectors, as the hub composes it.
 */
export async function runScaleBench(pages: readonly GuidancePage[], queries: readonly BenchQuery[], count = SCALE_PAGES): Promise<ScaleResult> {
  // As in the host, page text lives outside the index and is read back for the snippets shown; here it is kept as
  // UTF-8 bytes, off the JS heap, standing in for SQLite (whose reads cost some 20 µs a page more), so the memory
  // figure is the index's own.
  const texts = new Map<string, Buffer>();
  const pageText: PageTextSource = {
    textOf: (id, _contentHash, upTo) => {
      const bytes = texts.get(id);
      return bytes === undefined ? undefined : { text: (upTo === undefined ? bytes.toString("utf8") : bytes.toString("utf8", 0, upTo * 3)).slice(0, upTo), current: true };
    },
  };
  const engine = new CouncilSearchEngine({ wordVectors: shippedWordVectors(), language: shippedEnglishWords(), pageText });
  const started = performance.now();
  for (const page of synthesisePages(pages, count)) {
    engine.upsert(page);
    texts.set(page.id, Buffer.from(page.text, "utf8"));
  }
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
  const memory = process.memoryUsage();
  let textBytes = 0;
  for (const bytes of texts.values()) textBytes += bytes.byteLength;
  const indexMemoryMb = (memory.heapUsed + memory.arrayBuffers - textBytes) / 1e6;
  const snapshot = await snapshotRoundTrip(engine, pageText, (id) => texts.has(id), queries);
  return { pages: engine.size, indexPagesPerSecond: count / (buildMs / 1000), indexMemoryMb, latency: summarise(latencies), snapshot: { ...snapshot, buildMs } };
}

/** Writes the engine's index to a snapshot file, restores a second engine from it, and compares their answers. */
async function snapshotRoundTrip(engine: CouncilSearchEngine, pageText: PageTextSource, stored: (id: string) => boolean, queries: readonly BenchQuery[]): Promise<Omit<ScaleResult["snapshot"], "buildMs">> {
  const dir = mkdtempSync(join(tmpdir(), "council-hub-bench-snapshot-"));
  try {
    const file = join(dir, "scale.snapshot");
    const written = performance.now();
    await writeSnapshotFile(file, "bench", engine.index.snapshotParts());
    const writeMs = performance.now() - written;
    const restoring = performance.now();
    const read = await readSnapshotFile(file, "bench");
    if (!("parts" in read)) throw new Error(`bench: the snapshot just written is ${read.unusable}`);
    const restored = new CouncilSearchEngine({ wordVectors: shippedWordVectors(), language: shippedEnglishWords(), pageText });
    restored.index.restore(read.parts, stored);
    const restoreMs = performance.now() - restoring;
    const answer = (e: CouncilSearchEngine, text: string): SearchAnswer | undefined => {
      try {
        return e.answerNow(parseQuery(text, CUTOFF));
      } catch {
        return undefined;
      }
    };
    const sameAnswers = queries.filter((q) => JSON.stringify(answer(engine, q.query)) === JSON.stringify(answer(restored, q.query))).length;
    return { writeMs, megabytes: statSync(file).size / 1e6, restoreMs, sameAnswers, questions: queries.length };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
