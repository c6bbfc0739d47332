import { existsSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../../store";
import { fmt, markdownTable, ratio } from "./report";
import { runScaleBench, SCALE_PAGES, type ScaleResult } from "./scale-bench";
import { comparePeer, type HeldOutSet, type PeerReport } from "./search-compare";
import { readQueries } from "./search-bench";
import { TYPO_VARIANTS, withTypos } from "./typo-questions";
import { councilHubPeer, councilHubVariantPeer, fts5Peer, NO_KEYWORDS, NO_MEANING, NO_TAG_MATCH, lunrPeer, miniSearchPeer, parseCorpus, type SearchPeer } from "./search-peers";

/** Council-style questions written for no-answer calibration (answerable ones judged by reading the corpus). */
export const COUNCIL_QUESTIONS_FILE = join(packageRoot(), "tests", "bench", "council-questions.jsonl");

/**
 * Council-style questions written after an earlier round of tuning (answerable ones judged by reading the corpus; 15
 * the corpus cannot answer). With the council questions and holdout B, used to choose the no-answer threshold.
 */
export const COUNCIL_HOLDOUT_FILE = join(packageRoot(), "tests", "bench", "council-holdout.jsonl");

/**
 * A second held-out set, written blind in session 4 by someone who never ran the engine or read its vocabulary
 * (see council-holdout-b.README.md): 50 answerable questions, 20 unanswerable. Its misses were then studied and
 * shaped the vocabulary and no-answer threshold, so it is a tuning set now, reported for continuity.
 */
export const COUNCIL_HOLDOUT_B_FILE = join(packageRoot(), "tests", "bench", "council-holdout-b.jsonl");

/**
 * A third, written blind the same way (see council-holdout-c.README.md): 60 answerable questions, 20 unanswerable.
 * Only its totals have been looked at; keep it that way, so it keeps measuring what a new question gets.
 */
export const COUNCIL_HOLDOUT_C_FILE = join(packageRoot(), "tests", "bench", "council-holdout-c.jsonl");

/** A fourth, written blind at the same time as C's last use (see council-holdout-d.README.md): 60 answerable, 20 not. */
export const COUNCIL_HOLDOUT_D_FILE = join(packageRoot(), "tests", "bench", "council-holdout-d.jsonl");

/** The engine row ranked without the keywords field. */
export const NO_KEYWORDS_NAME = "Council Hub, keywords field off";
/** The engine row ranked without the bonus for a page tagged with exactly the question. */
export const NO_TAG_MATCH_NAME = "Council Hub, whole-question tag match off";
/** Council Hub ranking by words alone: what re-ranking by meaning (word vectors) is worth. */
export const NO_MEANING_NAME = "Council Hub, meaning re-rank off";

export interface SearchSectionOptions {
  /** Skip the 100k-page scale test (it takes about a minute and a couple of GB). */
  readonly scale?: boolean;
  /** Only Council Hub (for quick tuning runs). */
  readonly hubOnly?: boolean;
  /** Pages for the scale test. */
  readonly scalePages?: number;
}

export interface SearchSectionResult {
  readonly corpus: string;
  readonly peers: readonly PeerReport[];
  readonly scale?: ScaleResult;
}

/** Runs every engine on the shared corpus and both query sets, then the scale test. */
export async function runSearchSection(shared: string, options: SearchSectionOptions = {}): Promise<SearchSectionResult | undefined> {
  const corpus = join(shared, "corpus", "guidance");
  const devFile = join(shared, "corpus", "dev-queries.jsonl");
  if (!existsSync(corpus) || !existsSync(devFile)) return undefined;
  const dev = await readQueries(devFile);
  const council = await readQueries(COUNCIL_QUESTIONS_FILE);
  const holdouts: HeldOutSet[] = [
    { name: "holdout A: written after earlier tuning; used for the no-answer threshold", queries: await readQueries(COUNCIL_HOLDOUT_FILE) },
    { name: "holdout B: written blind; its misses then shaped the vocabulary", queries: await readQueries(COUNCIL_HOLDOUT_B_FILE) },
    { name: "holdout C: written blind, never tuned on", queries: await readQueries(COUNCIL_HOLDOUT_C_FILE) },
    { name: "holdout D: written blind, never tuned on", queries: await readQueries(COUNCIL_HOLDOUT_D_FILE) },
  ];
  // The same council questions with one word misspelt (3 seeded copies each): how each engine copes with typos.
  const misspelt: HeldOutSet = {
    name: `typos: council and holdouts A–D, one longer word misspelt (${TYPO_VARIANTS} seeded copies of each question)`,
    queries: withTypos([...council, ...holdouts.flatMap((set) => set.queries)]),
    // The timed mix stays the real question sets (which have their own misspellings).
    untimed: true,
  };

  const reports: PeerReport[] = [];
  const run = async (peer: SearchPeer): Promise<void> => {
    try {
      console.error(`bench: search — ${peer.name}…`);
      reports.push(await comparePeer(peer, dev, council, [...holdouts, misspelt]));
    } finally {
      await peer.close();
    }
  };
  await run(await councilHubPeer(corpus));
  // The dev queries are pages' front matter keywords: report the score without the tag bonus, and without the
  // keywords field at all, too.
  await run(await councilHubVariantPeer(NO_TAG_MATCH_NAME, corpus, NO_TAG_MATCH));
  await run(await councilHubVariantPeer(NO_KEYWORDS_NAME, corpus, NO_KEYWORDS));
  await run(await councilHubVariantPeer(NO_MEANING_NAME, corpus, NO_MEANING));
  const parsed = await parseCorpus(corpus);
  if (!options.hubOnly) {
    await run(await fts5Peer(corpus));
    await run(lunrPeer(parsed.pages, parsed.ms));
    await run(miniSearchPeer(parsed.pages, parsed.ms, false));
    await run(miniSearchPeer(parsed.pages, parsed.ms, true));
  }
  let scale: ScaleResult | undefined;
  if (options.scale !== false) {
    console.error(`bench: search at ${options.scalePages ?? SCALE_PAGES} synthetic pages…`);
    scale = await runScaleBench(parsed.pages, [...dev, ...council, ...holdouts.flatMap((set) => set.queries)], options.scalePages ?? SCALE_PAGES);
  }
  return { corpus, peers: reports, ...(scale ? { scale } : {}) };
}

/** The comparison as Markdown: one row per engine, then Council Hub at scale. */
export function searchTables(result: SearchSectionResult): string {
  const header = [
    "engine",
    `dev nDCG@10 (${result.peers[0]?.dev.queries ?? 0})`,
    "dev MRR@10",
    "dev success@10",
    `council nDCG@10 (${result.peers[0]?.council.queries ?? 0})`,
    "council MRR@10",
    "council success@10",
    "answered@10",
    "unanswerable → no answer",
    "no-answer accuracy",
    "p50 ms",
    "p95 ms",
    "ingest pages/s",
    "first ingest pages/s",
    "ingest + index pages/s",
  ];
  const rows = result.peers.map((p) => [
    p.name,
    fmt(p.dev.ndcgAt10, 3),
    fmt(p.dev.mrrAt10, 3),
    fmt(p.dev.successAt10, 3),
    fmt(p.council.ndcgAt10, 3),
    fmt(p.council.mrrAt10, 3),
    fmt(p.council.successAt10, 3),
    fmt(p.noAnswer.answeredAt10, 3),
    `${fmt(p.noAnswer.unanswerableRecognised, 3)}`,
    fmt(p.noAnswer.accuracy, 3),
    fmt(p.latency.p50, 3),
    fmt(p.latency.p95, 3),
    fmt(p.ingest.pagesPerSecond, 0),
    p.ingest.firstPagesPerSecond !== undefined ? fmt(p.ingest.firstPagesPerSecond, 0) : "–",
    fmt(p.ingest.withIndexPagesPerSecond, 0),
  ]);
  const lines = [header, header.map((_, i) => (i === 0 ? "---" : "---:")), ...rows].map((cols) => `| ${cols.join(" | ")} |`);
  let text = lines.join("\n");
  const sets = result.peers[0]?.holdouts ?? [];
  sets.forEach((set, k) => {
    const head = [`engine (${set.name})`, `nDCG@10 (${set.quality.queries})`, "MRR@10", "success@10", "answered@10", `unanswerable → no answer (${set.noAnswer.unanswerable})`, "no-answer accuracy"];
    const body = result.peers.map((p) => {
      const h = p.holdouts[k]!;
      return [p.name, fmt(h.quality.ndcgAt10, 3), fmt(h.quality.mrrAt10, 3), fmt(h.quality.successAt10, 3), fmt(h.noAnswer.answeredAt10, 3), fmt(h.noAnswer.unanswerableRecognised, 3), fmt(h.noAnswer.accuracy, 3)];
    });
    text += "\n\n" + [head, head.map((_, i) => (i === 0 ? "---" : "---:")), ...body].map((cols) => `| ${cols.join(" | ")} |`).join("\n");
  });
  const hub = result.peers[0];
  if (result.scale && hub) {
    const s = result.scale;
    text +=
      "\n\n" +
      markdownTable([
        { metric: `Council Hub search p50, ms (${s.pages.toLocaleString("en-GB")} synthetic pages; baseline: ${hub.ingest.pages} pages)`, value: fmt(s.latency.p50, 3), baseline: fmt(hub.latency.p50, 3), ratio: `${(s.latency.p50 / hub.latency.p50).toFixed(1)}×` },
        { metric: "Council Hub search p95, ms", value: fmt(s.latency.p95, 3), baseline: fmt(hub.latency.p95, 3), ratio: `${(s.latency.p95 / hub.latency.p95).toFixed(1)}×` },
        { metric: "Council Hub search p99, ms", value: fmt(s.latency.p99, 3), baseline: fmt(hub.latency.p99, 3) },
        { metric: "index build at scale, pages/s (in memory)", value: fmt(s.indexPagesPerSecond, 0) },
        { metric: "index memory at scale, MB (JS heap + typed arrays; page text stays in the page store, as in the host)", value: fmt(s.indexMemoryMb, 0) },
        {
          metric: `index restored from its snapshot, ms (read ${fmt(s.snapshot.megabytes, 0)} MB + restore; baseline: building it; same answers to ${s.snapshot.sameAnswers} of ${s.snapshot.questions} questions)`,
          value: fmt(s.snapshot.restoreMs, 0),
          baseline: fmt(s.snapshot.buildMs, 0),
          ratio: ratio(s.snapshot.restoreMs, s.snapshot.buildMs),
        },
        { metric: "index snapshot written, ms (in parts, between other work)", value: fmt(s.snapshot.writeMs, 0) },
      ]);
    if (s.snapshot.sameAnswers < s.snapshot.questions) {
      text += `\n\n**The index restored from its snapshot answered ${s.snapshot.questions - s.snapshot.sameAnswers} questions differently from the index it was taken from.**`;
    }
  }
  return text;
}
