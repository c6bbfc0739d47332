import type { AuditEvent, AuditLog } from "../../audit/audit-event";
import {
  validateRecordData,
  type CollectionDef,
  type DeleteResult,
  type FieldDef,
  type RecordData,
  type RecordQuery,
  type RecordRef,
  type RecordStore,
  type RecordStoreFactory,
  type StoredRecord,
} from "../../records";
import { AppError } from "../../shared/app-error";
import { BEST_BETS_REFRESH_MS } from "../best-bets/best-bet-service";
import { MAX_PINNED_RESULTS } from "../best-bets/best-bet";
import { SEARCH_FEEDBACK } from "../feedback-collection";
import type { GuidancePage } from "../page";
import { SEARCH_LOG_BATCH } from "../search-log/search-log";
import { MIN_PURGE_TEXT_LENGTH, searchLogPurgeOn } from "../search-log/search-log-purge";
import { SEARCH_QUERIES } from "../search-log/search-log-collection";
import { SEARCH_LOG_FIRST_PURGE_MS } from "../search-log/search-log-retention";
import { SEARCH_VOCABULARY } from "../vocabulary/vocabulary-collection";
import { chunksOf, VOCABULARY_REFRESH_MS } from "../vocabulary/vocabulary-store";
import type { Vocabulary } from "../vocabulary/vocabulary";
import { RefreshingValue } from "./refreshing-value";
import { createSearchCuration } from "./search-curation";

// The curation services are real; only storage is faked, as a small in-memory RecordStore that keeps the contract's
// version checks and paging (the contract suite holds the real stores to the same behaviour).

class MemoryRecords<F extends Record<string, FieldDef>> implements RecordStore<F> {
  readonly rows = new Map<string, StoredRecord<RecordData<F>>>();
  private nextId = 1;
  failCreates = false;
  constructor(readonly collection: CollectionDef<F>, private readonly now: () => Date) {}
  async create(data: RecordData<F>) {
    if (this.failCreates) throw new AppError("unavailable", "store down");
    validateRecordData(this.collection, data as Record<string, unknown>, "create");
    const record = { id: String(this.nextId++), version: "1", createdAt: this.now(), updatedAt: this.now(), data };
    this.rows.set(record.id, record);
    return record;
  }
  async createMany(items: readonly RecordData<F>[]) {
    const out = [];
    for (const item of items) {
      try {
        out.push({ ok: true as const, record: await this.create(item) });
      } catch (error) {
        out.push({ ok: false as const, error: error as AppError });
      }
    }
    return out;
  }
  async get(id: string) {
    return this.rows.get(id);
  }
  async update(id: string, changes: Partial<RecordData<F>>, expectedVersion: string) {
    const current = this.rows.get(id);
    if (!current) throw AppError.notFound("record");
    if (current.version !== expectedVersion) throw AppError.conflict();
    const record = { ...current, version: String(Number(current.version) + 1), updatedAt: this.now(), data: { ...current.data, ...changes } };
    this.rows.set(id, record);
    return record;
  }
  async delete(id: string, expectedVersion: string) {
    const current = this.rows.get(id);
    if (!current) throw AppError.notFound("record");
    if (current.version !== expectedVersion) throw AppError.conflict();
    this.rows.delete(id);
  }
  async deleteMany(items: readonly RecordRef[]) {
    const out: DeleteResult[] = [];
    for (const { id, version } of items) {
      try {
        await this.delete(id, version);
        out.push({ ok: true });
      } catch (error) {
        out.push({ ok: false, error: error as AppError });
      }
    }
    return out;
  }
  async query(query: RecordQuery<F>) {
    const matching = [...this.rows.values()].filter((r) => (query.where ?? []).every((c) => (r.data as Record<string, unknown>)[c.field] === c.equals));
    const start = Number(query.cursor ?? 0);
    const items = matching.slice(start, start + query.pageSize);
    return { items, ...(start + query.pageSize < matching.length ? { nextCursor: String(start + query.pageSize) } : {}) };
  }
}

class MemoryFactory implements RecordStoreFactory {
  private readonly stores = new Map<string, unknown>();
  constructor(private readonly now: () => Date) {}
  open<F extends Record<string, FieldDef>>(collection: CollectionDef<F>): MemoryRecords<F> {
    if (!this.stores.has(collection.name)) this.stores.set(collection.name, new MemoryRecords(collection, this.now));
    return this.stores.get(collection.name) as MemoryRecords<F>;
  }
}

function setup() {
  let now = new Date("2026-11-26T10:00:00Z");
  const clock = { now: () => now };
  const records = new MemoryFactory(() => now);
  const events: AuditEvent[] = [];
  const audit: AuditLog = { record: async (e) => void events.push(e), recent: async () => [...events].reverse() };
  const pages = new Map<string, GuidancePage>(["a.md", "b.md", "c.md", "d.md", "e.md"].map((id) => [id, { id, title: `Title ${id}`, headings: [], text: "", body: { markdown: "" }, origin: "t", contentHash: id, updatedAt: now }]));
  const errors: string[] = [];
  const applied: Vocabulary[] = [];
  const make = () =>
    createSearchCuration({ records, pages: { get: async (id) => pages.get(id) }, audit, clock, onError: (_e, what) => void errors.push(what), applyVocabulary: (v) => void applied.push(v) });
  return { curation: make(), other: make(), records, events, errors, applied, advance: (ms: number) => (now = new Date(now.getTime() + ms)) };
}

describe("best bets", () => {
  it("orders pins by the most specific trigger, then the newest edit, at most MAX_PINNED_RESULTS", async () => {
    const { curation, advance } = setup();
    const { bestBets } = curation;
    await bestBets.create({ pageId: "a.md", triggers: ["leave"] }, "ed");
    advance(1000);
    await bestBets.create({ pageId: "b.md", triggers: ["annual leave"] }, "ed");
    advance(1000);
    await bestBets.create({ pageId: "c.md", triggers: ["leave"] }, "ed");
    advance(1000);
    await bestBets.create({ pageId: "d.md", triggers: ["leave"] }, "ed");
    expect((await bestBets.pinsFor("how much annual leave")).map((p) => p.pageId)).toEqual(["b.md", "d.md", "c.md"].slice(0, MAX_PINNED_RESULTS));
  });

  it("ignores an expired best bet", async () => {
    const { curation, advance } = setup();
    await curation.bestBets.create({ pageId: "a.md", triggers: ["christmas closure"], expiresAt: new Date("2026-12-28T00:00:00Z") }, "ed");
    expect(await curation.bestBets.pinsFor("christmas closure dates")).toHaveLength(1);
    advance(40 * 86_400_000);
    expect(await curation.bestBets.pinsFor("christmas closure dates")).toHaveLength(0);
  });

  it("reaches another instance within BEST_BETS_REFRESH_MS, without reading the store on every search", async () => {
    const { curation, other, advance, records } = setup();
    expect(await other.bestBets.pinsFor("lone working")).toEqual([]);
    await curation.bestBets.create({ pageId: "e.md", triggers: ["lone working"] }, "ed");
    const store = records.open({ name: "search-best-bets" } as never) as MemoryRecords<never>;
    const query = jest.spyOn(store, "query");
    expect(await other.bestBets.pinsFor("lone working")).toEqual([]);
    expect(query).not.toHaveBeenCalled();
    advance(BEST_BETS_REFRESH_MS);
    await other.bestBets.pinsFor("lone working"); // starts the refresh in the background
    await new Promise((resolve) => setImmediate(resolve));
    expect((await other.bestBets.pinsFor("lone working")).map((p) => p.pageId)).toEqual(["e.md"]);
  });
});

describe("stored vocabulary", () => {
  const big: Vocabulary = { entries: Array.from({ length: 3000 }, (_, i) => ({ terms: [`term number ${i} é😀`, `other phrase ${i}`], broader: [`broad ${i}`] })) };

  it("saves a vocabulary larger than one SharePoint column in chunks and reads it back whole", async () => {
    const { curation, records, applied } = setup();
    const view = await curation.vocabulary.replace(big, "ed");
    const chunks = [...records.open(SEARCH_VOCABULARY).rows.values()].filter((r) => r.data.kind === "chunk");
    expect(chunks.length).toBeGreaterThan(1);
    expect(view.entries).toEqual(big.entries);
    expect(view).toMatchObject({ isDefault: false, updatedBy: "ed", version: "1" });
    expect(applied.at(-1)!.entries).toEqual(big.entries);
  });

  it("keeps only the live revision's chunks, and refuses a stale version", async () => {
    const { curation, records } = setup();
    await curation.vocabulary.replace(big, "ed");
    const second = await curation.vocabulary.replace({ entries: [{ terms: ["a", "b"] }] }, "ed", "1");
    expect(second.version).toBe("2");
    const rows = [...records.open(SEARCH_VOCABULARY).rows.values()];
    expect(rows.filter((r) => r.data.kind === "chunk").map((r) => r.data.revision)).toEqual([2]);
    await expect(curation.vocabulary.replace({ entries: [] }, "other", "1")).rejects.toMatchObject({ code: "conflict" });
    expect((await curation.vocabulary.get()).entries).toEqual([{ terms: ["a", "b"] }]);
  });

  it("refuses a save that lost the race for the head, leaving no orphan chunks", async () => {
    const { curation, other, records } = setup();
    await curation.vocabulary.replace({ entries: [{ terms: ["a", "b"] }] }, "ed");
    const store = records.open(SEARCH_VOCABULARY);
    const update = store.update.bind(store);
    // The other editor's save switches the head between this one's read and write.
    jest.spyOn(store, "update").mockImplementationOnce(async (id, changes, version) => {
      await update(id, { revision: 99 }, version);
      return update(id, changes, version);
    });
    await expect(other.vocabulary.replace({ entries: [{ terms: ["c", "d"] }] }, "other")).rejects.toMatchObject({ code: "conflict" });
    expect([...store.rows.values()].filter((r) => r.data.kind === "chunk" && r.data.revision === 2)).toEqual([]);
  });

  it("reads the live save's chunks only, whatever a losing save of the same revision left behind", async () => {
    const { curation, records } = setup();
    await curation.vocabulary.replace({ entries: [{ terms: ["a", "b"] }] }, "ed");
    // What a save that lost the race for revision 1 leaves until it tidies up (or for good, if its process died).
    await records.open(SEARCH_VOCABULARY).create({ kind: "chunk", revision: 1, part: 0, content: '[{"terms":["x","y"]}]', saveId: "a-losing-save" });
    expect((await curation.vocabulary.get()).entries).toEqual([{ terms: ["a", "b"] }]);
  });

  it("serves the shipped default until something is stored, and again after a reset", async () => {
    const { curation } = setup();
    expect(await curation.vocabulary.get()).toMatchObject({ isDefault: true, version: "0" });
    await curation.vocabulary.replace({ entries: [{ terms: ["a", "b"] }] }, "ed");
    const reset = await curation.vocabulary.reset("lead");
    expect(reset).toMatchObject({ isDefault: true, updatedBy: "lead", version: "2" });
    expect(reset.entries.length).toBeGreaterThan(50);
  });

  it("serves as current() what it last applied: another instance's save within VOCABULARY_REFRESH_MS", async () => {
    const { curation, other, advance } = setup();
    await other.vocabulary.ensureFresh();
    const before = other.vocabulary.current();
    expect(before.entries.length).toBeGreaterThan(50); // the shipped default
    await curation.vocabulary.replace({ entries: [{ terms: ["zorbing", "lone working"] }] }, "ed");
    await other.vocabulary.ensureFresh();
    expect(other.vocabulary.current()).toBe(before);
    advance(VOCABULARY_REFRESH_MS);
    await other.vocabulary.ensureFresh(); // starts the refresh in the background
    await new Promise((resolve) => setImmediate(resolve));
    expect(other.vocabulary.current().entries).toEqual([{ terms: ["zorbing", "lone working"] }]);
  });

  it("splits chunks at code points, never inside a surrogate pair", () => {
    const text = "ab😀cd😀";
    for (let size = 2; size <= 5; size++) {
      const chunks = chunksOf(text, size);
      expect(chunks.join("")).toBe(text);
      for (const chunk of chunks) expect(chunk).toBe(Buffer.from(chunk, "utf8").toString("utf8"));
    }
  });
});

describe("query log", () => {
  it("writes a full batch at once and the rest on flush, keeping only day and week, never the time", async () => {
    const { curation, records } = setup();
    const store = records.open(SEARCH_QUERIES);
    for (let i = 0; i < SEARCH_LOG_BATCH + 3; i++) curation.searchLog.record({ query: `question\u0007 ${i}`, channel: "bot", noAnswer: i % 2 === 0, resultCount: 3 });
    await new Promise((resolve) => setImmediate(resolve));
    expect(store.rows.size).toBe(SEARCH_LOG_BATCH);
    await curation.close();
    expect(store.rows.size).toBe(SEARCH_LOG_BATCH + 3);
    const data = [...store.rows.values()][0]!.data;
    expect(data).toMatchObject({ day: "2026-11-26", week: "2026-11-23", channel: "bot" });
    expect(data.query).toMatch(/^question \d+$/);
  });

  it("reports a failed write instead of failing the search", async () => {
    const { curation, records, errors } = setup();
    records.open(SEARCH_QUERIES).failCreates = true;
    curation.searchLog.record({ query: "q", channel: "tab", noAnswer: true, resultCount: 0 });
    await curation.searchLog.flush();
    expect(errors).toEqual([expect.stringContaining("search log")]);
  });

  it("purges questions past the retention period", async () => {
    const { curation, records, advance } = setup();
    curation.searchLog.record({ query: "old", channel: "tab", noAnswer: true, resultCount: 0 });
    await curation.searchLog.flush();
    advance(400 * 86_400_000);
    curation.searchLog.record({ query: "new", channel: "tab", noAnswer: true, resultCount: 0 });
    await curation.searchLog.flush();
    expect(await curation.searchLog.purgeExpired()).toBe(1);
    expect([...records.open(SEARCH_QUERIES).rows.values()].map((r) => r.data.query)).toEqual(["new"]);
  });
});

describe("purging the query log and feedback", () => {
  // Now is 2026-11-26, so 13 months back the first day kept is 2025-10-26.
  function purgeSetup() {
    const base = setup();
    const queries = base.records.open(SEARCH_QUERIES);
    const feedback = base.records.open(SEARCH_FEEDBACK);
    const purge = searchLogPurgeOn(base.records, { audit: { record: async (e) => void base.events.push(e), recent: async () => [] }, clock: { now: () => new Date("2026-11-26T10:00:00Z") } });
    const logged = (query: string, day: string) => queries.create({ query, channel: "tab", noAnswer: true, resultCount: 0, day, week: day });
    const answered = (query: string, day = "2026-11-20") => feedback.create({ query, helpful: false, channel: "bot", at: new Date(`${day}T00:00:00.000Z`) });
    const left = () => ({ queries: [...queries.rows.values()].map((r) => r.data.query), feedback: [...feedback.rows.values()].map((r) => r.data.query) });
    return { ...base, queries, feedback, purge, logged, answered, left };
  }

  it("a running host purges both the query log and feedback soon after start, then daily", async () => {
    jest.useFakeTimers({ doNotFake: ["nextTick", "setImmediate"] });
    try {
      const { curation, records } = setup();
      const queries = records.open(SEARCH_QUERIES);
      const feedback = records.open(SEARCH_FEEDBACK);
      await queries.create({ query: "old question", channel: "tab", noAnswer: true, resultCount: 0, day: "2025-10-25", week: "2025-10-20" });
      await queries.create({ query: "new question", channel: "tab", noAnswer: true, resultCount: 0, day: "2025-10-26", week: "2025-10-20" });
      await feedback.create({ query: "old feedback", helpful: false, channel: "bot", at: new Date("2025-10-25T00:00:00.000Z") });
      await feedback.create({ query: "new feedback", helpful: false, channel: "bot", at: new Date("2025-10-26T00:00:00.000Z") });
      await curation.start();
      await jest.advanceTimersByTimeAsync(SEARCH_LOG_FIRST_PURGE_MS);
      await new Promise((resolve) => setImmediate(resolve));
      expect([...queries.rows.values()].map((r) => r.data.query)).toEqual(["new question"]);
      expect([...feedback.rows.values()].map((r) => r.data.query)).toEqual(["new feedback"]);
      await curation.close();
    } finally {
      jest.useRealTimers();
    }
  });

  it("deletes logged searches and feedback from before the first day kept, and nothing else", async () => {
    const { purge, logged, answered, left, events } = purgeSetup();
    await logged("long ago", "2024-01-05");
    await logged("the day before", "2025-10-25");
    await logged("the first day kept", "2025-10-26");
    await logged("today", "2026-11-26");
    await answered("feedback the day before", "2025-10-25");
    await answered("feedback the first day kept", "2025-10-26");
    expect(await purge.purgeExpired("cli")).toEqual({ removed: 2, feedbackRemoved: 1, keptFrom: "2025-10-26" });
    expect(left()).toEqual({ queries: ["the first day kept", "today"], feedback: ["feedback the first day kept"] });
    expect(events).toEqual([
      expect.objectContaining({
        actor: "cli",
        action: "search-log.expired-purged",
        target: "search-queries,search-feedback",
        detail: { removed: 2, feedbackRemoved: 1, keptFrom: "2025-10-26", retentionMonths: 13 },
      }),
    ]);
  });

  it("deletes questions and feedback holding the text, whatever its case and spacing, and audits counts, never the text", async () => {
    const { purge, logged, answered, left, events } = purgeSetup();
    await logged("grievance about Jo  Bloggs in payroll", "2026-11-02");
    await logged("JO BLOGGS", "2025-12-01");
    await logged("jo blog", "2026-11-02");
    await logged("annual leave", "2026-11-02");
    await answered("why did jo\tbloggs\nget the job");
    await answered("parking permits");
    expect(await purge.purgeContaining("  jo   bloggs ", { actor: "cli" })).toEqual({ queries: 2, feedback: 1, dryRun: false });
    expect(left()).toEqual({ queries: ["jo blog", "annual leave"], feedback: ["parking permits"] });
    expect(events).toEqual([
      expect.objectContaining({ actor: "cli", action: "search-log.text-purged", target: "search-queries,search-feedback", detail: { queries: 2, feedback: 1, textLength: 9, dryRun: false } }),
    ]);
    expect(JSON.stringify(events).toLowerCase()).not.toContain("bloggs");
  });

  it("only counts on a dry run, and audits that it looked", async () => {
    const { purge, logged, answered, left, events } = purgeSetup();
    await logged("Café opening hours", "2026-11-02");
    await answered("cafe\u0301 menu"); // the accent as a combining mark: the same word to a reader
    const before = left();
    expect(await purge.purgeContaining("CAFÉ", { actor: "cli", dryRun: true })).toEqual({ queries: 1, feedback: 1, dryRun: true });
    expect(left()).toEqual(before);
    expect(events).toEqual([expect.objectContaining({ action: "search-log.text-purge-counted", detail: { queries: 1, feedback: 1, textLength: 4, dryRun: true } })]);
  });

  it.each(["", "a", "  ab  ", "a\u0000b"])("refuses a text shorter than MIN_PURGE_TEXT_LENGTH once normalised (%j), deleting nothing", async (text) => {
    const { purge, logged, left, events } = purgeSetup();
    await logged("ab ab ab", "2026-11-02");
    await expect(purge.purgeContaining(text, { actor: "cli" })).rejects.toMatchObject({ code: "bad_request", message: expect.stringContaining(`at least ${MIN_PURGE_TEXT_LENGTH}`) });
    expect(left().queries).toEqual(["ab ab ab"]);
    expect(events).toEqual([]);
  });

  it("skips a record another purge deleted first, and audits what went before a failure", async () => {
    const { purge, queries, logged, left, events } = purgeSetup();
    for (const day of ["2020-01-01", "2020-01-02", "2020-01-03"]) await logged(`old ${day}`, day);
    const remove = queries.delete.bind(queries);
    // The host's own purge deletes the first record just before this one does.
    jest.spyOn(queries, "delete").mockImplementationOnce(async (id, version) => {
      await remove(id, version);
      return remove(id, version);
    });
    expect(await purge.purgeExpired("cli")).toMatchObject({ removed: 2 });
    expect(left().queries).toEqual([]);

    for (const day of ["2020-01-04", "2020-01-05"]) await logged(`old ${day}`, day);
    jest.spyOn(queries, "delete").mockImplementation(async (id, version) => {
      if (queries.rows.size === 1) throw new AppError("unavailable", "store down"); // fails on the second delete
      return remove(id, version);
    });
    await expect(purge.purgeExpired("cli")).rejects.toMatchObject({ code: "unavailable" });
    expect(events.at(-1)).toMatchObject({ action: "search-log.expired-purged", detail: { removed: 1, failed: true } });
  });
});

describe("RefreshingValue", () => {
  it("stops reading the store once closed, and close waits for a load in flight", async () => {
    let now = 0;
    let loads = 0;
    let release: (() => void) | undefined;
    const errors: string[] = [];
    const value = new RefreshingValue<number>({
      load: () => {
        loads++;
        return new Promise((resolve) => (release = () => resolve(loads)));
      },
      maxAgeMs: 100,
      clock: { now: () => new Date(now) },
      what: "test value",
      onError: (_e, what) => void errors.push(what),
    });
    const first = value.get(0);
    release!();
    expect(await first).toBe(1);
    now = 500;
    expect(await value.get(0)).toBe(1); // stale: a background load starts
    expect(loads).toBe(2);
    let closed = false;
    const closing = value.close().then(() => (closed = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toBe(false); // waits for the load in flight
    release!();
    await closing;
    now = 5_000;
    expect(await value.get(0)).toBe(2);
    expect(loads).toBe(2); // no load after close
    expect(errors).toEqual([]);
  });

  it("waits on close for a refresh an editor started, and refreshes from memory after it", async () => {
    let loads = 0;
    let release: (() => void) | undefined;
    const value = new RefreshingValue<number>({
      load: () => {
        loads++;
        return new Promise((resolve) => (release = () => resolve(loads)));
      },
      maxAgeMs: 100,
      clock: { now: () => new Date(0) },
      what: "test value",
      onError: () => undefined,
    });
    const first = value.refresh();
    release!();
    expect(await first).toBe(1);
    const saving = value.refresh(); // an editor's save, reloading
    let closed = false;
    const closing = value.close().then(() => (closed = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toBe(false);
    release!();
    await closing;
    expect(await saving).toBe(2);
    expect(await value.refresh()).toBe(2); // the last value, not read again
    expect(loads).toBe(2);
    // Never loaded and closed: nothing to serve, and nothing may be read.
    const unread = new RefreshingValue<number>({ load: async () => 1, maxAgeMs: 1, clock: { now: () => new Date(0) }, what: "unread value", onError: () => undefined });
    await unread.close();
    await expect(unread.refresh()).rejects.toThrow("unread value: closed");
  });

  it("serves the cached value while a stale one refreshes, and never lets an old load overwrite a newer one", async () => {
    let now = 0;
    let stored = 1;
    const release: Array<() => void> = [];
    const value = new RefreshingValue<number>({
      load: () => new Promise((resolve) => release.push(() => resolve(stored))),
      maxAgeMs: 100,
      clock: { now: () => new Date(now) },
      what: "n",
      onError: () => undefined,
    });
    const first = value.get(0);
    release.shift()!();
    expect(await first).toBe(1);
    stored = 2;
    now = 100;
    expect(await value.get(0)).toBe(1); // stale: served at once, refresh started
    stored = 3;
    const edited = value.refresh(); // an edit here: a newer load
    release.pop()!();
    expect(await edited).toBe(3);
    release.shift()!(); // the older background load finishes last, with 3 read late: still not applied over newer
    await new Promise((resolve) => setImmediate(resolve));
    expect(await value.get(0)).toBe(3);
  });

  it("serves the fallback without retrying for maxAgeMs when the first load fails", async () => {
    let now = 0;
    let loads = 0;
    const errors: string[] = [];
    const value = new RefreshingValue<number>({
      load: async () => {
        loads++;
        throw new Error("store down");
      },
      maxAgeMs: 100,
      clock: { now: () => new Date(now) },
      what: "n",
      onError: (_e, what) => void errors.push(what),
    });
    expect(await value.get(7)).toBe(7);
    expect(await value.get(7)).toBe(7);
    expect(loads).toBe(1);
    now = 100;
    expect(await value.get(7)).toBe(7);
    expect(loads).toBe(2);
    expect(errors).toEqual(["n", "n"]);
  });
});
