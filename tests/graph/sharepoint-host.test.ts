import { COLLECTIONS, SEARCH_FEEDBACK } from "../../core";
import { startSharePointTestbed, type SharePointTestbed } from "../fakes";
import { startTestHub, type TestHub } from "../support/test-hub";

/**
 * The host with STORE=sharepoint: records a user creates through the API land as items in the council's SharePoint
 * list (the HTTPS fake), through the real Graph client and store. The guidance index stays local.
 */
describe("the host on SharePoint lists (STORE=sharepoint)", () => {
  let testbed: SharePointTestbed;
  let hub: TestHub;

  beforeAll(async () => {
    testbed = await startSharePointTestbed();
    await testbed.provision(COLLECTIONS);
    hub = await startTestHub(
      {
        STORE: "sharepoint",
        SHAREPOINT_SITE: testbed.siteId,
        GRAPH_BASE_URL: testbed.fake.baseUrl,
        ENTRA_TENANT_ID: "11111111-1111-4111-8111-111111111111",
        ENTRA_CLIENT_ID: "22222222-2222-4222-8222-222222222222",
        SECRET_ENTRA_CLIENT_SECRET: "not-used-the-client-is-injected",
        SITE_PAGES_SYNC_MINUTES: "0",
      },
      { graphClient: testbed.client },
    );
  });
  afterAll(async () => {
    await hub?.stop();
    await testbed?.close();
  });

  it("stores the tab's feedback as a list item with no identity, in one Graph round trip", async () => {
    const users = (await (await fetch(`${hub.baseUrl}/api/dev/users`)).json()) as Array<{ upn: string }>;
    const token = await hub.tokenFor(users[0]!.upn);
    const search = (await (await fetch(`${hub.baseUrl}/api/guidance/search?q=expenses`, { headers: { authorization: `Bearer ${token}` } })).json()) as { results: Array<{ id: string }> };
    const before = testbed.fake.requests.length;

    const res = await fetch(`${hub.baseUrl}/api/guidance/feedback`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ query: "expenses", pageId: search.results[0]!.id, helpful: true }),
    });

    expect(res.status).toBe(204);
    const writes = testbed.fake.requests.slice(before);
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatchObject({ method: "POST" });
    const stored = await hub.services.records.open(SEARCH_FEEDBACK).query({ pageSize: 10 });
    expect(stored.items.map((r) => r.data)).toEqual([expect.objectContaining({ query: "expenses", helpful: true, channel: "tab" })]);
    expect(JSON.stringify(writes[0])).not.toContain(users[0]!.upn);
    expect(hub.services.db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'rec_search_feedback'").get()).toEqual({ n: 0 });
  });
});
