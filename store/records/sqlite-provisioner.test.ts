import { defineCollection, type CollectionDef } from "../../core";
import { openDatabase, type SqliteDb } from "../sqlite-database";
import { SqliteProvisioner } from "./sqlite-provisioner";
import { SqliteRecordStoreFactory } from "./sqlite-record-store";

const CASES_V1 = defineCollection({
  name: "test-cases",
  title: "Test cases",
  description: "Provisioner test records.",
  fields: {
    subject: { type: "text", required: true, indexed: true },
    opened: { type: "dateTime" },
  },
});

/** The same collection a release later: one plain field and one indexed field added. */
const CASES_V2 = defineCollection({
  ...CASES_V1,
  fields: { ...CASES_V1.fields, notes: { type: "longText" }, team: { type: "choice", choices: ["a", "b"], indexed: true } },
});

const columnsOf = (db: SqliteDb, table: string) => db.prepare<[string], { name: string; type: string }>("SELECT name, type FROM pragma_table_info(?)").all(table);
const indexesOf = (db: SqliteDb, table: string) =>
  db.prepare<[string], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL").all(table).map((r) => r.name);

describe("SqliteProvisioner", () => {
  let db: SqliteDb;
  let provisioner: SqliteProvisioner;
  beforeEach(() => {
    db = openDatabase(":memory:");
    provisioner = new SqliteProvisioner(db);
  });
  afterEach(() => db.close());

  it("creates the table with typed columns and indexes, and a second run changes nothing", async () => {
    expect(await provisioner.provision([CASES_V1])).toEqual([
      { collection: "test-cases", changes: ["create table rec_test_cases", "create index rec_test_cases__subject on rec_test_cases.subject"] },
    ]);
    expect(columnsOf(db, "rec_test_cases")).toEqual([
      { name: "id", type: "INTEGER" },
      { name: "version", type: "INTEGER" },
      { name: "created_at", type: "TEXT" },
      { name: "updated_at", type: "TEXT" },
      { name: "subject", type: "TEXT" },
      { name: "opened", type: "TEXT" },
    ]);
    expect(indexesOf(db, "rec_test_cases")).toEqual(["rec_test_cases__subject"]);
    expect(await provisioner.provision([CASES_V1])).toEqual([{ collection: "test-cases", changes: [] }]);
  });

  it("adds a newly declared field's column and index, keeping existing rows", async () => {
    await provisioner.provision([CASES_V1]);
    const before = await new SqliteRecordStoreFactory(db).open(CASES_V1).create({ subject: "Hearing loop", opened: new Date("2026-01-05T10:00:00.000Z") });

    expect(await provisioner.provision([CASES_V2])).toEqual([
      {
        collection: "test-cases",
        changes: ["add column rec_test_cases.notes TEXT", "add column rec_test_cases.team TEXT", "create index rec_test_cases__team on rec_test_cases.team"],
      },
    ]);
    const store = new SqliteRecordStoreFactory(db).open(CASES_V2);
    const kept = await store.get(before.id);
    expect(kept).toEqual({ ...before, data: { subject: "Hearing loop", opened: new Date("2026-01-05T10:00:00.000Z") } });
    const updated = await store.update(before.id, { team: "a" }, before.version);
    expect((await store.query({ where: [{ field: "team", equals: "a" }], pageSize: 10 })).items.map((r) => r.id)).toEqual([updated.id]);
    expect(await provisioner.provision([CASES_V2])).toEqual([{ collection: "test-cases", changes: [] }]);
  });

  it("reports in a dry run and changes nothing", async () => {
    const planned = await provisioner.provision([CASES_V1], { dryRun: true });
    expect(planned[0]?.changes).toContain("create table rec_test_cases");
    expect(columnsOf(db, "rec_test_cases")).toEqual([]);

    await provisioner.provision([CASES_V1]);
    const schemaBefore = db.prepare("SELECT type, name, sql FROM sqlite_master ORDER BY name").all();
    const plannedV2 = await provisioner.provision([CASES_V2], { dryRun: true });
    expect(plannedV2[0]?.changes).toHaveLength(3);
    expect(db.prepare("SELECT type, name, sql FROM sqlite_master ORDER BY name").all()).toEqual(schemaBefore);
    // What the dry run promised is what the real run does.
    expect(await provisioner.provision([CASES_V2])).toEqual(plannedV2);
  });

  it("refuses a field whose type changed, changing nothing in any collection", async () => {
    await provisioner.provision([CASES_V1]);
    const retyped = defineCollection({ ...CASES_V1, fields: { ...CASES_V1.fields, opened: { type: "boolean" } } });
    const other: CollectionDef = defineCollection({ name: "test-other", title: "Other", description: "x", fields: { label: { type: "text" } } });
    await expect(provisioner.provision([other, retyped])).rejects.toThrow(/rec_test_cases\.opened is TEXT/);
    expect(columnsOf(db, "rec_test_other")).toEqual([]);
  });

  it("refuses a table of the same name that is not a record table", async () => {
    db.exec("CREATE TABLE rec_test_cases (subject TEXT)");
    await expect(provisioner.provision([CASES_V1])).rejects.toThrow(/not a record table/);
  });

  it("makes stores refuse to open before provisioning, naming the fix", async () => {
    const factory = new SqliteRecordStoreFactory(db);
    expect(() => factory.open(CASES_V1)).toThrow(/run the record provisioner/);
    await provisioner.provision([CASES_V1]);
    expect(() => factory.open(CASES_V2)).toThrow(/lacks columns notes, team/);
  });
});
