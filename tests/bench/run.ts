import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { cpus, platform, release } from "node:os";
import { join } from "node:path";
import { SAMPLE_QUESTIONS } from "../../bot";
import { packageRoot, sampleIntranetFolder } from "../../store";
import { startBenchServer, type ServerKind } from "./bench-servers";
import { runLoad, type LoadResult } from "./http-load";
import { fmt, markdownTable, ratio, type ReportRow } from "./report";
import { readQueries, runSearchBench, SEARCH_TIMED_PASSES, type BenchQuery, type SearchBenchResult } from "./search-bench";
import { hasReplies, teamsMessage } from "./teams-activity";

/** Load shape for the bot-turn comparison: Teams' own fan-in is bursty, 16 in flight is a busy council morning. */
export const BOT_CONCURRENCY = 16;
export const BOT_WARMUP_REQUESTS = 200;
export const BOT_TIMED_REQUESTS = 2_000;
/** The question every bot turn asks: answered by the sample intranet's expenses page. */
export const BOT_QUESTION = "how do I claim expenses";

interface BotComparison {
  readonly hub: LoadResult;
  readonly echo: LoadResult;
  /** Council Hub / echo. */
  readonly throughputRatio: number;
  readonly p95Ratio: number;
}

async function measureBot(kind: ServerKind): Promise<LoadResult> {
  const server = await startBenchServer(kind);
  try {
    return await runLoad({
      url: `${server.baseUrl}/api/messages`,
      body: (_i, lane) => teamsMessage(BOT_QUESTION, lane),
      concurrency: BOT_CONCURRENCY,
      warmup: BOT_WARMUP_REQUESTS,
      requests: BOT_TIMED_REQUESTS,
      accept: hasReplies,
    });
  } finally {
    await server.stop();
  }
}

/** The dev query set and corpus from ../shared, or the sample intranet (timed, not scored) when they are absent. */
async function searchSection(root: string): Promise<{ result: SearchBenchResult; corpus: string; note?: string }> {
  const corpusDir = join(root, "..", "shared", "corpus", "guidance");
  const queriesFile = join(root, "..", "shared", "corpus", "dev-queries.jsonl");
  if (existsSync(corpusDir) && existsSync(queriesFile)) {
    return { result: await runSearchBench(corpusDir, await readQueries(queriesFile)), corpus: corpusDir };
  }
  const fallback: BenchQuery[] = [...SAMPLE_QUESTIONS, BOT_QUESTION].map((query, i) => ({ id: `sample-${i + 1}`, query, judgments: {} }));
  return {
    result: await runSearchBench(sampleIntranetFolder(), fallback, false),
    corpus: sampleIntranetFolder(),
    note: `Search quality skipped: ${corpusDir} or ${queriesFile} not found (../shared is missing). Ingest and latency use the sample intranet instead.`,
  };
}

function rows(search: SearchBenchResult, bot: BotComparison): ReportRow[] {
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
    { metric: `ingest rate, pages/s (${search.ingest.pages} pages, fresh DB)`, value: fmt(search.ingest.pagesPerSecond, 1) },
    { metric: `search latency p50, ms (${search.latency.count} in-process searches)`, value: fmt(search.latency.p50, 3) },
    { metric: "search latency p95, ms", value: fmt(search.latency.p95, 3) },
    { metric: "search latency p99, ms", value: fmt(search.latency.p99, 3) },
    { metric: `bot turns/s (c=${BOT_CONCURRENCY}, ${hub.requests} req; baseline: echo bot)`, value: fmt(hub.throughput, 0), baseline: fmt(echo.throughput, 0), ratio: ratio(hub.throughput, echo.throughput) },
    { metric: "bot turn p50, ms", value: fmt(hub.latency.p50, 2), baseline: fmt(echo.latency.p50, 2), ratio: ratio(hub.latency.p50, echo.latency.p50) },
    { metric: "bot turn p95, ms", value: fmt(hub.latency.p95, 2), baseline: fmt(echo.latency.p95, 2), ratio: ratio(hub.latency.p95, echo.latency.p95) },
    { metric: "bot turn p99, ms", value: fmt(hub.latency.p99, 2), baseline: fmt(echo.latency.p99, 2), ratio: ratio(hub.latency.p99, echo.latency.p99) },
    { metric: "bot turn errors", value: String(hub.errors), baseline: String(echo.errors) },
  ];
}

async function main(): Promise<void> {
  const root = packageRoot();
  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model.trim() ?? "unknown", node: process.version, platform: `${platform()} ${release()}` };
  const startedAt = new Date();
  console.log(`# Council Hub bench — node ${machine.node}, ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.platform}\n`);

  console.error("bench: ingesting and searching…");
  const search = await searchSection(root);
  if (search.note) console.log(`> ${search.note}\n`);

  console.error(`bench: bot turns, Council Hub (${BOT_WARMUP_REQUESTS} warm-up + ${BOT_TIMED_REQUESTS} at c=${BOT_CONCURRENCY})…`);
  const hub = await measureBot("hub");
  console.error("bench: bot turns, echo baseline…");
  const echo = await measureBot("echo");
  const bot: BotComparison = { hub, echo, throughputRatio: hub.throughput / echo.throughput, p95Ratio: hub.latency.p95 / echo.latency.p95 };

  console.log(markdownTable(rows(search.result, bot)));
  console.log(
    `\nSearch: GuidanceService in process over ${search.corpus}, top 10, ${SEARCH_TIMED_PASSES} timed passes after warm-up.` +
      ` Bot: POST /api/messages (expectReplies) over loopback HTTP keep-alive; each server in its own worker thread.` +
      ` Ratios are Council Hub / echo.`,
  );
  for (const [name, result] of [["Council Hub", hub], ["echo", echo]] as const) {
    if (result.errors > 0) console.log(`\n**${name}: ${result.errors} failed bot turns.** First: ${result.firstError}`);
  }

  const outDir = join(root, "build", "bench");
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, "results.json");
  const results = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine,
    search: { corpus: search.corpus, ...(search.note ? { note: search.note } : {}), ...search.result },
    bot: { question: BOT_QUESTION, concurrency: BOT_CONCURRENCY, warmup: BOT_WARMUP_REQUESTS, ...bot },
  };
  writeFileSync(file, JSON.stringify(results, null, 2) + "\n");
  console.log(`\nResults: ${file}`);
  if (hub.errors > 0 || echo.errors > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
