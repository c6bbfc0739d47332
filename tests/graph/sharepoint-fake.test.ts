import { GraphError, type Client } from "@microsoft/microsoft-graph-client";
import { SHAREPOINT_LIST_VIEW_THRESHOLD } from "../../graph";
import { startSharePointTestbed, type SharePointTestbed } from "../fakes";

// The SharePoint fake's own rules, driven through the real Graph client: if these drift from SharePoint, the store's
// tests prove less. Each rule here is one a store can trip over in production.

type Item = { id: string; eTag: string; "@odata.etag": string; fields: Record<string, unknown> };
type Page = { value: Item[]; "@odata.nextLink"?: string };

let testbed: SharePointTestbed;
let client: Client;
let items: string;

beforeAll(async () => {
  testbed = await startSharePointTestbed({ maxRetries: 0 });
  client = testbed.client;
  const site = `/sites/${testbed.siteId}`;
  const list = (await client.api(`${site}/lists`).post({
    displayName: "rules",
    list: { template: "genericList" },
    columns: [
      { name: "code", text: { maxLength: 10 }, indexed: true },
      { name: "note", text: {} },
      { name: "body", text: { allowMultipleLines: true } },
      { name: "flag", boolean: {}, indexed: true },
      { name: "size", number: {} },
      { name: "when", dateTime: {} },
    ],
  })) as { id: string };
  items = `${site}/lists/${list.id}/items`;
});
afterAll(() => testbed.close());

async function failure(promise: Promise<unknown>): Promise<{ status: number; code: string | null; message: string }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof GraphError)) throw new Error(`expected a GraphError, got ${String(error)}`);
  return { status: error.statusCode, code: error.code, message: error.message };
}
const create = (fields: Record<string, unknown>) => client.api(items).post({ fields: { Title: "t", ...fields } }) as Promise<Item>;
const query = (filter: string, headers: Record<string, string> = {}, top = 50) =>
  client.api(`${items}?$expand=fields&$filter=${encodeURIComponent(filter)}&$top=${top}`).headers(headers).get() as Promise<Page>;

describe("SharePoint fake: items", () => {
  it("answers a create with 201, an integer id, an eTag and the stored fields", async () => {
    const item = await create({ code: "A1", note: "", when: "2026-03-01T10:20:30.456Z", size: 2.5 });
    expect(item.id).toMatch(/^\d+$/);
    expect(item.eTag).toMatch(/^"[0-9a-f-]{36},1"$/);
    expect(item["@odata.etag"]).toBe(item.eTag);
    expect(item.fields).toMatchObject({ code: "A1", when: "2026-03-01T10:20:30Z", size: 2.5 });
    expect(item.fields).not.toHaveProperty("note"); // empty text is stored as no value
  });

  it("never reuses an id after a delete", async () => {
    const first = await create({});
    await client.api(`${items}/${first.id}`).delete();
    const second = await create({});
    expect(Number(second.id)).toBe(Number(first.id) + 1);
    expect((await failure(client.api(`${items}/${first.id}?expand=fields`).get())).status).toBe(404);
  });

  it("checks If-Match: 412 when stale, 404 when gone, * always", async () => {
    const item = await create({ code: "B" });
    const patched = (await client.api(`${items}/${item.id}/fields`).header("If-Match", item.eTag).patch({ size: 1 })) as Record<string, unknown>;
    expect(patched["@odata.etag"]).toMatch(/,2"$/);
    expect(await failure(client.api(`${items}/${item.id}/fields`).header("If-Match", item.eTag).patch({ size: 2 }))).toMatchObject({ status: 412, code: "resourceModified" });
    await client.api(`${items}/${item.id}/fields`).header("If-Match", "*").patch({ size: 3 });
    expect((await failure(client.api(`${items}/999999/fields`).header("If-Match", "*").patch({ size: 3 }))).status).toBe(404);
  });

  it("refuses unknown, read-only and ill-typed fields, over-long text and a missing required Title", async () => {
    expect(await failure(create({ colour: "red" }))).toMatchObject({ status: 400, message: "Field 'colour' is not recognized" });
    expect((await failure(create({ Modified: "2020-01-01T00:00:00Z" }))).status).toBe(400);
    expect((await failure(create({ size: "3" }))).status).toBe(400);
    expect((await failure(create({ code: "x".repeat(11) }))).status).toBe(400);
    expect((await failure(create({ note: "\u0007" }))).status).toBe(400);
    expect((await failure(client.api(items).post({ fields: { code: "no title" } }))).message).toMatch(/Title' is required/);
  });
});

describe("SharePoint fake: queries", () => {
  it("parses OData literals: doubled quotes, numbers, null; refuses what Graph refuses", async () => {
    const obrien = await create({ code: "O'B", size: -4.5 });
    expect((await query("fields/code eq 'O''B'")).value.map((i) => i.id)).toEqual([obrien.id]);
    expect((await query("fields/code eq 'o''b ' and fields/size eq -4.5", { Prefer: "HonorNonIndexedQueriesWarningMayFailRandomly" })).value.map((i) => i.id)).toEqual([obrien.id]);
    for (const bad of ["1 eq 1", "fields/code eq 'x", "substringof('x', fields/code)", "fields/code eq 'x' or", "fields/code gt 'x'", "fields/code eq x"]) {
      expect((await failure(query(bad))).status).toBe(400);
    }
  });

  it("matches Yes/No columns on 1 and 0, and inverts eq true as SharePoint does", async () => {
    const yes = await create({ code: "yes", flag: true });
    const ids = async (filter: string) => (await query(`${filter} and fields/code eq 'yes'`)).value.map((i) => i.id);
    expect(await ids("fields/flag eq 1")).toEqual([yes.id]);
    expect(await ids("fields/flag eq 0")).toEqual([]);
    expect(await ids("fields/flag eq true")).toEqual([]);
  });

  it("needs the Prefer header to filter on a non-indexed column, and fails past the threshold even with it", async () => {
    expect(await failure(query("fields/note eq 'x'"))).toMatchObject({ status: 400, message: expect.stringMatching(/not indexed/) });
    await query("fields/note eq 'x'", { Prefer: "HonorNonIndexedQueriesWarningMayFailRandomly" });
    const local = await startSharePointTestbed({ maxRetries: 0 });
    try {
      await local.client.api(`/sites/${local.siteId}/lists`).post({ displayName: "big", columns: [{ name: "k", text: {}, indexed: true }, { name: "n", text: {} }] });
      local.fake.seedItems("big", Array.from({ length: SHAREPOINT_LIST_VIEW_THRESHOLD + 1 }, (_, i) => ({ k: i % 2 ? "odd" : "even", n: "x" })));
      const bigItems = `/sites/${local.siteId}/lists/big/items`;
      const prefer = { Prefer: "HonorNonIndexedQueriesWarningMayFailRandomly" };
      expect(await failure(local.client.api(`${bigItems}?$filter=${encodeURIComponent("fields/n eq 'x'")}`).headers(prefer).get())).toMatchObject({
        status: 400,
        message: expect.stringMatching(/list view threshold/),
      });
      const indexed = (await local.client.api(`${bigItems}?$filter=${encodeURIComponent("fields/k eq 'odd'")}&$top=10`).get()) as Page;
      expect(indexed.value).toHaveLength(10);
      // $top is capped at 5,000; the nextLink carries an opaque skiptoken and continues in id order.
      const first = (await local.client.api(`${bigItems}?$top=9999`).get()) as Page;
      expect(first.value).toHaveLength(5000);
      const next = new URL(first["@odata.nextLink"]!);
      expect(Buffer.from(next.searchParams.get("$skiptoken")!, "base64").toString()).toBe("Paged=TRUE&p_ID=5000");
      const second = (await local.client.api(first["@odata.nextLink"]!).get()) as Page;
      expect(second.value.map((i) => i.id)).toEqual(["5001"]);
      expect(second["@odata.nextLink"]).toBeUndefined();
      expect((await failure(local.client.api(`${bigItems}?$skiptoken=bm9wZQ==`).get())).status).toBe(400);
    } finally {
      await local.close();
    }
  });
});

describe("SharePoint fake: columns", () => {
  const columns = () => `${items.replace(/\/items$/, "")}/columns`;

  it("applies SharePoint's column rules", async () => {
    expect((await failure(client.api(columns()).post({ name: "CODE", text: {} }))).status).toBe(409); // names clash case-insensitively
    expect((await failure(client.api(columns()).post({ name: "longIdx", text: { allowMultipleLines: true }, indexed: true }))).status).toBe(400);
    expect((await failure(client.api(columns()).post({ name: "uniq", text: {}, enforceUniqueValues: true }))).message).toMatch(/must be indexed/);
    expect((await failure(client.api(columns()).post({ name: "two", text: {}, number: {} }))).status).toBe(400);
    for (let i = 0; i < 18; i++) await client.api(columns()).post({ name: `idx${i}`, number: {}, indexed: true });
    expect((await failure(client.api(columns()).post({ name: "idx18", number: {}, indexed: true }))).message).toMatch(/at most 20 indexed/);
  });
});

describe("SharePoint fake: $batch and faults", () => {
  it("answers each batch step with its own status", async () => {
    const batch = (await client.api("/$batch").post({
      requests: [
        { id: "1", method: "POST", url: items, headers: { "content-type": "application/json" }, body: { fields: { Title: "a" } } },
        { id: "2", method: "POST", url: items, headers: { "content-type": "application/json" }, body: { fields: { nope: 1 } } },
        { id: "3", method: "GET", url: `${items}/987654` },
      ],
    })) as { responses: Array<{ id: string; status: number }> };
    expect(batch.responses.map((r) => [r.id, r.status])).toEqual([
      ["1", 201],
      ["2", 400],
      ["3", 404],
    ]);
  });

  it("keeps 'before' faults from running and lets 'after' faults run", async () => {
    const count = () => testbed.fake.items("rules").length;
    const before = count();
    testbed.fake.injectFaults({ status: 503, retryAfterSeconds: 0, timing: "before" });
    expect((await failure(create({}))).status).toBe(503);
    expect(count()).toBe(before);
    testbed.fake.injectFaults({ status: 504, retryAfterSeconds: 0, timing: "after" });
    expect((await failure(create({}))).status).toBe(504);
    expect(count()).toBe(before + 1);
    expect(testbed.fake.faults.totals).toMatchObject({ before: expect.any(Number), after: expect.any(Number) });
  });
});
