import { performance } from "node:perf_hooks";
import { CUTOFF, hasRelevant, mean, ndcgAt, reciprocalRankAt, successAt, summarise, type LatencySummary } from "./metrics";
import type { BenchQuery } from "./search-bench";
import type { SearchPeer } from "./search-peers";

/** Passes over the queries before timing, so caches and the JIT are warm. */
export const COMPARE_WARMUP_PASSES = 2;
/** Timed searches wanted per engine; fewer when the time budget runs out. */
export const COMPARE_TIMED_SEARCHES = 4_000;
export const COMPARE_TIME_BUDGET_MS = 20_000;

/** Ranking quality of one engine on one query set. */
export interface QualityScores {
  readonly queries: number;
  readonly ndcgAt10: number;
  readonly mrrAt10: number;
  readonly successAt10: number;
  readonly perQuery: ReadonlyArray<{ readonly id: string; readonly query: string; readonly ndcg: number; readonly top: readonly string[]; readonly noAnswer?: boolean }>;
}

/**
 * How well an engine's "no answer" verdict matches reality on a set with unanswerable questions (no judgments).
 * An engine without a verdict is judged by whether it returned nothing.
 */
export interface NoAnswerScores {
  readonly answerable: number;
  readonly unanswerable: number;
  /** Share of answerable questions answered (no "no answer") with a relevant page in the top 10. */
  readonly answeredAt10: number;
  /** Share of answerable questions with a relevant page in the top 10, whatever the verdict. */
  readonly successAt10: number;
  /** Share of unanswerable questions where the engine said "no answer". */
  readonly unanswerableRecognised: number;
  /** Share of all questions where the verdict was right. */
  readonly accuracy: number;
}

export interface PeerReport {
  readonly name: string;
  /** `pagesPerSecond`: ingest as the engine does it; `withIndexPagesPerSecond`: ingest and the index load after it, where separate. */
  readonly ingest: { readonly pages: number; readonly ms: number; readonly pagesPerSecond: number; readonly indexMs?: number; readonly withIndexPagesPerSecond: number; readonly firstPagesPerSecond?: number };
  readonly dev: QualityScores;
  readonly council: QualityScores;
  readonly noAnswer: NoAnswerScores;
  readonly latency: LatencySummary;
  /** The held-out sets (written after tuning, never tuned on): quality on their answerable questions, and no-answer. */
  readonly holdouts: ReadonlyArray<{ readonly name: string; readonly quality: QualityScores; readonly noAnswer: NoAnswerScores }>;
}

/** Scores judged queries (those with a relevant page); unjudged ones are left out of the means. */
export async function scoreQuality(peer: SearchPeer, queries: readonly BenchQuery[]): Promise<QualityScores> {
  const perQuery = [];
  for (const q of queries) {
    if (!hasRelevant(q.judgments)) continue;
    const answer = await peer.search(q.query, CUTOFF);
    perQuery.push({ id: q.id, query: q.query, ndcg: ndcgAt(answer.ids, q.judgments), rr: reciprocalRankAt(answer.ids, q.judgments), success: successAt(answer.ids, q.judgments), top: answer.ids, ...(answer.noAnswer !== undefined ? { noAnswer: answer.noAnswer } : {}) });
  }
  return {
    queries: perQuery.length,
    ndcgAt10: mean(perQuery.map((s) => s.ndcg)),
    mrrAt10: mean(perQuery.map((s) => s.rr)),
    successAt10: mean(perQuery.map((s) => s.success)),
    perQuery: perQuery.map(({ id, query, ndcg, top, noAnswer }) => ({ id, query, ndcg, top, ...(noAnswer !== undefined ? { noAnswer } : {}) })),
  };
}

/** No-answer accuracy over a set mixing answerable (judged) and unanswerable (no judgments) questions. */
export async function scoreNoAnswer(peer: SearchPeer, queries: readonly BenchQuery[]): Promise<NoAnswerScores> {
  let answerable = 0;
  let unanswerable = 0;
  let answered = 0;
  let found = 0;
  let recognised = 0;
  for (const q of queries) {
    const answer = await peer.search(q.query, CUTOFF);
    const saysNoAnswer = answer.noAnswer ?? answer.ids.length === 0;
    if (hasRelevant(q.judgments)) {
      answerable++;
      const hit = successAt(answer.ids, q.judgments) === 1;
      if (hit) found++;
      if (hit && !saysNoAnswer) answered++;
    } else {
      unanswerable++;
      if (saysNoAnswer) recognised++;
    }
  }
  return {
    answerable,
    unanswerable,
    answeredAt10: answerable === 0 ? 0 : answered / answerable,
    successAt10: answerable === 0 ? 0 : found / answerable,
    unanswerableRecognised: unanswerable === 0 ? 0 : recognised / unanswerable,
    accuracy: (answered + recognised) / Math.max(1, answerable + unanswerable),
  };
}

/** In-process latency of `peer.search` over the queries: warm-up passes, then timed passes within a budget. */
export async function timeSearches(peer: SearchPeer, queries: readonly BenchQuery[]): Promise<LatencySummary> {
  for (let pass = 0; pass < COMPARE_WARMUP_PASSES; pass++) for (const q of queries) await peer.search(q.query, CUTOFF);
  const latencies: number[] = [];
  const started = performance.now();
  while (latencies.length < COMPARE_TIMED_SEARCHES && (latencies.length === 0 || performance.now() - started < COMPARE_TIME_BUDGET_MS)) {
    for (const q of queries) {
      const t0 = performance.now();
      await peer.search(q.query, CUTOFF);
      latencies.push(performance.now() - t0);
    }
  }
  return summarise(latencies);
}

/** A named set of held-out questions. */
export interface HeldOutSet {
  readonly name: string;
  readonly queries: readonly BenchQuery[];
  /** Scored but not timed: a set that would skew the latency mix (the typo set: every question misspelt). */
  readonly untimed?: boolean;
}

/** Everything the bench reports for one engine. */
export async function comparePeer(peer: SearchPeer, dev: readonly BenchQuery[], council: readonly BenchQuery[], holdouts: ReadonlyArray<HeldOutSet> = []): Promise<PeerReport> {
  const held: Array<PeerReport["holdouts"][number]> = [];
  for (const set of holdouts) held.push({ name: set.name, quality: await scoreQuality(peer, set.queries), noAnswer: await scoreNoAnswer(peer, set.queries) });
  return {
    holdouts: held,
    name: peer.name,
    ingest: {
      ...peer.ingest,
      pagesPerSecond: peer.ingest.pages / (peer.ingest.ms / 1000),
      withIndexPagesPerSecond: peer.ingest.pages / ((peer.ingest.ms + (peer.ingest.indexMs ?? 0)) / 1000),
      ...(peer.ingest.firstMs !== undefined ? { firstPagesPerSecond: peer.ingest.pages / (peer.ingest.firstMs / 1000) } : {}),
    },
    dev: await scoreQuality(peer, dev),
    council: await scoreQuality(peer, council),
    noAnswer: await scoreNoAnswer(peer, council),
    // Timed on every real question set, held-out ones too: they have the misspellings, whose correction costs the
    // most. Not on a set marked untimed (the typo set, all misspelt), which would skew the mix.
    latency: await timeSearches(peer, [...dev, ...council, ...holdouts.flatMap((set) => (set.untimed ? [] : set.queries))]),
  };
}
