import type { Client } from "@microsoft/microsoft-graph-client";
import { parseDocument, RenderedPages, type Clock } from "../../core";
import { createGraphClient, StaticTokenProvider } from "../../graph";
import { MemoryDeltaStateStore, SitePagesSync, sitePagesOrigin, type SitePagesSyncReport } from "../../graph/site-pages";
import { createSqliteHub, SqliteGuidance, type SqliteHub } from "../../store";
import { GraphFake } from "../fakes/graph-fake";
import { SitePagesFake, type SitePagesFakeOptions } from "../fakes/site-pages-fake";

const NOW = new Date("2025-06-02T09:00:00Z");
const clock: Clock = { now: () => NOW };
const APP_TOKEN = "app-only-token";
/** Small delta pages, so a dozen pages already need nextLink paging. */
const PAGE_SIZE = 5;
const PAGES = 12;
const id = (name: string) => `sites/intranet/sitepages/${name.toLowerCase()}`;

describe("SitePagesSync against the HTTPS Graph fake, into a real SQLite index", () => {
  let graph: GraphFake;
  let site: SitePagesFake;
  let hub: SqliteHub;
  let local: SqliteGuidance;
  let state: MemoryDeltaStateStore;
  let sync: SitePagesSync;

  async function setup(fakeOptions: SitePagesFakeOptions = {}, maxRetries?: number): Promise<void> {
    graph = await GraphFake.start();
    site = new SitePagesFake(graph, { pageSize: PAGE_SIZE, ...fakeOptions });
    hub = createSqliteHub(":memory:", clock);
    local = new SqliteGuidance(hub.db);
    state = new MemoryDeltaStateStore();
    const client: Client = createGraphClient({
      tokenProvider: new StaticTokenProvider(APP_TOKEN),
      baseUrl: graph.baseUrl,
      fetch: graph.fetch,
      retryDelaySeconds: 0,
      ...(maxRetries === undefined ? {} : { maxRetries }),
    });
    sync = new SitePagesSync({ client, pages: local, state, clock, siteId: site.siteId, listId: site.listId, graphBaseUrl: graph.baseUrl, audit: hub.audit });
    for (let i = 1; i <= PAGES; i++) {
      site.addPage(`Policy-${String(i).padStart(2, "0")}.aspx`, { title: `Policy ${i}`, html: `<h2>Scope ${i}</h2><p>Rule number ${i} for all staff.</p>` });
    }
  }
  afterEach(async () => {
    await hub.close();
    await graph.close();
  });

  /** Runs a sync with the request log cleared first, so the fake's log holds exactly this run's calls. */
  async function run(): Promise<SitePagesSyncReport> {
    graph.reset();
    const report = await sync.run();
    // The report's own count must agree with what actually reached the wire (no faults injected in these runs).
    expect(report.requests).toBe(graph.requests.length);
    return report;
  }

  describe("first sync", () => {
    beforeEach(() => setup());

    it("ingests every page, following nextLinks, and stores the deltaLink", async () => {
      site.addPage("Annual-Leave.aspx", {
        title: "Annual leave",
        html: ["<h2>Booking</h2><p>Book annual leave in MyView.</p>", "<p>Carry over up to <strong>five days</strong>.</p><script>alert(1)</script>"],
        sidebarHtml: ["<p>Contact HR Direct on 01234 567890.</p>"],
      });
      site.addFolder("Templates");
      site.addPage("Budget-2026.aspx", { title: "Budget 2026 (draft)", html: "<p>Not yet agreed.</p>", published: false });

      const report = await run();

      // 15 items (14 pages, one of them a draft, and a folder) in pages of 5: 3 delta calls, then one GET per page.
      expect(report).toMatchObject({ mode: "initial", fullResync: true, changed: 15, fetched: 14, upserted: 13, removed: 0, skipped: 2, failed: [] });
      expect(site.deltaRequests()).toHaveLength(3);
      expect(site.pageRequests()).toHaveLength(14);
      expect(report.requests).toBe(3 + 14);
      expect(await hub.guidance.pageCount()).toBe(13);

      const leave = await hub.guidance.getPage(id("Annual-Leave.aspx"));
      expect(leave).toMatchObject({ title: "Annual leave", url: `${site.siteUrl}/SitePages/Annual-Leave.aspx`, origin: sitePagesOrigin(site.siteId), headings: ["Booking"] });
      expect(leave.text).toContain("Book annual leave in MyView.");
      expect(leave.text).toContain("Contact HR Direct"); // the side section too
      expect(leave.text).not.toContain("SHOULD-NOT-BE-INDEXED"); // image web part
      expect(await new RenderedPages().htmlOf(leave)).not.toMatch(/<script|alert/);
      expect(leave.updatedAt.getTime()).toBe(new Date(site.pages().find((p) => p.name === "Annual-Leave.aspx")!.modified).getTime());
      await expect(hub.guidance.getPage(id("Budget-2026.aspx"))).rejects.toMatchObject({ status: 404 });
      // The local FTS engine now finds SharePoint content.
      const found = await hub.guidance.search("carry over");
      expect(found.results[0]).toMatchObject({ id: id("Annual-Leave.aspx") });

      const first = site.deltaRequests()[0]!;
      expect(new URL(first.url, graph.baseUrl).searchParams.get("$select")).toContain("sharepointIds");
      expect(graph.requests.every((r) => r.headers.authorization === `Bearer ${APP_TOKEN}`)).toBe(true);
      expect(site.pageRequests().every((r) => new URL(r.url, graph.baseUrl).searchParams.get("$expand") === "canvasLayout")).toBe(true);
      const [event] = await hub.audit.recent(1);
      expect(event).toMatchObject({ action: "guidance.synced", target: `origin:${sitePagesOrigin(site.siteId)}`, detail: { mode: "initial", upserted: 13 } });
    });
  });

  describe("after a first sync", () => {
    beforeEach(async () => {
      await setup();
      await run();
    });

    it("makes one delta call and fetches no page when nothing changed", async () => {
      const report = await run();

      expect(report).toMatchObject({ mode: "delta", fullResync: false, changed: 0, fetched: 0, upserted: 0, removed: 0, requests: 1 });
      expect(site.deltaRequests()).toHaveLength(1);
      expect(site.pageRequests()).toHaveLength(0);
      expect(new URL(site.deltaRequests()[0]!.url, graph.baseUrl).searchParams.get("token")).toBeTruthy();
      expect(await hub.guidance.pageCount()).toBe(PAGES);
    });

    it("applies exactly one edit and one delete: one delta call, one page read", async () => {
      const untouchedBefore = await hub.guidance.getPage(id("Policy-05.aspx"));
      const edited = site.editPage("Policy-03.aspx", { title: "Policy 3 (revised)", html: "<p>Rule three now covers agency staff.</p>" });
      site.deletePage("Policy-07.aspx");

      const report = await run();

      expect(report).toMatchObject({ mode: "delta", changed: 2, fetched: 1, upserted: 1, removed: 1, requests: 2, failed: [] });
      expect(site.pageRequests().map((r) => r.path)).toEqual([`/sites/${site.siteId}/pages/${edited.uniqueId}/microsoft.graph.sitePage`]);
      expect(await hub.guidance.getPage(id("Policy-03.aspx"))).toMatchObject({ title: "Policy 3 (revised)", text: "Rule three now covers agency staff." });
      await expect(hub.guidance.getPage(id("Policy-07.aspx"))).rejects.toMatchObject({ status: 404 });
      expect(await hub.guidance.getPage(id("Policy-05.aspx"))).toEqual(untouchedBefore);
      expect(await hub.guidance.pageCount()).toBe(PAGES - 1);
    });

    it.each([1, 4, 9])("costs ceil(k / page size) delta calls plus k page reads for %i edited pages", async (k) => {
      for (let i = 1; i <= k; i++) site.editPage(`Policy-${String(i).padStart(2, "0")}.aspx`, { html: `<p>Edited rule ${i}.</p>` });

      const report = await run();

      expect(report).toMatchObject({ fetched: k, upserted: k, requests: Math.ceil(k / PAGE_SIZE) + k });
      expect(site.pageRequests()).toHaveLength(k);
      expect(site.deltaRequests()).toHaveLength(Math.ceil(k / PAGE_SIZE));
    });

    it("moves a renamed page to its new id", async () => {
      site.renamePage("Policy-02.aspx", "Expenses.aspx");

      const report = await run();

      expect(report).toMatchObject({ fetched: 1, upserted: 1, removed: 1, requests: 2 });
      await expect(hub.guidance.getPage(id("Policy-02.aspx"))).rejects.toMatchObject({ status: 404 });
      expect(await hub.guidance.getPage(id("Expenses.aspx"))).toMatchObject({ title: "Policy 2", url: `${site.siteUrl}/SitePages/Expenses.aspx` });
    });

    it("keeps the published copy while a page has an unpublished draft, and takes the new text once published", async () => {
      site.editPage("Policy-04.aspx", { html: "<p>Draft wording nobody has approved.</p>", published: false });
      expect(await run()).toMatchObject({ fetched: 1, upserted: 0, skipped: 1, removed: 0 });
      expect((await hub.guidance.getPage(id("Policy-04.aspx"))).text).toContain("Rule number 4");

      site.editPage("Policy-04.aspx", { published: true });
      expect(await run()).toMatchObject({ fetched: 1, upserted: 1 });
      expect((await hub.guidance.getPage(id("Policy-04.aspx"))).text).toBe("Draft wording nobody has approved.");
    });

    it("writes nothing when only metadata changed (same content, new eTag)", async () => {
      site.editPage("Policy-06.aspx", {});
      expect(await run()).toMatchObject({ fetched: 1, upserted: 0, unchanged: 1 });
    });

    it("on 410 Gone, enumerates again from the Location link, reads only changed pages and removes stale local ones", async () => {
      const otherOrigin = parseDocument({ id: "hr/leave.md", content: "# Leave\n\nFrom the folder ingest.\n" }, "folder", NOW);
      const orphan = { ...parseDocument({ id: "x.html", content: "<title>Orphan</title><p>Gone from SharePoint long ago.</p>" }, sitePagesOrigin(site.siteId), NOW), id: id("Orphan.aspx") };
      await local.apply({ upserts: [otherOrigin, orphan], removals: [] });
      site.expireTokens();
      site.editPage("Policy-01.aspx", { html: "<p>Rule one, edited while we were away.</p>" });
      site.deletePage("Policy-12.aspx");
      site.addPage("New-Starter.aspx", { title: "New starters", html: "<p>Your first week.</p>" });

      const report = await run();

      expect(report).toMatchObject({ mode: "resync", fullResync: true, changed: PAGES, fetched: 2, upserted: 2, removed: 2, failed: [] });
      // One 410, then ceil(12 / 5) = 3 pages of the fresh enumeration, then the 2 changed pages; 10 unchanged ones are not read.
      const deltas = site.deltaRequests();
      expect(deltas).toHaveLength(4);
      expect(report.requests).toBe(4 + 2);
      const tokenOf = (i: number) => new URL(deltas[i]!.url, graph.baseUrl).searchParams.get("token");
      expect(tokenOf(1)).toBeTruthy(); // the fresh enumeration starts at the Location Graph sent with the 410
      expect(tokenOf(1)).not.toBe(tokenOf(0));
      await expect(hub.guidance.getPage(id("Policy-12.aspx"))).rejects.toMatchObject({ status: 404 });
      await expect(hub.guidance.getPage(id("Orphan.aspx"))).rejects.toMatchObject({ status: 404 });
      expect(await hub.guidance.getPage("hr/leave.md")).toMatchObject({ origin: "folder" });
      expect((await hub.guidance.getPage(id("Policy-01.aspx"))).text).toContain("edited while we were away");
      expect(await hub.guidance.getPage(id("New-Starter.aspx"))).toMatchObject({ title: "New starters" });

      // And the new deltaLink works: back to one call.
      expect(await run()).toMatchObject({ mode: "delta", fetched: 0, requests: 1 });
    });

    it("refuses to follow a link Graph returns to another host, and keeps its state", async () => {
      const before = await state.get(`site-pages|${site.siteId}|${site.listId}`);
      graph.on("GET", /\/items\/delta$/, () => ({ body: { value: [], "@odata.nextLink": "https://attacker.example/v1.0/steal" } }));
      await expect(sync.run()).rejects.toThrow(/outside this site's Site Pages list/);
      expect(graph.requests.some((r) => r.url.includes("steal"))).toBe(false);
      expect(await state.get(`site-pages|${site.siteId}|${site.listId}`)).toEqual(before);
    });
  });

  it("accepts deletions marked @removed as well as the deleted facet", async () => {
    await setup({ removedMarker: "@removed" });
    await run();
    site.deletePage("Policy-09.aspx");

    expect(await run()).toMatchObject({ removed: 1, fetched: 0, requests: 1 });
    await expect(hub.guidance.getPage(id("Policy-09.aspx"))).rejects.toMatchObject({ status: 404 });
  });

  it("does not advance the deltaLink past a page it could not read, and reads it on the next run", async () => {
    await setup({}, 0);
    await run();
    const broken = site.editPage("Policy-08.aspx", { html: "<p>Rule eight, second edition.</p>" });
    site.editPage("Policy-10.aspx", { html: "<p>Rule ten, second edition.</p>" });
    graph.reset();
    graph.injectFaults({ status: 503, count: 1, match: { path: `/sites/${site.siteId}/pages/${broken.uniqueId}/microsoft.graph.sitePage` } });

    const failedRun = await sync.run();
    expect(failedRun).toMatchObject({ fetched: 2, upserted: 1, failed: [{ id: id("Policy-08.aspx") }] });
    expect(failedRun.failed[0]!.reason).toMatch(/503/);

    const retry = await run();
    // Same changes again from the old deltaLink: Policy-10's eTag is already recorded, so only Policy-08 is read.
    expect(retry).toMatchObject({ mode: "delta", changed: 2, fetched: 1, upserted: 1, unchanged: 1, failed: [] });
    expect((await hub.guidance.getPage(id("Policy-08.aspx"))).text).toBe("Rule eight, second edition.");
    expect(await run()).toMatchObject({ changed: 0, fetched: 0, requests: 1 });
  });

  it("retries a throttled delta call after Retry-After", async () => {
    await setup();
    graph.injectFaults({ status: 429, retryAfterSeconds: 0.1, count: 1, match: { path: /\/items\/delta$/ } });

    const report = await sync.run();

    expect(report).toMatchObject({ mode: "initial", upserted: PAGES });
    expect(site.deltaRequests()).toHaveLength(Math.ceil(PAGES / PAGE_SIZE) + 1);
  });
});
