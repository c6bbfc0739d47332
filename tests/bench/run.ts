import { MAX_MESSAGE_EXTENSION_RESULTS } from "../../bot/message-extension/message-extension-limits";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { cpus, platform, release } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { SAMPLE_QUESTIONS } from "../../bot";
import { packageRoot, sampleIntranetFolder } from "../../store";
import { startBenchServer, type BenchServer, type ServerKind } from "./bench-servers";
import { COLD_INGEST_RUNS, runColdIngests, type ColdIngestResult } from "./cold-ingest";
import { combineRuns, runLoad, type LoadResult, type LoadRun } from "./http-load";
import { fmt, markdownTable, ratio, type ReportRow } from "./report";
import { readQueries, runSearchBench, type BenchQuery, type SearchBenchResult } from "./search-bench";
import { runSearchSection, searchTables, type SearchSectionResult } from "./search-section";
import { echoes, hasAdaptiveCard, teamsMessage } from "./teams-activity";
import { runTextExtractionBench, type TextExtractionResult } from "./text-extraction";

/** Load shape for the bot-turn comparison: Teams' own fan-in is bursty, 16 in flight is a busy council morning. */
export const BOT_CONCURRENCY = 16;
export const BOT_WARMUP_REQUESTS = 200;
export const BOT_TIMED_REQUESTS = 2_000;
/**
 * The timed requests are sent in rounds that alternate Council Hub and echo (hub-echo, echo-hub, …), so a noisy
 * neighbour on a shared CI machine slows both alike and the ratios stay meaningful.
 */
export const BOT_ROUNDS = 4;
/** Most time either server's timed requests may take in all; a slower server reports fewer requests. */
export const BOT_MAX_TIMED_MS = 80_000;
/** The question every bot turn asks: answered by the sample intranet's expenses page. */
export const BOT_QUESTION = "how do I claim expenses";

interface BotComparison {
  readonly hub: LoadResult;
  readonly echo: LoadResult;
  /** Council Hub / echo. */
  readonly throughputRatio: number;
  readonly p95Ratio: number;
}

/** Starts both servers, warms each up, then runs the alternating timed rounds. */
async function compareBots(): Promise<BotComparison> {
  const servers: Partial<Record<ServerKind, BenchServer>> = {};
  try {
    servers.hub = await startBenchServer("hub");
    servers.echo = await startBenchServer("echo");
    const runs: Record<ServerKind, LoadRun[]> = { hub: [], echo: [] };
    const load = async (kind: ServerKind, warmup: number, requests: number): Promise<LoadRun> =>
      runLoad({
        url: `${servers[kind]!.baseUrl}/api/messages`,
        body: (_i, lane) => teamsMessage(BOT_QUESTION, lane),
        concurrency: BOT_CONCURRENCY,
        warmup,
        requests,
        accept: kind === "hub" ? hasAdaptiveCard : echoes(BOT_QUESTION),
        maxTimedMs: BOT_MAX_TIMED_MS / BOT_ROUNDS,
      });
    for (let round = 0; round < BOT_ROUNDS; round++) {
      const order: ServerKind[] = round % 2 === 0 ? ["hub", "echo"] : ["echo", "hub"];
      for (const kind of order) runs[kind].push(await load(kind, round === 0 ? BOT_WARMUP_REQUESTS : 0, Math.ceil(BOT_TIMED_REQUESTS / BOT_ROUNDS)));
    }
    const hub = combineRuns(runs.hub);
    const echo = combineRuns(runs.echo);
    return { hub, echo, throughputRatio: hub.throughput / echo.throughput, p95Ratio: hub.latency.p95 / echo.latency.p95 };
  } finally {
    for (const server of Object.values(servers)) await server.stop();
  }
}

/** The dev query set and corpus from `shared`, or the sample intranet (timed, not scored) when they are absent. */
async function searchSection(shared: string): Promise<{ result: SearchBenchResult; corpus: string; note?: string }> {
  const corpusDir = join(shared, "corpus", "guidance");
  const queriesFile = join(shared, "corpus", "dev-queries.jsonl");
  if (existsSync(corpusDir) && existsSync(queriesFile)) {
    return { result: await runSearchBench(corpusDir, await readQueries(queriesFile)), corpus: corpusDir };
  }
  const fallback: BenchQuery[] = [...SAMPLE_QUESTIONS, BOT_QUESTION].map((query, i) => ({ id: `sample-${i + 1}`, query, judgments: {} }));
  return {
    result: await runSearchBench(sampleIntranetFolder(), fallback, false),
    corpus: sampleIntranetFolder(),
    note: `Search quality skipped: ${corpusDir} or ${queriesFile} not found (is ${shared} missing?). Ingest and latency use the sample intranet instead.`,
  };
}

function rows(search: SearchBenchResult, cold: ColdIngestResult, bot: BotComparison): ReportRow[] {
  const q = search.quality;
  const { hub, echo } = bot;
  return [
    ...(q
      ? [
          { metric: `search nDCG@10 (${q.queries - q.unjudged} dev queries)`, value: fmt(q.ndcgAt10, 4) },
          { metric: "search MRR@10", value: fmt(q.mrrAt10, 4) },
          { metric: "search success@10", value: fmt(q.successAt10, 4) },
        ]
      : [{ metric: "search quality", value: "skipped" }]),
    {
      metric: `ingest rate, pages/s (${cold.pages} pages, fresh DB, read, parse, SQLite; each a fresh process's first ingest, as one \`hub ingest\` run: median of ${cold.runs.length} processes, range ${fmt(cold.min, 0)}–${fmt(cold.max, 0)})`,
      value: fmt(cold.median, 1),
    },
    { metric: "ingest rate, pages/s (the bench process's own first ingest, one sample)", value: fmt(search.ingest.pagesPerSecond, 1) },
    { metric: "search index load from SQLite, pages/s (host start)", value: fmt(search.indexLoad.pagesPerSecond, 1) },
    { metric: `search latency p50, ms (${search.latency.count} in-process searches)`, value: fmt(search.latency.p50, 3) },
    { metric: "search latency p95, ms", value: fmt(search.latency.p95, 3) },
    { metric: "search latency p99, ms", value: fmt(search.latency.p99, 3) },
    {
      metric: `search latency p95 at ${MAX_MESSAGE_EXTENSION_RESULTS} results (message extension), ms (baseline: 10 results)`,
      value: fmt(search.messageExtensionLatency.p95, 3),
      baseline: fmt(search.latency.p95, 3),
      ratio: ratio(search.messageExtensionLatency.p95, search.latency.p95),
    },
    { metric: `bot turns/s (c=${BOT_CONCURRENCY}, ${hub.requests} req; baseline: echo bot)`, value: fmt(hub.throughput, 0), baseline: fmt(echo.throughput, 0), ratio: ratio(hub.throughput, echo.throughput) },
    { metric: "bot turn p50, ms", value: fmt(hub.latency.p50, 2), baseline: fmt(echo.latency.p50, 2), ratio: ratio(hub.latency.p50, echo.latency.p50) },
    { metric: "bot turn p95, ms", value: fmt(hub.latency.p95, 2), baseline: fmt(echo.latency.p95, 2), ratio: ratio(hub.latency.p95, echo.latency.p95) },
    { metric: "bot turn p99, ms", value: fmt(hub.latency.p99, 2), baseline: fmt(echo.latency.p99, 2), ratio: ratio(hub.latency.p99, echo.latency.p99) },
    { metric: "bot turn errors", value: String(hub.errors), baseline: String(echo.errors) },
  ];
}

function extractionRows(x: TextExtractionResult): ReportRow[] {
  const differing = x.missingWords + x.extraWords;
  return [
    { metric: "Markdown pages whose indexed words are the rendered page's words, in order", value: `${x.identicalPages} of ${x.pages}` },
    { metric: "words missed + added by the scan (of the rendered pages' words)", value: `${differing} of ${x.words} (${fmt((100 * differing) / Math.max(1, x.words), 3)}%)` },
    { metric: "ms per pass over the pages: scan (baseline: marked's lex alone)", value: fmt(x.scanMs, 1), baseline: fmt(x.markedLexMs, 1), ratio: ratio(x.scanMs, x.markedLexMs) },
  ];
}

const USAGE = "usage: node dist/tests/bench/run.js [--shared <dir>] [--no-scale]   (default: ../shared beside the checkout)";

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { shared: { type: "string" }, "no-scale": { type: "boolean" }, help: { type: "boolean", short: "h" } } });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const root = packageRoot();
  const shared = resolve(values.shared ?? join(root, "..", "shared"));
  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model.trim() ?? "unknown", node: process.version, platform: `${platform()} ${release()}` };
  const startedAt = new Date();
  console.log(`# Council Hub bench — node ${machine.node}, ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.platform}\n`);

  console.error("bench: ingesting and searching…");
  const search = await searchSection(shared);
  if (search.note) console.log(`> ${search.note}\n`);
  console.error(`bench: first ingest in ${COLD_INGEST_RUNS} fresh processes…`);
  const cold = await runColdIngests(search.corpus);
  // Council Hub against SQLite FTS5, Lunr and MiniSearch on the same corpus and questions, then at 100k pages.
  const comparison: SearchSectionResult | undefined = await runSearchSection(shared, { scale: values["no-scale"] !== true });

  const corpusDir = join(shared, "corpus", "guidance");
  let extraction: TextExtractionResult | undefined;
  if (existsSync(corpusDir)) {
    console.error("bench: search text extraction against the rendered pages…");
    extraction = await runTextExtractionBench(corpusDir);
  }

  console.error(`bench: bot turns, Council Hub vs echo (${BOT_WARMUP_REQUESTS} warm-up + ${BOT_TIMED_REQUESTS} each at c=${BOT_CONCURRENCY}, ${BOT_ROUNDS} alternating rounds)…`);
  const bot = await compareBots();
  const { hub, echo } = bot;

  console.log(markdownTable(rows(search.result, cold, bot)));
  if (extraction) console.log(`\n## Search text at ingest (one-pass scan) against the rendered page (marked)\n\n${markdownTable(extractionRows(extraction))}`);
  if (comparison) {
    console.log(`\n## Search engines compared (same corpus, same questions, same run)\n\n${searchTables(comparison)}`);
    console.log(
      "\nDev: the shared dev queries. Council: tests/bench/council-questions.jsonl (answerable questions in staff language; " +
        "unanswerable ones have no judgments). answered@10: answerable questions answered (no \"no answer\") with a relevant page in the top 10. " +
        "Engines without a no-answer verdict are judged by returning nothing. Ingest + index: Council Hub's ingest, then loading its in-memory index from SQLite (what the host does at start; `hub ingest` stops before it). Ingest: Council Hub and FTS5 through GuidanceService " +
        "(read, parse, SQLite; FTS5 also its full-text index; Council Hub as `hub ingest` does: Markdown in-thread, HTML on worker threads; FTS5 in-thread as it shipped); Lunr and MiniSearch: parse + index build.",
    );
  }
  console.log(
    `\nSearch: GuidanceService in process over ${search.corpus}, top 10, ${search.result.latencyPasses} timed passes over the queries after warm-up.` +
      ` Bot: POST /api/messages (expectReplies) over loopback HTTP keep-alive; each server in its own worker thread; ${BOT_ROUNDS} alternating rounds.` +
      ` Ratios are Council Hub / echo.`,
  );
  for (const [name, result] of [["Council Hub", hub], ["echo", echo]] as const) {
    if (result.errors > 0) console.log(`\n**${name}: ${result.errors} failed bot turns.** First: ${result.firstError}`);
    if (result.truncated) console.log(`\n**${name}: stopped after ${result.requests} of ${BOT_TIMED_REQUESTS} timed turns (time limit).**`);
  }

  const outDir = join(root, "build", "bench");
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, "results.json");
  const results = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine,
    search: { corpus: search.corpus, ...(search.note ? { note: search.note } : {}), ...search.result },
    coldIngest: cold,
    ...(comparison ? { comparison } : {}),
    ...(extraction ? { extraction } : {}),
    bot: { question: BOT_QUESTION, concurrency: BOT_CONCURRENCY, warmup: BOT_WARMUP_REQUESTS, rounds: BOT_ROUNDS, ...bot },
  };
  writeFileSync(file, JSON.stringify(results, null, 2) + "\n");
  console.log(`\nResults: ${file}`);
  if (hub.errors > 0 || echo.errors > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
