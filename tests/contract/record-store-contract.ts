import { AppError, defineCollection, type CollectionDef, type RecordData, type RecordStore, type RecordStoreFactory } from "../../core";

/**
 * The one storage contract suite. It runs unchanged against every RecordStoreFactory (SQLite in store/,
 * SharePoint lists through Graph in graph/), so both behave the same for every capability built on them.
 */

/** A collection with one field of every type, exercising every mapping. */
export const WIDGETS = defineCollection({
  name: "contract-widgets",
  title: "Contract widgets",
  description: "Records used by the storage contract tests.",
  fields: {
    name: { type: "text", required: true, indexed: true, maxLength: 255 },
    status: { type: "choice", required: true, indexed: true, choices: ["new", "open", "closed"] },
    count: { type: "number", indexed: true },
    active: { type: "boolean", indexed: true },
    notes: { type: "longText" },
    dueAt: { type: "dateTime" },
    details: { type: "json" },
    health: { type: "longText", specialCategory: true },
    batch: { type: "text", indexed: true },
  },
});

export type Widget = RecordData<typeof WIDGETS.fields>;

export interface ContractHarness {
  /** A factory whose store already has every collection given provisioned (table or list created), and empty. */
  readonly factory: RecordStoreFactory;
  close(): Promise<void>;
}

export interface ContractOptions {
  /** Makes a fresh, empty store for each test file run. */
  readonly makeHarness: (collections: readonly CollectionDef[]) => Promise<ContractHarness>;
  /** Records created for the paging test: must pass SharePoint's 5,000-item list view threshold. */
  readonly pagingItems?: number;
}

const widget = (overrides: Partial<Widget> = {}): Widget => ({ name: "Screen reader licence", status: "new", ...overrides });

async function expectAppError(promise: Promise<unknown>, code: AppError["code"]): Promise<void> {
  await expect(promise).rejects.toMatchObject({ code });
}

/** Registers the contract tests in the calling jest file. */
export function describeRecordStoreContract(label: string, options: ContractOptions): void {
  describe(`RecordStore contract: ${label}`, () => {
    let harness: ContractHarness;
    let store: RecordStore<typeof WIDGETS.fields>;

    beforeAll(async () => {
      harness = await options.makeHarness([WIDGETS]);
      store = harness.factory.open(WIDGETS);
    });
    afterAll(() => harness.close());

    const all = async (where: Parameters<typeof store.query>[0]["where"] = []) => {
      const items = [];
      let cursor: string | undefined;
      do {
        const page = await store.query({ where, pageSize: 1000, cursor });
        items.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return items;
    };

    it("creates and reads back every field type exactly", async () => {
      const dueAt = new Date("2026-12-01T09:30:00.000Z");
      const created = await store.create(widget({ count: 3, active: true, notes: "Line one\nLine two", dueAt, details: { tags: ["a", "b"], n: 1, ok: null }, health: "Dyslexia" }));
      expect(created.id).toEqual(expect.any(String));
      expect(created.version).toEqual(expect.any(String));
      expect(created.createdAt).toBeInstanceOf(Date);
      const read = await store.get(created.id);
      expect(read?.data).toEqual({ name: "Screen reader licence", status: "new", count: 3, active: true, notes: "Line one\nLine two", dueAt, details: { tags: ["a", "b"], n: 1, ok: null }, health: "Dyslexia" });
      expect(read?.version).toBe(created.version);
    });

    it("returns undefined for a record that does not exist", async () => {
      expect(await store.get("999999999")).toBeUndefined();
    });

    it("refuses invalid records with a 400 and writes nothing", async () => {
      const before = (await all([{ field: "batch", equals: "invalid" }])).length;
      await expectAppError(store.create({ status: "new", batch: "invalid" } as unknown as Widget), "bad_request");
      await expectAppError(store.create(widget({ status: "pending" as "new", batch: "invalid" })), "bad_request");
      await expectAppError(store.create({ ...widget({ batch: "invalid" }), colour: "red" } as unknown as Widget), "bad_request");
      await expectAppError(store.create(widget({ name: "x".repeat(256), batch: "invalid" })), "bad_request");
      await expectAppError(store.create(widget({ count: Number.NaN, batch: "invalid" })), "bad_request");
      expect((await all([{ field: "batch", equals: "invalid" }])).length).toBe(before);
    });

    it("updates at the current version, changing the version, and can clear optional fields", async () => {
      const created = await store.create(widget({ count: 1, notes: "draft" }));
      const updated = await store.update(created.id, { status: "open", count: 2, notes: undefined }, created.version);
      expect(updated.version).not.toBe(created.version);
      expect(updated.data).toMatchObject({ name: "Screen reader licence", status: "open", count: 2 });
      const read = await store.get(created.id);
      expect(read?.data.status).toBe("open");
      expect(read?.data.notes).toBeUndefined();
      expect(read?.version).toBe(updated.version);
    });

    it("refuses an update at a stale version with a conflict and changes nothing", async () => {
      const created = await store.create(widget());
      const first = await store.update(created.id, { status: "open" }, created.version);
      await expectAppError(store.update(created.id, { status: "closed" }, created.version), "conflict");
      const read = await store.get(created.id);
      expect(read?.data.status).toBe("open");
      expect(read?.version).toBe(first.version);
    });

    it("lets exactly one of two concurrent updates win", async () => {
      const created = await store.create(widget());
      const results = await Promise.allSettled([
        store.update(created.id, { count: 10 }, created.version),
        store.update(created.id, { count: 20 }, created.version),
      ]);
      const won = results.filter((r) => r.status === "fulfilled");
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0]!.reason).toMatchObject({ code: "conflict" });
      const read = await store.get(created.id);
      expect(read?.data.count).toBe((won[0] as PromiseFulfilledResult<{ data: Widget }>).value.data.count);
    });

    it("refuses to clear a required field, and to update a missing record", async () => {
      const created = await store.create(widget());
      await expectAppError(store.update(created.id, { name: undefined }, created.version), "bad_request");
      await expectAppError(store.update("999999999", { status: "open" }, created.version), "not_found");
    });

    it("deletes at the current version only", async () => {
      const created = await store.create(widget());
      const updated = await store.update(created.id, { count: 5 }, created.version);
      await expectAppError(store.delete(created.id, created.version), "conflict");
      expect(await store.get(created.id)).toBeDefined();
      await store.delete(created.id, updated.version);
      expect(await store.get(created.id)).toBeUndefined();
      await expectAppError(store.delete(created.id, updated.version), "not_found");
    });

    it("queries indexed fields with equality, ANDed, and refuses unindexed or ill-typed conditions", async () => {
      await store.create(widget({ batch: "query", status: "open", count: 1, active: true }));
      await store.create(widget({ batch: "query", status: "open", count: 2, active: false }));
      await store.create(widget({ batch: "query", status: "closed", count: 1, active: true }));
      expect(await all([{ field: "batch", equals: "query" }])).toHaveLength(3);
      expect(await all([{ field: "batch", equals: "query" }, { field: "status", equals: "open" }])).toHaveLength(2);
      expect(await all([{ field: "batch", equals: "query" }, { field: "count", equals: 1 }, { field: "active", equals: true }])).toHaveLength(2);
      expect(await all([{ field: "batch", equals: "query" }, { field: "active", equals: false }])).toHaveLength(1);
      await expectAppError(store.query({ where: [{ field: "notes", equals: "x" }], pageSize: 10 }), "bad_request");
      await expectAppError(store.query({ where: [{ field: "count", equals: "1" }], pageSize: 10 }), "bad_request");
      await expectAppError(store.query({ pageSize: 0 }), "bad_request");
    });

    it("round-trips unicode, quotes and long text, and matches quoted values exactly", async () => {
      const name = "O'Brien – Croeso i Gyngor 👩🏽‍🦯 «ünïcödé» \"quoted\" مرحبا & <b>";
      const notes = "Ŵŷ ".repeat(20_000) + "end";
      const created = await store.create(widget({ name: name.slice(0, 255), notes, batch: "unicode" }));
      const read = await store.get(created.id);
      expect(read?.data.name).toBe(name.slice(0, 255));
      expect(read?.data.notes).toBe(notes);
      const found = await all([{ field: "name", equals: name.slice(0, 255) }]);
      expect(found.map((r) => r.id)).toEqual([created.id]);
      expect(await all([{ field: "name", equals: "O'Brien" }])).toHaveLength(0);
      expect(await all([{ field: "name", equals: "x' or 1 eq 1 or name eq 'x" }])).toHaveLength(0);
    });

    it("creates many, reporting each item's own failure", async () => {
      const items = [widget({ batch: "many" }), widget({ batch: "many", status: "bogus" as "new" }), widget({ batch: "many", count: 7 })];
      const results = await store.createMany(items);
      expect(results.map((r) => r.ok)).toEqual([true, false, true]);
      expect(results[1]).toMatchObject({ ok: false, error: { code: "bad_request" } });
      const stored = await all([{ field: "batch", equals: "many" }]);
      expect(stored).toHaveLength(2);
    });

    it("deletes many, each at its own version, reporting each item's own failure in input order", async () => {
      // More than one SharePoint $batch (20 requests) holds.
      const created = (await store.createMany(Array.from({ length: 23 }, (_, i) => widget({ batch: "delete-many", count: i })))).map((r) => {
        if (!r.ok) throw r.error;
        return r.record;
      });
      const stale = created[3]!;
      await store.update(stale.id, { count: 103 }, stale.version);
      const gone = created[5]!;
      await store.delete(gone.id, gone.version);
      const results = await store.deleteMany([...created, { id: "999999999", version: created[0]!.version }]);
      expect(results).toHaveLength(24);
      expect(results[3]).toMatchObject({ ok: false, error: { code: "conflict" } });
      expect(results[5]).toMatchObject({ ok: false, error: { code: "not_found" } });
      expect(results[23]).toMatchObject({ ok: false, error: { code: "not_found" } });
      expect(results.filter((r) => r.ok)).toHaveLength(21);
      expect((await all([{ field: "batch", equals: "delete-many" }])).map((r) => r.data.count)).toEqual([103]);
      expect(await store.deleteMany([])).toEqual([]);
    });

    it(`pages through more items than SharePoint's list view threshold, each exactly once`, async () => {
      const total = options.pagingItems ?? 5_050;
      const results = await store.createMany(Array.from({ length: total }, (_, i) => widget({ batch: "paging", count: i })));
      expect(results.every((r) => r.ok)).toBe(true);
      const seen: number[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await store.query({ where: [{ field: "batch", equals: "paging" }], pageSize: 1000, cursor });
        expect(page.items.length).toBeLessThanOrEqual(1000);
        seen.push(...page.items.map((r) => r.data.count!));
        cursor = page.nextCursor;
        pages++;
      } while (cursor);
      expect(pages).toBe(Math.ceil(total / 1000));
      // Batched creates may land in any order; what matters is that every record is seen exactly once.
      expect(new Set(seen).size).toBe(total);
      expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: total }, (_, i) => i));
    }, 240_000);
  });
}
