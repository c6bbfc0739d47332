import type { Client } from "@microsoft/microsoft-graph-client";
import { AppError, feedbackStoreOn, GuidanceService, parseQuery, type Clock } from "../../core";
import { createGraphClient, StaticTokenProvider } from "../../graph";
import { createConfidentialClient, createOboTokenProvider, type OboUser } from "../../graph/auth";
import { createMicrosoftSearch, snippetFromSummary, type MicrosoftSearch } from "../../graph/search";
import { MemoryDeltaStateStore, SitePagesSync } from "../../graph/site-pages";
import { createSqliteHub, SqliteAuditLog, SqliteGuidance, type SqliteHub } from "../../store";
import { EntraNetwork } from "../auth/support/entra-network";
import { CLIENT_ID, createSigningKey, HOME_TENANT, signAccessToken, type EntraUser } from "../auth/support/entra-tokens";
import { GraphFake } from "../fakes/graph-fake";
import { SearchFake, type SearchFakePage } from "../fakes/search-fake";
import { SITE_PAGE_CONTENT_CLASS, SitePagesFake } from "../fakes/site-pages-fake";

const SITE = "https://council.sharepoint.com/sites/intranet";
const NOW = new Date("2025-06-02T09:00:00Z");
const clock: Clock = { now: () => NOW };
/** Static tokens for the tests that do not exercise on-behalf-of: token → user. */
const TOKENS = new Map([
  ["token-alex", "alex"],
  ["token-sam", "sam"],
]);

const page = (name: string, title: string, text: string, extra: Partial<SearchFakePage> = {}): SearchFakePage => ({
  webUrl: `${SITE}/SitePages/${encodeURIComponent(name)}`,
  title,
  text,
  fileName: name,
  contentClass: SITE_PAGE_CONTENT_CLASS,
  ...extra,
});

const PAGES: SearchFakePage[] = [
  page(
    "Annual-Leave.aspx",
    "Annual leave",
    "Staff book annual leave in MyView &amp; tell their manager. <b>Carry over</b> up to five days of annual leave into April; " +
      "leave not taken by then is lost unless your head of service agrees otherwise in writing.<script>alert('x')</script>",
  ),
  page("Council Tax.aspx", "Council tax discounts", "Staff who live in the borough can ask about council tax support and leave the form with Revenues."),
  page("Sickness.aspx", "Sickness absence", "Phone your line manager before 10am. Annual leave is not affected by sickness."),
  // Same words, wrong places: another site, and a document rather than a page. The template must keep both out.
  page("Annual-Leave.aspx", "Annual leave (old HR site)", "annual leave annual leave", { webUrl: "https://council.sharepoint.com/sites/hr-archive/SitePages/Annual-Leave.aspx" }),
  page("leave.docx", "Annual leave form", "annual leave form", { webUrl: `${SITE}/Shared Documents/leave.docx`, contentClass: "STS_ListItem_DocumentLibrary" }),
];

/** Runs `promise`, returning the AppError it rejects with (failing on success or any other error). */
async function appError(promise: Promise<unknown>): Promise<AppError> {
  const outcome = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (outcome instanceof AppError) return outcome;
  throw new Error(`expected an AppError, got ${String(outcome)}`);
}

describe("Microsoft Search engine against the HTTPS Graph fake", () => {
  let graph: GraphFake;
  let index: SearchFake;
  let search: MicrosoftSearch;
  let pages: SearchFakePage[];

  beforeEach(async () => {
    graph = await GraphFake.start();
    pages = [...PAGES];
    index = new SearchFake(graph, { pages: () => pages, userOf: (token) => TOKENS.get(token) });
    search = createMicrosoftSearch({ siteUrl: SITE });
  });
  afterEach(async () => {
    await graph.close();
  });

  const clientFor = (token: string, maxRetries?: number): Client =>
    createGraphClient({ tokenProvider: new StaticTokenProvider(token), baseUrl: graph.baseUrl, fetch: graph.fetch, retryDelaySeconds: 0, ...(maxRetries === undefined ? {} : { maxRetries }) });

  it("maps hits to SearchHits: page ids, titles, plain-text snippets with **highlights**, rank-ordered scores, urls", async () => {
    const hits = await search.forUser(clientFor("token-alex")).search(parseQuery("annual leave"));

    expect(hits.map((h) => h.id)).toEqual(["sites/intranet/sitepages/annual-leave.aspx", "sites/intranet/sitepages/sickness.aspx"]);
    const [leave, sickness] = hits;
    expect(leave).toMatchObject({ title: "Annual leave", url: `${SITE}/SitePages/Annual-Leave.aspx` });
    expect(leave!.snippet).toMatch(/^Staff book \*\*annual\*\* \*\*leave\*\* in MyView & tell their manager\. Carry over up to five days of \*\*annual\*\* \*\*leave\*\*/);
    expect(leave!.snippet.endsWith(" …")).toBe(true);
    for (const hit of hits) {
      expect(hit.snippet).not.toMatch(/[<>]|&amp;|c0|ddd|alert/);
    }
    expect(leave!.score).toBeGreaterThan(sickness!.score);
    expect(sickness!.score).toBeGreaterThan(0);
  });

  it("sends one scoped listItem query built from the key terms", async () => {
    await search.forUser(clientFor("token-alex")).search(parseQuery("How do I book annual leave?", 7));

    const [request] = graph.requestsTo("POST", "/search/query");
    expect(request!.url).toBe("/v1.0/search/query");
    expect(request!.headers.authorization).toBe("Bearer token-alex");
    expect(JSON.parse(request!.body)).toEqual({
      requests: [
        {
          entityTypes: ["listItem"],
          query: { queryString: "book annual leave", queryTemplate: `({searchTerms}) contentclass:STS_ListItem_WebPageLibrary path:"${SITE}/SitePages"` },
          from: 0,
          size: 7,
          fields: ["title", "filename"],
        },
      ],
    });
  });

  it("returns only the intranet's site pages: not another site's page, not a document", async () => {
    const hits = await search.forUser(clientFor("token-alex")).search(parseQuery("annual leave form"));
    expect(hits).toEqual([]);
    const all = await search.forUser(clientFor("token-alex")).search(parseQuery("annual"));
    expect(all.every((h) => h.url?.startsWith(`${SITE}/SitePages/`))).toBe(true);
  });

  it("answers no hits (Graph leaves `hits` out) with an empty list after one request", async () => {
    expect(await search.forUser(clientFor("token-alex")).search(parseQuery("parking permits"))).toEqual([]);
    expect(graph.requestsTo("POST", "/search/query")).toHaveLength(1);
  });

  it("decodes a page name with a space into the same id the sync gives it", async () => {
    const [hit] = await search.forUser(clientFor("token-sam")).search(parseQuery("revenues"));
    expect(hit).toMatchObject({ id: "sites/intranet/sitepages/council tax.aspx", url: `${SITE}/SitePages/Council%20Tax.aspx` });
  });

  it("asks for the next window when hits had to be dropped and more results exist, without duplicates", async () => {
    // Everything in the Site Pages library has the page content class, images included; an image is no page.
    pages.push(page("Images/annual-leave-banner.png", "Annual leave annual leave", "annual leave", { webUrl: `${SITE}/SitePages/Images/annual-leave-banner.png` }));

    const hits = await search.forUser(clientFor("token-alex")).search(parseQuery("annual leave", 2));

    expect(hits.map((h) => h.id)).toEqual(["sites/intranet/sitepages/annual-leave.aspx", "sites/intranet/sitepages/sickness.aspx"]);
    expect(index.queries.map((q) => [q.from, q.size])).toEqual([
      [0, 2],
      [2, 2],
    ]);
  });

  it("stops after one request when nothing was dropped, even if more results exist", async () => {
    const hits = await search.forUser(clientFor("token-alex")).search(parseQuery("annual leave", 1));
    expect(hits).toHaveLength(1);
    expect(index.queries).toHaveLength(1);
  });

  it("works as core's engine: GuidanceService.search passes top through and trims", async () => {
    const hub: SqliteHub = createSqliteHub(":memory:", clock);
    try {
      const service = new GuidanceService({
        pages: new SqliteGuidance(hub.db),
        engine: search.forUser(clientFor("token-alex")),
        feedback: feedbackStoreOn(hub.records),
        audit: new SqliteAuditLog(hub.db),
        clock,
      });
      const response = await service.search("  annual   leave ", { top: 1 });
      expect(response.query).toBe("annual   leave");
      expect(response.results.map((r) => r.id)).toEqual(["sites/intranet/sitepages/annual-leave.aspx"]);
      expect(index.queries[0]).toMatchObject({ size: 1, queryString: "annual leave" });
    } finally {
      await hub.close();
    }
  });

  it("retries a 429 storm honouring Retry-After, with the same user's token each time", async () => {
    graph.injectFaults({ status: 429, retryAfterSeconds: 0.2, count: 2, match: { method: "POST", path: "/search/query" } });

    const started = Date.now();
    const hits = await search.forUser(clientFor("token-sam")).search(parseQuery("sickness"));

    expect(hits.map((h) => h.id)).toEqual(["sites/intranet/sitepages/sickness.aspx"]);
    const attempts = graph.requestsTo("POST", "/search/query");
    expect(attempts).toHaveLength(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(380);
    expect(attempts[1]!.receivedAt - attempts[0]!.receivedAt).toBeGreaterThanOrEqual(190);
    expect(attempts.map((a) => a.headers["retry-attempt"])).toEqual([undefined, "1", "2"]);
    expect(new Set(attempts.map((a) => a.headers.authorization))).toEqual(new Set(["Bearer token-sam"]));
    expect(new Set(attempts.map((a) => a.body)).size).toBe(1);
  });

  it("turns a throttling storm that outlasts the retries into a 503 AppError", async () => {
    graph.injectFaults({ status: 429, retryAfterSeconds: 0, count: 10, match: { path: "/search/query" } });
    const error = await appError(search.forUser(clientFor("token-sam", 1)).search(parseQuery("sickness")));
    expect(error).toMatchObject({ status: 503, code: "unavailable" });
    expect(graph.requestsTo("POST", "/search/query")).toHaveLength(2);
  });

  it("turns a 400 into a user-safe bad_request AppError, keeping Graph's text only in the cause", async () => {
    graph.on("POST", "/search/query", () => ({ status: 400, body: { error: { code: "BadRequest", message: "Syntax error in KQL near 'path:'" } } }));
    const error = await appError(search.forUser(clientFor("token-alex")).search(parseQuery("annual leave")));
    expect(error).toMatchObject({ status: 400, code: "bad_request" });
    expect(error.message).not.toMatch(/KQL|path:/);
    expect(String((error.cause as Error).message)).toContain("Syntax error in KQL");
    expect(graph.requestsTo("POST", "/search/query")).toHaveLength(1); // a 400 is never retried
  });

  it("turns a rejected token into a 401 AppError", async () => {
    const error = await appError(search.forUser(clientFor("token-stranger")).search(parseQuery("annual leave")));
    expect(error).toMatchObject({ status: 401, code: "unauthorized" });
  });

  it("refuses a site URL that could not be a plain KQL path", () => {
    expect(() => createMicrosoftSearch({ siteUrl: "intranet" })).toThrow(TypeError);
    expect(() => createMicrosoftSearch({ siteUrl: 'https://council.sharepoint.com/sites/a" OR path:"https://x' })).toThrow(TypeError);
    expect(() => createMicrosoftSearch({ siteUrl: "http://council.sharepoint.com/sites/intranet" })).toThrow(TypeError);
  });
});

describe("Microsoft Search engine: security trimming with real on-behalf-of tokens", () => {
  const ALEX: EntraUser = { oid: "a1e7c2d4-3b5f-4a6e-9c8d-0f1e2d3c4b5a", upn: "alex.morgan@example-council.gov.uk", name: "Alex Morgan" };
  const SAM: EntraUser = { oid: "b2f8d3e5-4c6a-4b7f-8d9e-1a2b3c4d5e6f", upn: "sam.patel@example-council.gov.uk", name: "Sam Patel" };
  const SECRET = "test-only-client-secret";
  let graph: GraphFake;

  beforeEach(async () => {
    graph = await GraphFake.start();
  });
  afterEach(async () => {
    await graph.close();
  });

  it("shows a restricted page to the user who may read it and not to another, because each user's own token is sent", async () => {
    const restricted = page("Disciplinary-Managers.aspx", "Disciplinary procedure for managers", "How managers run a disciplinary hearing.", { readers: [ALEX.oid] });
    const open = page("Disciplinary-Policy.aspx", "Disciplinary policy", "The disciplinary policy for all staff.");
    // Entra's emulator issues `graph.<oid>.<serial>`: the fake knows whose token it is only from the token itself.
    new SearchFake(graph, { pages: [restricted, open], userOf: (token) => (token.startsWith("graph.") ? token.split(".")[1] : undefined) });
    const network = new EntraNetwork({ clientId: CLIENT_ID, clientSecret: SECRET });
    const obo = createOboTokenProvider({
      msal: createConfidentialClient({ tenantId: HOME_TENANT, clientId: CLIENT_ID, clientSecret: SECRET }, { networkClient: network }),
      scopes: ["https://graph.microsoft.com/Sites.Read.All"],
    });
    const key = await createSigningKey();
    const search = createMicrosoftSearch({ siteUrl: SITE });
    const principal = (user: EntraUser): OboUser => ({ id: user.oid, tenantId: HOME_TENANT });
    // What the API edge does per request: the caller's validated token, exchanged on their behalf.
    const engineFor = async (user: EntraUser) =>
      search.forUser(
        createGraphClient({ tokenProvider: obo.forUser(await signAccessToken(user, { key }), principal(user)), baseUrl: graph.baseUrl, fetch: graph.fetch, retryDelaySeconds: 0 }),
      );

    const alexHits = await (await engineFor(ALEX)).search(parseQuery("disciplinary"));
    const samHits = await (await engineFor(SAM)).search(parseQuery("disciplinary"));

    expect(alexHits.map((h) => h.id)).toEqual(["sites/intranet/sitepages/disciplinary-managers.aspx", "sites/intranet/sitepages/disciplinary-policy.aspx"]);
    expect(samHits.map((h) => h.id)).toEqual(["sites/intranet/sitepages/disciplinary-policy.aspx"]);
    const [alexCall, samCall] = graph.requestsTo("POST", "/search/query");
    expect(alexCall!.headers.authorization).toMatch(new RegExp(`^Bearer graph\\.${ALEX.oid}\\.\\d+$`));
    expect(samCall!.headers.authorization).toMatch(new RegExp(`^Bearer graph\\.${SAM.oid}\\.\\d+$`));
    expect(network.tokenRequests(ALEX.oid)).toHaveLength(1);
    expect(network.tokenRequests(SAM.oid)).toHaveLength(1);
  });
});

describe("search ids match the ids the site pages sync gives the local index", () => {
  it("every hit opens a page the sync stored", async () => {
    const graph = await GraphFake.start();
    const hub = createSqliteHub(":memory:", clock);
    try {
      const site = new SitePagesFake(graph, { pageSize: 2 });
      site.addPage("Annual-Leave.aspx", { title: "Annual leave", html: "<p>Book annual leave in MyView.</p>" });
      site.addPage("Council Tax.aspx", { title: "Council tax", html: "<p>Ask Revenues about annual council tax bills.</p>" });
      site.addPage("Étiquette café.aspx", { title: "Café etiquette", html: "<p>Annual clean of the café fridge.</p>" });
      const app = createGraphClient({ tokenProvider: new StaticTokenProvider("app-token"), baseUrl: graph.baseUrl, fetch: graph.fetch, retryDelaySeconds: 0 });
      await new SitePagesSync({ client: app, pages: new SqliteGuidance(hub.db), state: new MemoryDeltaStateStore(), clock, siteId: site.siteId, listId: site.listId, graphBaseUrl: graph.baseUrl }).run();
      new SearchFake(graph, { pages: () => site.searchPages(), userOf: (token) => (token === "user-token" ? "user" : undefined) });
      const user = createGraphClient({ tokenProvider: new StaticTokenProvider("user-token"), baseUrl: graph.baseUrl, fetch: graph.fetch, retryDelaySeconds: 0 });

      const hits = await createMicrosoftSearch({ siteUrl: site.siteUrl }).forUser(user).search(parseQuery("annual"));

      expect(hits).toHaveLength(3);
      for (const hit of hits) {
        const local = await hub.guidance.getPage(hit.id);
        expect(local.url).toBe(hit.url);
        expect(local.title).toBe(hit.title);
      }
    } finally {
      await hub.close();
      await graph.close();
    }
  });
});

describe("snippetFromSummary", () => {
  it.each([
    ["<c0>Annual</c0> <c0>leave</c0> <ddd/> forms", "**Annual** **leave** … forms"],
    ["<ddd/> the <c1>VPN</c1> client <ddd/>", "… the **VPN** client …"],
    ["Tom &amp; Jerry &lt;b&gt; &#39;quoted&#39;", "Tom & Jerry <b> 'quoted'"],
    ["<b>bold</b> <i>it</i><script>steal()</script><style>p{}</style> end", "bold it end"],
    ["<c0></c0>empty highlight", "empty highlight"],
    ["forged \uE000markers\uE001 stay text", "forged markers stay text"],
    ["  spaced\n\n out  ", "spaced out"],
    ["", ""],
  ])("%j → %j", (summary, snippet) => {
    expect(snippetFromSummary(summary)).toBe(snippet);
  });

  it("returns an empty snippet for a missing summary", () => {
    expect(snippetFromSummary(undefined)).toBe("");
  });
});
