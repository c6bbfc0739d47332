import { defineCollection, type CollectionDef } from "../../core";
import { resolveSite, SharePointRecordStoreFactory } from "../../graph";
import { startSharePointTestbed, type SharePointTestbed } from "../fakes";

// Provisioning lists from collection declarations: what it creates, that a second run changes nothing, that a dry run
// writes nothing, and that it never "fixes" a column by destroying it.

const CASES = defineCollection({
  name: "adjustment-cases",
  title: "Adjustment cases",
  description: "Workplace adjustment requests.",
  fields: {
    subject: { type: "text", required: true, indexed: true, maxLength: 120 },
    stage: { type: "choice", required: true, indexed: true, choices: ["new", "agreed", "closed"] },
    cost: { type: "number" },
    urgent: { type: "boolean", indexed: true },
    dueAt: { type: "dateTime" },
    notes: { type: "longText", specialCategory: true },
    extra: { type: "json" },
  },
});
const NEWS = defineCollection({ name: "news", title: "News", description: "Staff news.", fields: { headline: { type: "text", required: true } } });

let testbed: SharePointTestbed;
beforeEach(async () => {
  testbed = await startSharePointTestbed();
});
afterEach(() => testbed.close());

const writes = () => testbed.fake.requests.filter((r) => r.method !== "GET");

describe("SharePointProvisioner", () => {
  it("creates each list with typed columns, indexes, a unique hub key and an optional Title", async () => {
    const report = await testbed.provision([CASES, NEWS]);
    expect(report.dryRun).toBe(false);
    expect(report.changes.map((c) => `${c.action} ${c.target}`)).toEqual(["create list adjustment-cases", "create list news"]);
    const list = testbed.fake.list("adjustment-cases")!;
    expect(report.listIds).toEqual({ "adjustment-cases": list.id, news: testbed.fake.list("news")!.id });
    expect(list).toMatchObject({ name: "adjustment-cases", displayName: "Adjustment cases", description: "Workplace adjustment requests." });
    const column = (name: string) => list.columns.find((c) => c.name === name)!;
    expect(column("subject")).toMatchObject({ kind: "text", allowMultipleLines: false, maxLength: 120, indexed: true, required: true });
    expect(column("stage")).toMatchObject({ kind: "choice", choices: ["new", "agreed", "closed"], indexed: true });
    expect(column("cost")).toMatchObject({ kind: "number", indexed: false });
    expect(column("urgent")).toMatchObject({ kind: "boolean", indexed: true });
    expect(column("dueAt")).toMatchObject({ kind: "dateTime" });
    expect(column("notes")).toMatchObject({ kind: "text", allowMultipleLines: true, indexed: false });
    expect(column("extra")).toMatchObject({ kind: "text", allowMultipleLines: true });
    expect(column("hubKey")).toMatchObject({ kind: "text", indexed: true, enforceUniqueValues: true });
    expect(column("Title")).toMatchObject({ required: false });
  });

  it("changes nothing on a second run, and says so", async () => {
    await testbed.provision([CASES, NEWS]);
    testbed.fake.reset();
    const again = await testbed.provision([CASES, NEWS]);
    expect(again.changes).toEqual([]);
    expect(writes()).toEqual([]);
    expect(Object.keys(again.listIds)).toEqual(["adjustment-cases", "news"]);
  });

  it("plans without writing in a dry run", async () => {
    const plan = await testbed.provision([CASES], { dryRun: true });
    expect(plan.dryRun).toBe(true);
    expect(plan.changes).toEqual([expect.objectContaining({ action: "create list", target: "adjustment-cases", detail: '"Adjustment cases" with 8 columns (4 indexed)' })]);
    expect(plan.listIds).toEqual({});
    expect(writes()).toEqual([]);
    expect(testbed.fake.list("adjustment-cases")).toBeUndefined();
  });

  it("brings an existing list in line with a changed declaration, then is idempotent again", async () => {
    await testbed.provision([CASES]);
    const changed: CollectionDef = {
      ...CASES,
      title: "Reasonable adjustments",
      fields: { ...CASES.fields, cost: { type: "number", indexed: true }, stage: { ...CASES.fields.stage, choices: ["new", "agreed", "closed", "withdrawn"] }, owner: { type: "text" } },
    };
    const dry = await testbed.provision([changed], { dryRun: true });
    testbed.fake.reset();
    const report = await testbed.provision([changed]);
    expect(report.changes).toEqual(dry.changes);
    expect(report.changes.map((c) => `${c.action} ${c.target}: ${c.detail}`)).toEqual([
      "update list adjustment-cases: displayName",
      "update column stage: choices new/agreed/closed/withdrawn",
      "update column cost: add index",
      "add column owner: single line of text (≤255)",
    ]);
    expect(testbed.fake.list("adjustment-cases")!.columns.find((c) => c.name === "cost")!.indexed).toBe(true);
    expect((await testbed.provision([changed])).changes).toEqual([]);
  });

  it("restores what a site owner changed by hand: a dropped index, a required Title, a relaxed unique key", async () => {
    await testbed.provision([CASES]);
    const list = testbed.fake.list("adjustment-cases")!;
    const col = (name: string) => list.columns.find((c) => c.name === name)!;
    Object.assign(col("subject"), { indexed: false });
    Object.assign(col("hubKey"), { enforceUniqueValues: false });
    list.unique.delete("hubKey");
    Object.assign(col("Title"), { required: true });
    const report = await testbed.provision([CASES]);
    expect(report.changes.map((c) => `${c.target}: ${c.detail}`).sort()).toEqual(["Title: make optional (records have no title)", "hubKey: enforce unique values", "subject: add index"]);
    expect(col("hubKey").enforceUniqueValues).toBe(true);
  });

  it("stops before writing anything when a column has another type", async () => {
    await testbed.provision([NEWS]);
    const clash = defineCollection({ ...NEWS, fields: { headline: { type: "number", required: true } } });
    testbed.fake.reset();
    await expect(testbed.provision([CASES, clash])).rejects.toMatchObject({ code: "conflict", details: [{ path: "news.headline", message: expect.stringMatching(/text column, declared number/) }] });
    expect(writes()).toEqual([]);
  });

  it("refuses a collection needing more indexes than a list allows, before any request", async () => {
    const fields = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`field${i}`, { type: "text" as const, indexed: true }]));
    const wide = defineCollection({ name: "too-wide", title: "Too wide", description: "", fields });
    await expect(testbed.provision([wide])).rejects.toThrow(/21 indexed columns/);
    expect(testbed.fake.requests).toEqual([]);
  });

  it("can leave the hub key non-unique for lists that need item-level permissions", async () => {
    await testbed.provision([NEWS], { uniqueHubKey: false });
    expect(testbed.fake.list("news")!.columns.find((c) => c.name === "hubKey")).toMatchObject({ indexed: true, enforceUniqueValues: false });
  });
});

describe("site and list lookup", () => {
  it("resolves a site from hostname:/path or its id, and refuses anything else without a request", async () => {
    const { hostname, path, id } = testbed.fake.site;
    expect((await resolveSite(testbed.client, `${hostname}:${path}`)).id).toBe(id);
    expect((await resolveSite(testbed.client, id)).id).toBe(id);
    await expect(resolveSite(testbed.client, `${hostname}:/sites/missing`)).rejects.toMatchObject({ code: "not_found" });
    const before = testbed.fake.requests.length;
    for (const bad of ["https://evil.example/sites/hub", "hub", `${hostname}:/sites/hub?x=1`, "../sites", `${hostname}:/sites/../x`, `${hostname}://evil.example`]) {
      await expect(resolveSite(testbed.client, bad)).rejects.toMatchObject({ code: "bad_request" });
    }
    expect(testbed.fake.requests.length).toBe(before);
  });

  it("connects a store factory by looking the lists up, and names lists that are missing", async () => {
    await testbed.provision([NEWS]);
    const factory = await SharePointRecordStoreFactory.connect(testbed.client, {
      site: `${testbed.fake.site.hostname}:${testbed.fake.site.path}`,
      collections: [NEWS],
      graphBaseUrl: testbed.fake.baseUrl,
    });
    const created = await factory.open(NEWS).create({ headline: "Bin collections move to Tuesdays" });
    expect(created.data.headline).toBe("Bin collections move to Tuesdays");
    await expect(SharePointRecordStoreFactory.connect(testbed.client, { site: testbed.siteId, collections: [NEWS, CASES] })).rejects.toThrow(/adjustment-cases: run hub provision/);
  });
});
