import type { AuditLog } from "../../audit/audit-event";
import type { RecordStore, RecordStoreFactory } from "../../records";
import { AppError } from "../../shared/app-error";
import type { Clock } from "../../shared/clock";
import { SEARCH_FEEDBACK } from "../feedback-collection";
import { deleteRecords, findWhere } from "./delete-where";
import { queryMatchKey } from "./query-text";
import { feedbackGivenBefore, retentionCutoff, SEARCH_LOG_RETENTION_MONTHS } from "./search-log";
import { SEARCH_QUERIES } from "./search-log-collection";

/** Shortest text a purge by content accepts: "a" or "le" is in nearly every question and would empty the log. */
export const MIN_PURGE_TEXT_LENGTH = 3;
/** Longest text a purge by content accepts: no store keeps a longer question (feedback keeps 500 characters). */
export const MAX_PURGE_TEXT_LENGTH = 500;

/** What a retention purge did. */
export interface ExpiredPurgeReport {
  /** Logged searches deleted. */
  readonly removed: number;
  /** "Was this helpful?" answers deleted (kept as long as the log). */
  readonly feedbackRemoved: number;
  /** The first day kept: searches asked before it were deleted. */
  readonly keptFrom: string;
}

/** What a purge by content did, or with `dryRun` would do. */
export interface TextPurgeReport {
  /** Logged searches whose question holds the text: deleted, or only counted on a dry run. */
  readonly queries: number;
  /** "Was this helpful?" answers whose question holds the text. */
  readonly feedback: number;
  readonly dryRun: boolean;
}

export interface TextPurgeOptions {
  /** Who asked for the purge, for the audit trail. */
  readonly actor: string;
  /** Count the matching records without deleting them. */
  readonly dryRun?: boolean;
}

export interface SearchLogPurgeDeps {
  readonly queries: RecordStore<typeof SEARCH_QUERIES.fields>;
  readonly feedback: RecordStore<typeof SEARCH_FEEDBACK.fields>;
  readonly audit: AuditLog;
  readonly clock: Clock;
}

/**
 * Why a text cannot be purged by (too short or too long once normalised as the log normalises), or undefined when it
 * can. Edges check it first to answer with their own usage message; the use case checks it again.
 */
export function purgeTextProblem(text: string): string | undefined {
  const key = queryMatchKey(text);
  const length = [...key].length;
  // Spaces are not counted towards the minimum: "a b" is in as many questions as "a".
  if ([...key.replaceAll(" ", "")].length < MIN_PURGE_TEXT_LENGTH) return `the text must have at least ${MIN_PURGE_TEXT_LENGTH} characters (besides spaces), so a purge cannot empty the log by accident.`;
  if (length > MAX_PURGE_TEXT_LENGTH) return `the text must have at most ${MAX_PURGE_TEXT_LENGTH} characters: no stored question is longer.`;
  return undefined;
}

/**
 * Deletes stored search questions on demand, for the IT team (retention, without a running host) and information
 * governance (a question holding something redaction could not catch, such as a name). Every purge, dry runs too, is
 * audited: a dry run tells its caller whether anyone asked about a text, which is itself a look into the log.
 */
export class SearchLogPurge {
  constructor(private readonly deps: SearchLogPurgeDeps) {}

  /** Applies the retention rule to the query log and to feedback now: what the host does daily, for when no host runs. */
  async purgeExpired(actor: string): Promise<ExpiredPurgeReport> {
    const keptFrom = retentionCutoff(this.deps.clock.now());
    let removed = 0;
    let feedbackRemoved = 0;
    await this.audited(
      { actor, action: "search-log.expired-purged", target: `${SEARCH_QUERIES.name},${SEARCH_FEEDBACK.name}`, extra: { keptFrom, retentionMonths: SEARCH_LOG_RETENTION_MONTHS } },
      () => ({ removed, feedbackRemoved }),
      async () => {
        await deleteRecords(this.deps.queries, await findWhere(this.deps.queries, (r) => r.data.day < keptFrom), () => removed++);
        await deleteRecords(this.deps.feedback, await findWhere(this.deps.feedback, feedbackGivenBefore(keptFrom)), () => feedbackRemoved++);
      },
    );
    return { removed, feedbackRemoved, keptFrom };
  }

  /**
   * Deletes every logged search and every feedback answer whose question contains `text`, ignoring case, spacing and
   * control characters as the log does. Throws a 400 for a text under MIN_PURGE_TEXT_LENGTH characters.
   */
  async purgeContaining(text: string, options: TextPurgeOptions): Promise<TextPurgeReport> {
    const problem = purgeTextProblem(text);
    if (problem) throw AppError.badRequest(`Cannot purge by this text: ${problem}`);
    const needle = queryMatchKey(text);
    const dryRun = options.dryRun === true;
    const holds = (r: { data: { query: string } }): boolean => queryMatchKey(r.data.query).includes(needle);
    const tally = { queries: 0, feedback: 0 };
    // The text itself is never audited: it is what information governance wants gone, and the audit trail is kept
    // longer and read more widely than the log. Nor a hash of it: a name is short enough to find again by hashing
    // candidate names. Its length and the counts are enough to tie the entry to the request that asked for it.
    await this.audited(
      { actor: options.actor, action: dryRun ? "search-log.text-purge-counted" : "search-log.text-purged", target: `${SEARCH_QUERIES.name},${SEARCH_FEEDBACK.name}`, extra: { textLength: [...needle].length, dryRun } },
      () => tally,
      async () => {
        const queries = await findWhere(this.deps.queries, holds);
        const feedback = await findWhere(this.deps.feedback, holds);
        if (dryRun) {
          tally.queries = queries.length;
          tally.feedback = feedback.length;
          return;
        }
        await deleteRecords(this.deps.queries, queries, () => tally.queries++);
        await deleteRecords(this.deps.feedback, feedback, () => tally.feedback++);
      },
    );
    return { ...tally, dryRun };
  }

  /**
   * Runs a purge and audits it with the counts `counts` gives at the end, even when the purge fails part way (then
   * with `failed: true`): what was deleted before the failure is gone, and the trail must say so.
   */
  private async audited(
    event: { actor: string; action: string; target: string; extra: Record<string, string | number | boolean> },
    counts: () => Record<string, number>,
    purge: () => Promise<void>,
  ): Promise<void> {
    let failed = true;
    try {
      await purge();
      failed = false;
    } finally {
      await this.deps.audit.record({
        actor: event.actor,
        action: event.action,
        target: event.target,
        at: this.deps.clock.now(),
        detail: { ...counts(), ...event.extra, ...(failed ? { failed: true } : {}) },
      });
    }
  }
}

/** The purge use case on a record factory (SQLite tables locally, SharePoint lists in Microsoft 365). */
export function searchLogPurgeOn(records: RecordStoreFactory, deps: Pick<SearchLogPurgeDeps, "audit" | "clock">): SearchLogPurge {
  return new SearchLogPurge({ queries: records.open(SEARCH_QUERIES), feedback: records.open(SEARCH_FEEDBACK), ...deps });
}
