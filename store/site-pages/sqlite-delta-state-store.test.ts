import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Clock } from "../../core";
import type { DeltaState, SyncedItem } from "../../graph/site-pages";
import { openDatabase, type SqliteDb } from "../sqlite-database";
import { SqliteDeltaStateStore } from "./sqlite-delta-state-store";

const clock: Clock = { now: () => new Date("2025-06-02T09:00:00Z") };
const KEY = "site-pages|council.sharepoint.com,a,b|list-1";
const item = (n: number, eTag = `"{E${n}},1"`): SyncedItem => ({ pageId: `sites/intranet/sitepages/page-${n}.aspx`, eTag });
const state = (deltaLink: string | undefined, ...ids: number[]): DeltaState => ({
  ...(deltaLink ? { deltaLink } : {}),
  items: Object.fromEntries(ids.map((n) => [String(n), item(n)])),
});
const totalChanges = (db: SqliteDb): number => db.prepare<[], { n: number }>("SELECT total_changes() AS n").get()!.n;

describe("SqliteDeltaStateStore", () => {
  let dir: string;
  let db: SqliteDb;
  let store: SqliteDeltaStateStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "hub-delta-"));
    db = openDatabase(join(dir, "hub.sqlite"));
    store = new SqliteDeltaStateStore(db, clock);
  });
  afterEach(() => {
    if (db.open) db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("round-trips a state, with and without a deltaLink, and knows nothing of unknown keys", async () => {
    expect(await store.get(KEY)).toBeUndefined();
    await store.set(KEY, state("https://graph/delta?token=1", 1, 2, 3));
    expect(await store.get(KEY)).toEqual(state("https://graph/delta?token=1", 1, 2, 3));

    // A run with failures keeps the items but stores no link: the next run enumerates again.
    await store.set(KEY, state(undefined, 1, 2));
    expect(await store.get(KEY)).toEqual(state(undefined, 1, 2));
    await store.set(KEY, { items: {} });
    expect(await store.get(KEY)).toEqual({ items: {} });
  });

  it("keeps keys apart and forgets one on delete", async () => {
    await store.set(KEY, state("link-a", 1));
    await store.set("other", state("link-b", 1, 2));
    await store.delete(KEY);
    expect(await store.get(KEY)).toBeUndefined();
    expect(await store.get("other")).toEqual(state("link-b", 1, 2));
    expect(db.prepare("SELECT count(*) AS n FROM site_pages_delta_item").get()).toEqual({ n: 2 });
  });

  it("survives closing and reopening the database", async () => {
    await store.set(KEY, state("link", 4, 5));
    db.close();
    db = openDatabase(join(dir, "hub.sqlite"));
    expect(await new SqliteDeltaStateStore(db).get(KEY)).toEqual(state("link", 4, 5));
  });

  it("writes only the rows that changed", async () => {
    await store.set(KEY, state("link-1", ...Array.from({ length: 50 }, (_, i) => i + 1)));
    const before = totalChanges(db);
    const quiet = state("link-2", ...Array.from({ length: 50 }, (_, i) => i + 1));
    await store.set(KEY, { ...quiet, items: { ...quiet.items, "7": item(7, `"{E7},2"`) } });
    // The key row and the one edited item; the other 49 items are left alone.
    expect(totalChanges(db) - before).toBe(2);
    expect((await store.get(KEY))?.items["7"]).toEqual(item(7, `"{E7},2"`));
  });

  it("never half-updates: a write that fails part-way leaves the previous state whole", async () => {
    await store.set(KEY, state("old-link", 1, 2));
    // An item the schema refuses (page_id NOT NULL), after others were already written in the same call.
    const broken = { pageId: null, eTag: "x" } as unknown as SyncedItem;
    // Matched on the message, not with toThrow: better-sqlite3's native addon is loaded once per jest worker, so its
    // SqliteError can come from another test file's realm and fail toThrow's instanceof Error check.
    await expect(store.set(KEY, { deltaLink: "new-link", items: { "1": item(1, "changed"), "3": item(3), "9": broken } })).rejects.toMatchObject({
      message: expect.stringMatching(/NOT NULL constraint failed: site_pages_delta_item\.page_id/),
    });
    expect(await store.get(KEY)).toEqual(state("old-link", 1, 2));
  });
});
