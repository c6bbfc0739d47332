import type { AuditLog } from "../../audit/audit-event";
import type { RecordStoreFactory } from "../../records";
import type { Clock } from "../../shared/clock";
import { BestBetService } from "../best-bets/best-bet-service";
import { SEARCH_BEST_BETS } from "../best-bets/best-bets-collection";
import { ContentGapService } from "../content-gaps/content-gap-service";
import { SEARCH_FEEDBACK } from "../feedback-collection";
import type { GuidancePages } from "../ports";
import { purgeExpiredFeedback, SearchLog } from "../search-log/search-log";
import { SEARCH_LOG_PURGE_INTERVAL_MS, SEARCH_LOG_FIRST_PURGE_MS } from "../search-log/search-log-retention";
import { SEARCH_QUERIES } from "../search-log/search-log-collection";
import type { Vocabulary } from "../vocabulary/vocabulary";
import { SEARCH_VOCABULARY } from "../vocabulary/vocabulary-collection";
import { VocabularyStore } from "../vocabulary/vocabulary-store";
import type { BackgroundErrorHandler } from "./refreshing-value";

/** What the comms team curates about search: best bets, the vocabulary, and the query log behind the gap report. */
export interface SearchCuration {
  readonly bestBets: BestBetService;
  readonly vocabulary: VocabularyStore;
  readonly searchLog: SearchLog;
  readonly contentGaps: ContentGapService;
  /**
   * Loads best bets and the vocabulary, so the first search does not wait for them, and schedules the retention
   * purge of the query log and of feedback (soon after start, then daily). Never throws.
   */
  start(): Promise<void>;
  /**
   * Stops the purge schedule, flushes the query log, and stops the best-bet and vocabulary refreshes, waiting for any
   * in flight; call on shutdown, before the store closes.
   */
  close(): Promise<void>;
}

export interface SearchCurationDeps {
  readonly records: RecordStoreFactory;
  readonly pages: Pick<GuidancePages, "get">;
  readonly audit: AuditLog;
  readonly clock: Clock;
  /** Hands the live vocabulary to the search engine. */
  readonly applyVocabulary: (vocabulary: Vocabulary) => void;
  /** Reports background failures (a refresh, a log write) that must not fail a search. */
  readonly onError: BackgroundErrorHandler;
}

/** Builds the curation services on any record factory (SQLite tables locally, SharePoint lists in Microsoft 365). */
export function createSearchCuration(deps: SearchCurationDeps): SearchCuration {
  const { records, pages, audit, clock, onError } = deps;
  const bestBets = new BestBetService({ records: records.open(SEARCH_BEST_BETS), pages, audit, clock, onError });
  const vocabulary = new VocabularyStore({ records: records.open(SEARCH_VOCABULARY), audit, clock, onError, apply: deps.applyVocabulary });
  const searchLog = new SearchLog({ records: records.open(SEARCH_QUERIES), clock, onError });
  const feedback = records.open(SEARCH_FEEDBACK);
  const contentGaps = new ContentGapService({ searchLog, feedback, clock });
  const timers: Array<ReturnType<typeof setTimeout>> = [];
  const purge = (): void => {
    void searchLog.purgeExpired().catch((e: unknown) => onError(e, "query log retention purge"));
    void purgeExpiredFeedback(feedback, clock.now()).catch((e: unknown) => onError(e, "search feedback retention purge"));
  };
  return {
    bestBets,
    vocabulary,
    searchLog,
    contentGaps,
    async start() {
      // Timers are unref'd: a CLI run or a test never waits for the next purge.
      timers.push(setTimeout(purge, SEARCH_LOG_FIRST_PURGE_MS), setInterval(purge, SEARCH_LOG_PURGE_INTERVAL_MS));
      for (const timer of timers) timer.unref?.();
      await Promise.all([bestBets.refresh().catch((e: unknown) => onError(e, "best bets")), vocabulary.ensureFresh()]);
    },
    async close() {
      for (const timer of timers.splice(0)) clearTimeout(timer);
      // Refreshes in flight finish before the store closes (else they fail on a closed store, and say so).
      await Promise.all([bestBets.close(), vocabulary.close(), searchLog.close()]);
    },
  };
}
