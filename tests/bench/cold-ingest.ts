import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { promisify } from "node:util";
import { z } from "zod";
import { createSqliteHub, readDocuments } from "../../store";
import { CORPUS_ORIGIN } from "./search-bench";

/**
 * A process's first ingest, as one `hub ingest` run does it: cold, with V8 still compiling the parser. One such
 * ingest of a thousand pages lasts half a second, so on a shared machine a single sample swings by half either way;
 * the bench runs it in several fresh processes, one after another, and reports the median and the range.
 */
export const COLD_INGEST_RUNS = 5;

export interface ColdIngestResult {
  readonly pages: number;
  /** Pages per second of each process's ingest, in the order run. */
  readonly runs: readonly number[];
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

const childReport = z.object({ pages: z.number().int().nonnegative(), ms: z.number().positive() });

/** Runs `runs` fresh processes, each ingesting `corpusDir` once into its own temporary SQLite hub. */
export async function runColdIngests(corpusDir: string, runs = COLD_INGEST_RUNS): Promise<ColdIngestResult> {
  const rates: number[] = [];
  let pages = 0;
  for (let i = 0; i < runs; i++) {
    const { stdout } = await promisify(execFile)(process.execPath, [__filename, corpusDir], { timeout: 120_000 });
    const report = childReport.parse(JSON.parse(stdout));
    pages = report.pages;
    rates.push(report.pages / (report.ms / 1000));
  }
  const sorted = [...rates].sort((a, b) => a - b);
  return { pages, runs: rates, median: sorted[Math.floor(sorted.length / 2)]!, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

/** The child: times one ingest, as the bench's own first ingest does (the hub is created before the clock starts). */
async function ingestOnce(corpusDir: string): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "council-hub-bench-cold-"));
  const hub = createSqliteHub(dataDir, undefined, { parseInWorkers: true });
  try {
    const started = performance.now();
    const report = await hub.guidance.ingest(CORPUS_ORIGIN, readDocuments(corpusDir), { actor: "bench" });
    const ms = performance.now() - started;
    process.stdout.write(JSON.stringify({ pages: report.seen, ms }));
  } finally {
    await hub.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const corpusDir = process.argv[2];
  if (!corpusDir) {
    console.error("usage: node cold-ingest.js <folder of pages>");
    process.exitCode = 2;
  } else {
    ingestOnce(corpusDir).catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
  }
}
