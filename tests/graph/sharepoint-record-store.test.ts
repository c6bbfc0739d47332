import { defineCollection, type RecordData } from "../../core";
import type { SharePointRecordStoreFactory } from "../../graph";
import { startSharePointTestbed, type RecordedRequest, type SharePointTestbed } from "../fakes";

// Graph-specific behaviour of the SharePoint record store, beyond the shared contract: what goes over the wire (round
// trips, OData escaping, If-Match), cursors that were tampered with, and failures inside $batch.

const NOTES = defineCollection({
  name: "hub-notes",
  title: "Hub notes",
  description: "Notes used by the SharePoint store tests.",
  fields: {
    name: { type: "text", required: true, indexed: true },
    team: { type: "choice", indexed: true, choices: ["hr", "it"] },
    urgent: { type: "boolean", indexed: true },
    rank: { type: "number", indexed: true },
    body: { type: "longText" },
  },
});
type Note = RecordData<typeof NOTES.fields>;

let testbed: SharePointTestbed;
let factory: SharePointRecordStoreFactory;
let listIds: Readonly<Record<string, string>>;

beforeAll(async () => {
  testbed = await startSharePointTestbed();
  listIds = (await testbed.provision([NOTES])).listIds;
  factory = testbed.factory(listIds);
});
afterAll(() => testbed.close());
beforeEach(() => testbed.fake.reset());

const store = () => factory.open(NOTES);
/** Top-level HTTPS requests: what a round trip costs (batch steps travel inside their envelope). */
const roundTrips = (): RecordedRequest[] => testbed.fake.requests.filter((r) => r.batchStepId === undefined);
const describeTrips = () => roundTrips().map((r) => `${r.method} ${r.path.replace(/^\/sites\/[^/]+\/lists\/[^/]+/, "…")}`);
const filterOf = (request: RecordedRequest): string | null => new URL(request.url, testbed.fake.baseUrl).searchParams.get("$filter");
const items = () => testbed.fake.items(NOTES.name);

describe("round trips per action", () => {
  it("costs one Graph request to create, get, update, query and delete", async () => {
    const created = await store().create({ name: "Ramp", team: "hr" });
    expect(describeTrips()).toEqual(["POST …/items"]);

    testbed.fake.reset();
    await store().get(created.id);
    expect(describeTrips()).toEqual([`GET …/items/${created.id}`]);

    testbed.fake.reset();
    const updated = await store().update(created.id, { urgent: true }, created.version);
    expect(describeTrips()).toEqual([`PATCH …/items/${created.id}/fields`]);
    expect(roundTrips()[0]!.headers["if-match"]).toBe(created.version);

    testbed.fake.reset();
    await store().query({ where: [{ field: "team", equals: "hr" }], pageSize: 10 });
    expect(describeTrips()).toEqual(["GET …/items"]);
    expect(roundTrips()[0]!.headers.prefer).toBe("HonorNonIndexedQueriesWarningMayFailRandomly");

    testbed.fake.reset();
    await store().delete(created.id, updated.version);
    expect(describeTrips()).toEqual([`DELETE …/items/${created.id}`]);
    expect(roundTrips()[0]!.headers["if-match"]).toBe(updated.version);
  });

  it("creates 45 records in 3 $batch requests of at most 20", async () => {
    const before = items().length;
    const results = await store().createMany(Array.from({ length: 45 }, (_, i) => ({ name: `Batch ${i}`, rank: i })));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(describeTrips()).toEqual(["POST /$batch", "POST /$batch", "POST /$batch"]);
    const steps = testbed.fake.requests.filter((r) => r.batchStepId !== undefined);
    expect(steps).toHaveLength(45);
    expect(items().length - before).toBe(45);
    // Every item carries its own idempotency key.
    expect(new Set(items().map((i) => i.values.get("hubKey"))).size).toBe(items().length);
  });

  it("never sends a request for an id SharePoint could not have issued", async () => {
    const s = store();
    for (const id of ["abc", "../../lists", "1?$expand=x", "0", "-1", "99999999999"]) {
      expect(await s.get(id)).toBeUndefined();
      await expect(s.update(id, { urgent: true }, '"x,1"')).rejects.toMatchObject({ code: "not_found" });
      await expect(s.delete(id, '"x,1"')).rejects.toMatchObject({ code: "not_found" });
    }
    expect(roundTrips()).toHaveLength(0);
  });
});

describe("OData filters", () => {
  it("doubles single quotes inside string literals and matches O'Brien exactly", async () => {
    const obrien = await store().create({ name: "O'Brien" });
    await store().create({ name: "OBrien" });
    testbed.fake.reset();
    const page = await store().query({ where: [{ field: "name", equals: "O'Brien" }], pageSize: 10 });
    expect(page.items.map((r) => r.id)).toEqual([obrien.id]);
    expect(filterOf(roundTrips()[0]!)).toBe("fields/name eq 'O''Brien'");
  });

  it("treats injection attempts as plain values", async () => {
    await store().create({ name: "harmless" });
    const attempts = ["x' or 1 eq 1 or fields/name eq 'x", "' or fields/name ne '", "x') or (fields/name ne 'x", "%27 or 1 eq 1", "x&$top=5000", "x#", "x'", "https://attacker.example/v1.0/me"];
    for (const name of attempts) {
      testbed.fake.reset();
      const page = await store().query({ where: [{ field: "name", equals: name }], pageSize: 10 });
      expect(page.items).toEqual([]);
      expect(filterOf(roundTrips()[0]!)).toBe(`fields/name eq '${name.replace(/'/g, "''")}'`);
    }
    const tricky = await store().create({ name: "x' or 1 eq 1 or fields/name eq 'x" });
    expect((await store().query({ where: [{ field: "name", equals: tricky.data.name }], pageSize: 10 })).items.map((r) => r.id)).toEqual([tricky.id]);
  });

  it("sends Yes/No as 1/0 and numbers bare, and ANDs conditions", async () => {
    await store().create({ name: "flagged", urgent: true, rank: 7 });
    testbed.fake.reset();
    const page = await store().query({ where: [{ field: "urgent", equals: true }, { field: "rank", equals: 7 }], pageSize: 10 });
    expect(page.items.map((r) => r.data.name)).toEqual(["flagged"]);
    expect(filterOf(roundTrips()[0]!)).toBe("fields/urgent eq 1 and fields/rank eq 7");
  });

  it("keeps exact matches although SharePoint compares text case-insensitively", async () => {
    const upper = await store().create({ name: "Case Study" });
    await store().create({ name: "case study" });
    const page = await store().query({ where: [{ field: "name", equals: "Case Study" }], pageSize: 10 });
    expect(page.items.map((r) => r.id)).toEqual([upper.id]);
    // The raw Graph answer held both: SharePoint's collation matched them.
    expect(items().filter((i) => String(i.values.get("name")).toLowerCase() === "case study")).toHaveLength(2);
  });
});

describe("cursors", () => {
  const seed = async () => {
    await store().createMany(Array.from({ length: 5 }, (_, i) => ({ name: `paged ${i}`, team: "it" as const, rank: 100 + i })));
    const first = await store().query({ where: [{ field: "team", equals: "it" }], pageSize: 2 });
    expect(first.nextCursor).toEqual(expect.any(String));
    return first.nextCursor!;
  };

  it("follows a genuine nextLink to the next page", async () => {
    const cursor = await seed();
    const second = await store().query({ where: [{ field: "team", equals: "it" }], pageSize: 2, cursor });
    expect(second.items.map((r) => r.data.rank)).toEqual([102, 103]);
  });

  it("refuses tampered cursors with a 400 and sends nothing", async () => {
    const cursor = await seed();
    const url = new URL(cursor);
    const otherList = cursor.replace(listIds[NOTES.name]!, "00000000-0000-4000-8000-000000000000");
    const tampered = [
      cursor.replace(url.origin, "https://attacker.example"),
      cursor.replace(url.origin, "http://127.0.0.1:1"),
      cursor.replace(url.host, `user:pass@${url.host}`),
      otherList,
      cursor.replace(/\$filter=[^&]*/, "$filter=fields%2Fteam%20eq%20'hr'"),
      cursor.replace(/&?\$filter=[^&]*/, ""),
      `${cursor}&$select=body`,
      `${cursor}&$skiptoken=again`,
      cursor.replace(/\$skiptoken=[^&]*/, "$skiptoken="),
      cursor.replace("/items", "/items/1"),
      `${cursor}#fragment`,
      "not a url",
      "x".repeat(9000),
    ];
    testbed.fake.reset();
    for (const bad of tampered) {
      await expect(store().query({ where: [{ field: "team", equals: "it" }], pageSize: 2, cursor: bad })).rejects.toMatchObject({ code: "bad_request", status: 400 });
    }
    // A cursor from one query cannot be replayed with another filter.
    await expect(store().query({ where: [{ field: "team", equals: "hr" }], pageSize: 2, cursor })).rejects.toMatchObject({ code: "bad_request" });
    expect(roundTrips()).toHaveLength(0);
  });
});

describe("versions", () => {
  it("turns a 412 Precondition Failed into a conflict", async () => {
    const created = await store().create({ name: "versioned" });
    await store().update(created.id, { rank: 1 }, created.version);
    testbed.fake.reset();
    await expect(store().update(created.id, { rank: 2 }, created.version)).rejects.toMatchObject({ code: "conflict", status: 409 });
    await expect(store().delete(created.id, created.version)).rejects.toMatchObject({ code: "conflict" });
    expect(roundTrips().map((r) => r.method)).toEqual(["PATCH", "DELETE"]); // no read-back on a plain conflict
    expect(items().find((i) => i.id === Number(created.id))?.values.get("rank")).toBe(1);
  });

  it("uses the item eTag as the version", async () => {
    const created = await store().create({ name: "etag" });
    const item = items().find((i) => i.id === Number(created.id))!;
    expect(created.version).toBe(`"${item.uniqueId},1"`);
  });
});

describe("failures inside $batch", () => {
  const batchOf = (n: number, prefix: string): Note[] => Array.from({ length: n }, (_, i) => ({ name: `${prefix} ${i}`, rank: i }));

  it("retries a throttled step alone, after its Retry-After", async () => {
    const slow = testbed.factory(listIds, { retryDelayScale: 1 }).open(NOTES);
    const tally = testbed.fake.injectFaults({ status: 429, retryAfterSeconds: 0.3, match: { inBatch: true, batchStepId: "3" } });
    const before = items().length;
    const results = await slow.createMany(batchOf(20, "throttled"));
    expect(tally.injected).toBe(1);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(items().length - before).toBe(20);
    const envelopes = roundTrips();
    expect(envelopes.map((r) => r.path)).toEqual(["/$batch", "/$batch"]);
    expect((JSON.parse(envelopes[1]!.body) as { requests: unknown[] }).requests).toHaveLength(1);
    expect(envelopes[1]!.receivedAt - envelopes[0]!.receivedAt).toBeGreaterThanOrEqual(290);
  });

  it("looks a 503 step up before sending it again, so it is neither lost nor doubled", async () => {
    testbed.fake.injectFaults({ status: 503, retryAfterSeconds: 0, match: { inBatch: true, batchStepId: "5" } });
    const before = items().length;
    const results = await store().createMany(batchOf(7, "unavailable"));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(items().length - before).toBe(7);
    expect(describeTrips()).toEqual(["POST /$batch", "GET …/items", "POST /$batch"]);
  });

  it("reports a 500 step as that record's error and keeps the others", async () => {
    testbed.fake.injectFaults({ status: 500, match: { inBatch: true, batchStepId: "2" } });
    const results = await store().createMany(batchOf(4, "server error"));
    expect(results.map((r) => r.ok)).toEqual([true, false, true, true]);
    expect(results[1]).toMatchObject({ ok: false, error: { code: "internal", status: 500 } });
    expect(items().filter((i) => String(i.values.get("name")).startsWith("server error"))).toHaveLength(3);
  });

  it("keeps a step whose answer was lost after it ran, without writing it twice", async () => {
    testbed.fake.injectFaults({ status: 504, timing: "after", match: { inBatch: true, batchStepId: "1" } });
    const results = await store().createMany(batchOf(3, "lost answer"));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(items().filter((i) => String(i.values.get("name")).startsWith("lost answer"))).toHaveLength(3);
  });

  it("reports what SharePoint itself refuses: 255 characters that are more than 255 UTF-16 units", async () => {
    const emoji = "👩🏽‍🦯".repeat(40); // 160 characters for core, 280 UTF-16 code units for SharePoint
    const results = await store().createMany([{ name: "fine" }, { name: emoji.slice(0, 280) }]);
    expect([...emoji.slice(0, 280)].length).toBeLessThanOrEqual(255);
    expect(results.map((r) => r.ok)).toEqual([true, false]);
    expect(results[1]).toMatchObject({ ok: false, error: { code: "bad_request" } });
  });

  it("survives a whole batch answer lost after the batch ran", async () => {
    testbed.fake.injectFaults({ status: 504, timing: "after", match: { kinds: ["batch"] } });
    const before = items().length;
    const results = await store().createMany(batchOf(20, "lost batch"));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(items().length - before).toBe(20);
    // One envelope ran, its answer was lost; the lookups found all 20, so nothing was sent twice.
    expect(describeTrips()).toEqual(["POST /$batch", "POST /$batch"]);
    expect(testbed.fake.requests.filter((r) => r.batchStepId !== undefined && r.method === "POST")).toHaveLength(20);
  });
});

describe("deleting many in $batch", () => {
  const created = async (n: number, prefix: string) =>
    (await store().createMany(Array.from({ length: n }, (_, i) => ({ name: `${prefix} ${i}`, rank: i })))).map((r) => {
      if (!r.ok) throw r.error;
      return r.record;
    });
  const named = (prefix: string) => items().filter((i) => String(i.values.get("name")).startsWith(prefix));

  it("deletes 45 records in 3 $batch requests of at most 20, each step with If-Match", async () => {
    const records = await created(45, "bulk delete");
    testbed.fake.reset();
    const results = await store().deleteMany(records);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(describeTrips()).toEqual(["POST /$batch", "POST /$batch", "POST /$batch"]);
    const steps = testbed.fake.requests.filter((r) => r.batchStepId !== undefined);
    expect(steps).toHaveLength(45);
    expect(steps.every((r) => r.method === "DELETE" && r.headers["if-match"] === records.find((c) => r.path.endsWith(`/items/${c.id}`))?.version)).toBe(true);
    expect(named("bulk delete")).toHaveLength(0);
  });

  it("sends a throttled step again alone, and reports a step whose answer was lost after it ran as deleted", async () => {
    const records = await created(6, "stormy delete");
    testbed.fake.reset();
    testbed.fake.injectFaults({ status: 429, match: { inBatch: true, batchStepId: "2" } });
    testbed.fake.injectFaults({ status: 504, timing: "after", match: { inBatch: true, batchStepId: "4" } });
    const results = await store().deleteMany(records);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(named("stormy delete")).toHaveLength(0);
    const envelopes = roundTrips();
    expect(envelopes.map((r) => r.path)).toEqual(["/$batch", "/$batch"]);
    expect((JSON.parse(envelopes[1]!.body) as { requests: unknown[] }).requests).toHaveLength(2);
  });

  it("survives a whole batch answer lost after the batch ran, and still reports a real conflict", async () => {
    const records = await created(5, "lost delete");
    const stale = records[1]!;
    await store().update(stale.id, { rank: 99 }, stale.version);
    testbed.fake.reset();
    testbed.fake.injectFaults({ status: 504, timing: "after", match: { kinds: ["batch"] } });
    const results = await store().deleteMany(records);
    expect(results.map((r) => r.ok)).toEqual([true, false, true, true, true]);
    expect(results[1]).toMatchObject({ ok: false, error: { code: "conflict" } });
    expect(named("lost delete").map((i) => i.id)).toEqual([Number(stale.id)]);
  });
});

describe("lost answers on single writes", () => {
  it("does not create twice when the create's answer is lost", async () => {
    testbed.fake.injectFaults({ status: 504, timing: "after", match: { method: "POST", inBatch: false } });
    const before = items().length;
    const created = await store().create({ name: "once only" });
    expect(items().length - before).toBe(1);
    expect(created.data.name).toBe("once only");
    expect(describeTrips()).toEqual(["POST …/items", "GET …/items"]);
  });

  it("reports an update done when its answer was lost and the retry met our own change", async () => {
    const created = await store().create({ name: "update once" });
    testbed.fake.reset();
    testbed.fake.injectFaults({ status: 503, timing: "after", match: { method: "PATCH" } });
    const updated = await store().update(created.id, { rank: 42, body: "changed" }, created.version);
    expect(updated.data).toMatchObject({ rank: 42, body: "changed" });
    expect(describeTrips()).toEqual([`PATCH …/items/${created.id}/fields`, `PATCH …/items/${created.id}/fields`, `GET …/items/${created.id}`]);
  });

  it("still reports a real conflict after a retried update", async () => {
    const created = await store().create({ name: "contested" });
    await store().update(created.id, { rank: 1 }, created.version); // someone else moved it on
    testbed.fake.injectFaults({ status: 503, timing: "before", match: { method: "PATCH" } });
    await expect(store().update(created.id, { rank: 2 }, created.version)).rejects.toMatchObject({ code: "conflict" });
  });

  it("reports a delete done when its answer was lost", async () => {
    const created = await store().create({ name: "delete once" });
    testbed.fake.injectFaults({ status: 504, timing: "after", match: { method: "DELETE" } });
    await store().delete(created.id, created.version);
    expect(items().some((i) => i.id === Number(created.id))).toBe(false);
  });
});
