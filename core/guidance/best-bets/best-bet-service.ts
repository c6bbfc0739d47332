import type { AuditLog } from "../../audit/audit-event";
import type { RecordData, RecordStore, StoredRecord } from "../../records";
import { AppError } from "../../shared/app-error";
import type { Clock } from "../../shared/clock";
import { readAllRecords } from "../curation/read-all-records";
import { RefreshingValue, type BackgroundErrorHandler } from "../curation/refreshing-value";
import type { GuidancePages } from "../ports";
import { MAX_BEST_BETS, MAX_PINNED_RESULTS, type BestBet, type BestBetInput, type BestBetMatch } from "./best-bet";
import type { SEARCH_BEST_BETS } from "./best-bets-collection";
import { compileTrigger, normaliseWords, triggerMatches, type CompiledTrigger } from "./trigger-match";

/** How long another process's best-bet edit may take to reach this one's searches. */
export const BEST_BETS_REFRESH_MS = 30_000;

type BestBetFields = typeof SEARCH_BEST_BETS.fields;
type BestBetRecord = StoredRecord<RecordData<BestBetFields>>;

/** A best bet as matched on the search path: triggers compiled once per load, not per search. */
interface CompiledBestBet {
  readonly id: string;
  readonly pageId: string;
  readonly match: BestBetMatch;
  readonly triggers: readonly CompiledTrigger[];
  readonly expiresAt?: number;
  readonly updatedAt: number;
}

/** A page pinned for one question, and by which best bet. */
export interface Pin {
  readonly pageId: string;
  readonly bestBetId: string;
}

export interface BestBetDeps {
  readonly records: RecordStore<BestBetFields>;
  readonly pages: Pick<GuidancePages, "get">;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly onError: BackgroundErrorHandler;
}

/**
 * Best bets: comms editors pin a page for questions. Edits go to the collection (and the audit trail); searches
 * match against an in-memory copy refreshed every BEST_BETS_REFRESH_MS and straight after an edit here.
 */
export class BestBetService {
  private readonly cache: RefreshingValue<readonly CompiledBestBet[]>;

  constructor(private readonly deps: BestBetDeps) {
    this.cache = new RefreshingValue<readonly CompiledBestBet[]>({
      load: async () => (await this.readAll()).map(compile),
      maxAgeMs: BEST_BETS_REFRESH_MS,
      clock: deps.clock,
      what: "best bets",
      onError: deps.onError,
    });
  }

  /** Stops background refreshes and waits for one in flight (a host shutting down, before its store closes). */
  async close(): Promise<void> {
    await this.cache.close();
  }

  /** Every best bet, newest edit first, with its page's current title. Expired ones are listed too (editors tidy them). */
  async list(): Promise<BestBet[]> {
    const records = await this.readAll();
    const bets = await Promise.all(records.map((r) => this.toBestBet(r)));
    return bets.sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime() || a.id.localeCompare(b.id));
  }

  async create(input: BestBetInput, actor: string): Promise<BestBet> {
    const data = await this.checked(input);
    if ((await this.readAll()).length >= MAX_BEST_BETS) throw AppError.badRequest(`There are already ${MAX_BEST_BETS} best bets; remove some first.`);
    const record = await this.deps.records.create({ ...data, createdBy: actor });
    await this.audited("search.best-bet.created", record, actor);
    return this.toBestBet(record);
  }

  /** Replaces a best bet's page, triggers, match, note and expiry. A stale `version` is a 409. */
  async update(id: string, input: BestBetInput, actor: string): Promise<BestBet> {
    const current = await this.existing(id);
    if (input.version !== undefined && input.version !== current.version) throw AppError.conflict("This best bet was changed by someone else. Reload it and try again.");
    const data = await this.checked(input);
    // Absent optional fields are cleared (undefined), so PUT replaces rather than merges.
    const record = await this.deps.records.update(id, { ...data, note: data.note, expiresAt: data.expiresAt }, input.version ?? current.version);
    await this.audited("search.best-bet.updated", record, actor);
    return this.toBestBet(record);
  }

  async delete(id: string, actor: string): Promise<void> {
    const current = await this.existing(id);
    await this.deps.records.delete(id, current.version);
    await this.audited("search.best-bet.deleted", current, actor);
  }

  /**
   * Pages pinned for a question, most specific trigger first (more words), then the most recently edited, at most
   * MAX_PINNED_RESULTS. Never throws and never reads the store on the search path once loaded.
   */
  async pinsFor(question: string): Promise<Pin[]> {
    const bets = await this.cache.get([]);
    if (bets.length === 0) return [];
    const words = normaliseWords(question);
    const now = this.deps.clock.now().getTime();
    const matched: Array<{ bet: CompiledBestBet; specificity: number }> = [];
    for (const bet of bets) {
      if (bet.expiresAt !== undefined && bet.expiresAt <= now) continue;
      let specificity = 0;
      for (const trigger of bet.triggers) if (triggerMatches(trigger, words, bet.match)) specificity = Math.max(specificity, trigger.terms.length);
      if (specificity > 0) matched.push({ bet, specificity });
    }
    matched.sort((a, b) => b.specificity - a.specificity || b.bet.updatedAt - a.bet.updatedAt);
    const pins: Pin[] = [];
    for (const { bet } of matched) {
      if (pins.some((p) => p.pageId === bet.pageId)) continue;
      pins.push({ pageId: bet.pageId, bestBetId: bet.id });
      if (pins.length >= MAX_PINNED_RESULTS) break;
    }
    return pins;
  }

  /** Loads best bets now (at start, so the first search does not wait). */
  async refresh(): Promise<void> {
    await this.cache.refresh();
  }

  private async checked(input: BestBetInput): Promise<Omit<RecordData<BestBetFields>, "createdBy">> {
    const triggers = tidyTriggers(input.triggers);
    if (triggers.length === 0) throw AppError.badRequest("A best bet needs at least one trigger with words in it.", [{ path: "triggers", message: "needs at least one trigger with words" }]);
    const wordless = triggers.find((t) => !compileTrigger(t));
    if (wordless !== undefined) throw AppError.badRequest(`The trigger "${wordless}" has no words to match.`, [{ path: "triggers", message: "each trigger needs words" }]);
    if (!(await this.deps.pages.get(input.pageId))) throw AppError.notFound("That guidance page");
    if (input.expiresAt !== undefined && input.expiresAt.getTime() <= this.deps.clock.now().getTime()) {
      throw AppError.badRequest("expiresAt must be in the future.", [{ path: "expiresAt", message: "must be in the future" }]);
    }
    const note = input.note?.trim();
    return {
      pageId: input.pageId,
      triggers,
      match: input.match ?? "phrase",
      ...(note ? { note } : {}),
      ...(input.expiresAt ? { expiresAt: input.expiresAt } : {}),
    };
  }

  private async existing(id: string): Promise<BestBetRecord> {
    const record = await this.deps.records.get(id);
    if (!record) throw AppError.notFound("That best bet");
    return record;
  }

  private async readAll(): Promise<BestBetRecord[]> {
    return readAllRecords(this.deps.records);
  }

  private async toBestBet(record: BestBetRecord): Promise<BestBet> {
    const { data } = record;
    const page = await this.deps.pages.get(data.pageId);
    return {
      id: record.id,
      pageId: data.pageId,
      pageTitle: page?.title ?? data.pageId,
      triggers: triggersOf(data.triggers),
      match: data.match as BestBetMatch,
      ...(data.note ? { note: data.note } : {}),
      createdBy: data.createdBy,
      updatedAt: record.updatedAt,
      ...(data.expiresAt ? { expiresAt: data.expiresAt } : {}),
      version: record.version,
    };
  }

  /** Records the edit (the actor is kept here, in the audit trail) and makes this process's searches see it now. */
  private async audited(action: string, record: BestBetRecord, actor: string): Promise<void> {
    await this.deps.audit.record({
      actor,
      action,
      target: `best-bet:${record.id}`,
      at: this.deps.clock.now(),
      detail: { pageId: record.data.pageId, triggers: triggersOf(record.data.triggers).length, match: record.data.match },
    });
    await this.cache.refresh().catch((error: unknown) => this.deps.onError(error, "best bets"));
  }
}

/** Trims, collapses spaces and drops blank or duplicate (case-insensitive) triggers. */
export function tidyTriggers(triggers: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of triggers) {
    const trigger = raw.replace(/\s+/g, " ").trim();
    if (!trigger || seen.has(trigger.toLowerCase())) continue;
    seen.add(trigger.toLowerCase());
    out.push(trigger);
  }
  return out;
}

function triggersOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((t): t is string => typeof t === "string") : [];
}

function compile(record: BestBetRecord): CompiledBestBet {
  const { data } = record;
  return {
    id: record.id,
    pageId: data.pageId,
    match: data.match as BestBetMatch,
    triggers: triggersOf(data.triggers).map(compileTrigger).filter((t): t is CompiledTrigger => t !== undefined),
    ...(data.expiresAt ? { expiresAt: data.expiresAt.getTime() } : {}),
    updatedAt: record.updatedAt.getTime(),
  };
}
