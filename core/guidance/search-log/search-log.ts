import type { RecordData, RecordStore } from "../../records";
import type { Clock } from "../../shared/clock";
import { readAllRecords } from "../curation/read-all-records";
import type { BackgroundErrorHandler } from "../curation/refreshing-value";
import type { SEARCH_FEEDBACK } from "../feedback-collection";
import type { SearchFeedback } from "../ports";
import { addDays, councilDayOf, councilMidnight, subtractMonths, weekStartOf } from "../../shared/calendar-day";
import { deleteWhere } from "./delete-where";
import { normaliseQueryText } from "./query-text";
import { redactIdentifiers } from "./redact-identifiers";
import { MAX_LOGGED_QUERY_LENGTH, type SEARCH_QUERIES } from "./search-log-collection";

/** Staff channels whose questions are logged; "cli" (an operator testing) is not. */
export type LoggedChannel = SearchFeedback["channel"];

/** One search as the log keeps it: nothing about who asked, nor when beyond the day. */
export interface LoggedSearch {
  readonly query: string;
  readonly channel: LoggedChannel;
  readonly noAnswer: boolean;
  readonly resultCount: number;
  readonly topPageId?: string;
}

/** A logged search read back, with its council calendar day. */
export interface LoggedSearchRow extends LoggedSearch {
  readonly day: string;
}

/**
 * Searches are buffered and written in batches: a search never waits for (or fails because of) the log, and a batch
 * written at once does not record each question's exact moment in the store's own created-at metadata.
 */
export const SEARCH_LOG_FLUSH_MS = 60_000;
/** A full batch is written straight away: SharePoint's $batch takes 20 requests. */
export const SEARCH_LOG_BATCH = 20;
/** Searches held in memory while the store is unreachable; beyond this new ones are dropped (and counted). */
export const MAX_BUFFERED_SEARCHES = 2_000;
/** How long logged questions are kept: a year and a month, so a report can compare with the same month last year. */
export const SEARCH_LOG_RETENTION_MONTHS = 13;

type QueryFields = typeof SEARCH_QUERIES.fields;

export interface SearchLogDeps {
  readonly records: RecordStore<QueryFields>;
  readonly clock: Clock;
  readonly onError: BackgroundErrorHandler;
}

/** The anonymous query log: buffered writes, reads by date range for the report, and the retention purge. */
export class SearchLog {
  private buffer: Array<RecordData<QueryFields>> = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private writing: Promise<void> = Promise.resolve();
  private dropped = 0;
  private closed = false;

  constructor(private readonly deps: SearchLogDeps) {}

  /** Queues one search. Returns at once and never throws: the log must not slow or break a search. */
  record(search: LoggedSearch): void {
    if (this.closed) return;
    const query = [...normaliseQueryText(redactIdentifiers(search.query))].slice(0, MAX_LOGGED_QUERY_LENGTH).join("");
    if (!query) return;
    if (this.buffer.length >= MAX_BUFFERED_SEARCHES) {
      this.dropped++;
      return;
    }
    const day = councilDayOf(this.deps.clock.now());
    // Fields picked one by one: nothing else a caller passes (a user, a conversation) can reach the store.
    this.buffer.push({
      query,
      channel: search.channel,
      noAnswer: search.noAnswer,
      resultCount: search.resultCount,
      ...(search.topPageId ? { topPageId: search.topPageId } : {}),
      day,
      week: weekStartOf(day),
    });
    if (this.buffer.length >= SEARCH_LOG_BATCH) void this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), SEARCH_LOG_FLUSH_MS);
      this.timer.unref?.();
    }
  }

  /** Writes everything queued so far; resolves when written (failures are reported, never thrown). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = shuffled(this.buffer);
    this.buffer = [];
    // Writes run one after another, so `close` can wait for the last.
    this.writing = this.writing.then(() => this.write(batch));
    return this.writing;
  }

  /** Flushes and stops accepting searches: call on shutdown so nothing queued is lost. */
  async close(): Promise<void> {
    // Closed first: a search arriving during the last write would otherwise wait in a buffer nobody flushes.
    this.closed = true;
    await this.flush();
  }

  /** Logged searches from `from` to `to` (calendar days, inclusive), read by ISO week so only those weeks are read. */
  async readRange(from: string, to: string): Promise<LoggedSearchRow[]> {
    const rows: LoggedSearchRow[] = [];
    for (let week = weekStartOf(from); week <= to; week = addDays(week, 7)) {
      for (const record of await readAllRecords(this.deps.records, [{ field: "week", equals: week }])) {
        const { data } = record;
        if (data.day < from || data.day > to) continue;
        rows.push({
          query: data.query,
          channel: data.channel as LoggedChannel,
          noAnswer: data.noAnswer,
          resultCount: data.resultCount,
          ...(data.topPageId ? { topPageId: data.topPageId } : {}),
          day: data.day,
        });
      }
    }
    return rows;
  }

  /** Deletes logged searches older than SEARCH_LOG_RETENTION_MONTHS; returns how many. */
  async purgeExpired(): Promise<number> {
    const cutoff = retentionCutoff(this.deps.clock.now());
    return deleteWhere(this.deps.records, (r) => r.data.day < cutoff);
  }

  private async write(batch: Array<RecordData<QueryFields>>): Promise<void> {
    const dropped = this.dropped;
    this.dropped = 0;
    if (dropped > 0) this.deps.onError(new Error(`${dropped} searches were not logged: the buffer was full.`), "search log");
    if (batch.length === 0) return;
    try {
      const results = await this.deps.records.createMany(batch);
      const failed = results.filter((r) => !r.ok);
      // Question text is not put in the error report: it may hold personal details someone typed.
      if (failed.length > 0) this.deps.onError(failed[0]?.ok === false ? failed[0].error : new Error("write failed"), `search log (${failed.length} of ${batch.length} not written)`);
    } catch (error) {
      this.deps.onError(error, `search log (${batch.length} not written)`);
    }
  }

}

/**
 * When a "Was this helpful?" answer is stored as given: the council calendar day, as a date at midnight UTC. As in
 * the query log, no time of day is kept (it could be matched against a person's Teams activity).
 */
export function feedbackDay(now: Date): Date {
  return councilMidnight(now);
}

/** Deletes "Was this helpful?" answers past the query log's retention (their questions are kept no longer); returns how many. */
export async function purgeExpiredFeedback(records: RecordStore<typeof SEARCH_FEEDBACK.fields>, now: Date): Promise<number> {
  return deleteWhere(records, feedbackGivenBefore(retentionCutoff(now)));
}

/** Picks feedback given before a council day. */
export function feedbackGivenBefore(day: string): (record: { readonly data: { readonly at: Date } }) => boolean {
  return (record) => councilDayOf(record.data.at) < day;
}

/** The first council day still kept at `now`: questions asked before it are past retention. */
export function retentionCutoff(now: Date): string {
  return subtractMonths(councilDayOf(now), SEARCH_LOG_RETENTION_MONTHS);
}

/** A shuffled copy: rows of one batch get store ids in no particular order, so ids do not replay the order asked. */
function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
