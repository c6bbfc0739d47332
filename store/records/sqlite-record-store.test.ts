import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineCollection, type Clock, type RecordStore } from "../../core";
import { openDatabase, type SqliteDb } from "../sqlite-database";
import { encodeCursor } from "./record-cursor";
import { SqliteProvisioner } from "./sqlite-provisioner";
import { SqliteRecordStoreFactory } from "./sqlite-record-store";

const NOTES = defineCollection({
  name: "test-notes",
  title: "Test notes",
  description: "SQLite record store test records.",
  fields: {
    subject: { type: "text", required: true, indexed: true },
    dueAt: { type: "dateTime", indexed: true },
    urgent: { type: "boolean" },
    extra: { type: "json" },
  },
});

/** A clock the test moves by hand. */
class StepClock implements Clock {
  constructor(private at: Date) {}
  now(): Date {
    return this.at;
  }
  advance(ms: number): void {
    this.at = new Date(this.at.getTime() + ms);
  }
}

describe("SqliteRecordStore", () => {
  let db: SqliteDb;
  let clock: StepClock;
  let store: RecordStore<typeof NOTES.fields>;
  beforeEach(async () => {
    db = openDatabase(":memory:");
    await new SqliteProvisioner(db).provision([NOTES]);
    clock = new StepClock(new Date("2026-03-01T08:00:00.000Z"));
    store = new SqliteRecordStoreFactory(db, { clock }).open(NOTES);
  });
  afterEach(() => db.close());

  it("stores each type in its declared column form, and leaves absent fields out", async () => {
    const created = await store.create({ subject: "Ramp", dueAt: new Date("2026-04-01T12:00:00Z"), urgent: false, extra: { a: [1] } });
    const bare = await store.create({ subject: "Bare" });
    expect(db.prepare("SELECT version, created_at, subject, dueAt, urgent, extra FROM rec_test_notes WHERE id = ?").get(Number(created.id))).toEqual({
      version: 1,
      created_at: "2026-03-01T08:00:00.000Z",
      subject: "Ramp",
      dueAt: "2026-04-01T12:00:00.000Z",
      urgent: 0,
      extra: '{"a":[1]}',
    });
    expect(Object.keys((await store.get(bare.id))!.data)).toEqual(["subject"]);
  });

  it("keeps createdAt and moves updatedAt on update", async () => {
    const created = await store.create({ subject: "Ramp" });
    clock.advance(60_000);
    const updated = await store.update(created.id, { urgent: true }, created.version);
    expect(updated.createdAt).toEqual(created.createdAt);
    expect(updated.updatedAt).toEqual(new Date("2026-03-01T08:01:00.000Z"));
    expect(updated.version).toBe("2");
  });

  it("never reuses the id of a deleted record", async () => {
    await store.create({ subject: "One" });
    const last = await store.create({ subject: "Two" });
    await store.delete(last.id, last.version);
    const next = await store.create({ subject: "Three" });
    expect(Number(next.id)).toBeGreaterThan(Number(last.id));
    expect(await store.get(last.id)).toBeUndefined();
  });

  it("never reuses ids across a reopened database file either", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hub-records-"));
    try {
      const file = join(dir, "records.sqlite");
      let fileDb = openDatabase(file);
      await new SqliteProvisioner(fileDb).provision([NOTES]);
      const fileStore = new SqliteRecordStoreFactory(fileDb).open(NOTES);
      const gone = await fileStore.create({ subject: "Gone" });
      await fileStore.delete(gone.id, gone.version);
      fileDb.close();
      fileDb = openDatabase(file);
      const again = await new SqliteRecordStoreFactory(fileDb).open(NOTES).create({ subject: "Again" });
      fileDb.close();
      expect(Number(again.id)).toBeGreaterThan(Number(gone.id));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("treats ids and versions it did not issue as missing or stale, not as errors", async () => {
    const created = await store.create({ subject: "Ramp" });
    for (const id of ["abc", "1 OR 1=1", "-1", "0", "1.0", "99999999999999999999", ""]) {
      expect(await store.get(id)).toBeUndefined();
      await expect(store.update(id, { urgent: true }, created.version)).rejects.toMatchObject({ code: "not_found" });
      await expect(store.delete(id, created.version)).rejects.toMatchObject({ code: "not_found" });
    }
    await expect(store.update(created.id, { urgent: true }, "1 OR 1=1")).rejects.toMatchObject({ code: "conflict" });
    await expect(store.delete(created.id, "")).rejects.toMatchObject({ code: "conflict" });
    expect((await store.get(created.id))?.version).toBe(created.version);
  });

  it("refuses a tampered or foreign cursor with a 400", async () => {
    for (let i = 0; i < 3; i++) await store.create({ subject: "Page" });
    const first = await store.query({ pageSize: 1 });
    expect(first.nextCursor).toEqual(expect.any(String));
    const tampered = [
      first.nextCursor + "x",
      "not a cursor!",
      "%%%",
      Buffer.from("not json").toString("base64url"),
      Buffer.from('{"after":"1 OR 1=1"}').toString("base64url"),
      Buffer.from('{"after":-5}').toString("base64url"),
      Buffer.from('{"after":1.5}').toString("base64url"),
      Buffer.from("null").toString("base64url"),
      "A".repeat(10_000),
    ];
    for (const cursor of tampered) await expect(store.query({ pageSize: 1, cursor })).rejects.toMatchObject({ code: "bad_request", status: 400 });
    // A well-formed cursor is just a position: the page after it.
    const second = await store.query({ pageSize: 1, cursor: first.nextCursor });
    expect((await store.query({ pageSize: 5, cursor: encodeCursor(Number(first.items[0]!.id)) })).items[0]?.id).toBe(second.items[0]?.id);
  });

  it("gives a next cursor only while more records remain", async () => {
    for (let i = 0; i < 4; i++) await store.create({ subject: "Page" });
    const first = await store.query({ pageSize: 2 });
    const second = await store.query({ pageSize: 2, cursor: first.nextCursor });
    expect(second.items).toHaveLength(2);
    expect(second.nextCursor).toBeUndefined();
    expect(await store.query({ pageSize: 2, where: [{ field: "subject", equals: "nothing" }] })).toEqual({ items: [] });
  });

  it("treats SQL-looking values as plain values", async () => {
    const hostile = [`'); DROP TABLE rec_test_notes; --`, `" OR ""="`, `x' OR '1'='1`, "%", "_", "\\"];
    for (const subject of hostile) await store.create({ subject, extra: { sql: subject } });
    await store.create({ subject: "innocent" });
    for (const subject of hostile) {
      const { items } = await store.query({ where: [{ field: "subject", equals: subject }], pageSize: 10 });
      expect(items.map((r) => r.data)).toEqual([{ subject, extra: { sql: subject } }]);
    }
    expect((await store.query({ pageSize: 100 })).items).toHaveLength(hostile.length + 1);
  });

  it("matches dateTime conditions by instant, and refuses dates without an offset", async () => {
    const created = await store.create({ subject: "Due", dueAt: new Date("2026-12-01T09:30:00.000Z") });
    for (const equals of ["2026-12-01T09:30:00.000Z", "2026-12-01T09:30Z", "2026-12-01T10:30:00+01:00"]) {
      expect((await store.query({ where: [{ field: "dueAt", equals }], pageSize: 10 })).items.map((r) => r.id)).toEqual([created.id]);
    }
    for (const equals of ["2026-12-01T09:30:00", "2026-12-01", "tomorrow"]) {
      await expect(store.query({ where: [{ field: "dueAt", equals }], pageSize: 10 })).rejects.toMatchObject({ code: "bad_request" });
    }
  });

  it("creates many in input order, and an invalid item writes nothing", async () => {
    const results = await store.createMany([{ subject: "a" }, { subject: 5 as unknown as string }, { subject: "c" }]);
    expect(results.map((r) => (r.ok ? r.record.data.subject : r.error.code))).toEqual(["a", "bad_request", "c"]);
    expect((await store.query({ pageSize: 10 })).items.map((r) => r.data.subject)).toEqual(["a", "c"]);
    expect(await store.createMany([])).toEqual([]);
  });
});
