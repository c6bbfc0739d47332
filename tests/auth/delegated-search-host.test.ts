import { GraphFake } from "../fakes/graph-fake";
import { SearchFake, type SearchFakePage } from "../fakes/search-fake";
import { SITE_PAGE_CONTENT_CLASS } from "../fakes/site-pages-fake";
import { startTestHub, type TestHub } from "../support/test-hub";
import { EntraNetwork } from "./support/entra-network";
import { API_HOST, CLIENT_ID, createSigningKey, HOME_TENANT, signAccessToken, type EntraUser, type SigningKey } from "./support/entra-tokens";
import { JwksServer } from "./support/jwks-server";

const SITE = "https://council.sharepoint.com/sites/intranet";
const SECRET = "test-only-client-secret";
const ALEX: EntraUser = { oid: "a1e7c2d4-3b5f-4a6e-9c8d-0f1e2d3c4b5a", upn: "alex.morgan@example-council.gov.uk", name: "Alex Morgan" };
const PRIYA: EntraUser = { oid: "7b1d3e5f-2a4c-4e6a-8b0d-1f3a5c7e9b21", upn: "priya.shah@example-council.gov.uk", name: "Priya Shah" };
/** A comms editor: the Entra app role is what lets her edit the search vocabulary. */
const OLIVIA: EntraUser = { oid: "4c2e6a8b-1d3f-4b5a-9c7e-2f4a6c8e0b13", upn: "olivia.grant@example-council.gov.uk", name: "Olivia Grant" };

const sitePage = (name: string, title: string, text: string, readers?: string[]): SearchFakePage => ({
  webUrl: `${SITE}/SitePages/${name}`,
  title,
  text,
  fileName: name,
  contentClass: SITE_PAGE_CONTENT_CLASS,
  ...(readers ? { readers } : {}),
});

interface SearchBody {
  results: Array<{ id: string; title: string; url?: string }>;
}

/**
 * The whole Microsoft 365 search path in one run, as production wires it: the real host in AUTH_MODE=entra (config,
 * composition root, token validation), the Guidance tab's search API, the on-behalf-of exchange through real
 * msal-node (Entra answered in-process), and Microsoft Search on the HTTPS Graph fake, which trims by whose token
 * arrives. Only the wire to Entra and Graph is replaced.
 */
describe("Guidance tab search in Microsoft 365: host + OBO + Microsoft Search", () => {
  let keys: JwksServer;
  let key: SigningKey;
  let graph: GraphFake;
  let network: EntraNetwork;
  let hub: TestHub;

  beforeAll(async () => {
    key = await createSigningKey();
    keys = await JwksServer.start([key.publicJwk]);
    graph = await GraphFake.start();
    // Entra's emulator issues `graph.<oid>.<serial>`: the fake learns whose token it is only from the token itself.
    new SearchFake(graph, {
      pages: [
        sitePage("Disciplinary-Managers.aspx", "Disciplinary procedure for managers", "How managers run a disciplinary hearing.", [PRIYA.oid]),
        sitePage("Disciplinary-Policy.aspx", "Disciplinary policy", "The disciplinary policy for all staff."),
        sitePage("Annual-Leave.aspx", "Annual leave", "Book annual leave in MyView at least two weeks ahead."),
        sitePage("Occupational-Health.aspx", "Occupational health", "Your manager can refer you to occupational health."),
      ],
      userOf: (token) => (token.startsWith("graph.") ? token.split(".")[1] : undefined),
    });
    network = new EntraNetwork({ clientId: CLIENT_ID, clientSecret: SECRET });
    hub = await startTestHub(
      {
        PUBLIC_URL: `https://${API_HOST}`,
        AUTH_MODE: "entra",
        ENTRA_TENANT_ID: HOME_TENANT,
        ENTRA_CLIENT_ID: CLIENT_ID,
        SECRET_ENTRA_CLIENT_SECRET: SECRET,
        BOT_APP_ID: CLIENT_ID,
        SECRET_BOT_APP_PASSWORD: "test-only-bot-password",
        SHAREPOINT_SITE: "council.sharepoint.com:/sites/intranet",
        GRAPH_BASE_URL: graph.baseUrl,
      },
      { entraKeys: { jwksUri: keys.uriTemplate }, delegatedSearch: { msalNetwork: network, graphFetch: graph.fetch } },
    );
  });
  afterAll(async () => {
    await hub?.stop();
    await graph?.close();
    await keys?.close();
  });

  const searchAs = async (user: EntraUser, q: string) =>
    fetch(`${hub.baseUrl}/api/guidance/search?q=${encodeURIComponent(q)}`, { headers: { authorization: `Bearer ${await signAccessToken(user, { key })}` } });
  const lastSearchBody = () => JSON.parse(graph.requestsTo("POST", "/search/query").at(-1)!.body) as { requests: Array<{ query: { queryString: string; queryTemplate: string } }> };

  it("trims results to what each caller may read, because each caller's own token reaches Graph", async () => {
    const priya = await searchAs(PRIYA, "disciplinary");
    const alex = await searchAs(ALEX, "disciplinary");
    expect(priya.status).toBe(200);
    expect(alex.status).toBe(200);
    expect(((await priya.json()) as SearchBody).results.map((r) => r.id)).toEqual([
      "sites/intranet/sitepages/disciplinary-managers.aspx",
      "sites/intranet/sitepages/disciplinary-policy.aspx",
    ]);
    expect(((await alex.json()) as SearchBody).results.map((r) => r.id)).toEqual(["sites/intranet/sitepages/disciplinary-policy.aspx"]);

    const calls = graph.requestsTo("POST", "/search/query");
    expect(calls.map((c) => c.headers.authorization)).toEqual([
      expect.stringMatching(new RegExp(`^Bearer graph\\.${PRIYA.oid}\\.\\d+$`)),
      expect.stringMatching(new RegExp(`^Bearer graph\\.${ALEX.oid}\\.\\d+$`)),
    ]);
  });

  it("exchanges each user's token once and reuses it from that user's cache on the next search", async () => {
    const before = network.tokenRequests(ALEX.oid).length;
    expect((await searchAs(ALEX, "policy")).status).toBe(200);
    expect(network.tokenRequests(ALEX.oid)).toHaveLength(before);
  });

  it("turns Entra's consent-required answer into a 403 the tab can act on, and asks Graph nothing", async () => {
    const casey: EntraUser = { oid: "c3a9e4f6-5d7b-4c8a-9e0f-2b3c4d5e6f7a", upn: "casey.jones@example-council.gov.uk", name: "Casey Jones" };
    network.user(casey.oid).consentRequired = true;
    const graphCalls = graph.requestsTo("POST", "/search/query").length;
    const res = await searchAs(casey, "disciplinary");
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("consent_required");
    expect(graph.requestsTo("POST", "/search/query")).toHaveLength(graphCalls);
  });

  it("expands questions with the stored vocabulary, and a comms editor's save applies from the next search", async () => {
    const ids = async (res: Response) => ((await res.json()) as SearchBody).results.map((r) => r.id);
    // The shipped vocabulary is live from the start: "holiday" and "OH" reach pages that never use those words.
    expect(await ids(await searchAs(ALEX, "holiday"))).toEqual(["sites/intranet/sitepages/annual-leave.aspx"]);
    expect(lastSearchBody().requests[0]!.query.queryString).toMatch(/^\(holiday OR "annual leave" OR /);
    expect(await ids(await searchAs(ALEX, "OH referral"))).toEqual(["sites/intranet/sitepages/occupational-health.aspx"]);
    expect(lastSearchBody().requests[0]!.query.queryString).toBe('((oh referral) OR oh OR "occupational health" OR "occupational health referral")');
    expect(await ids(await searchAs(ALEX, "zorblax"))).toEqual([]);
    expect(lastSearchBody().requests[0]!.query.queryString).toBe("zorblax");
    const template = lastSearchBody().requests[0]!.query.queryTemplate;
    // What a person types is never KQL syntax either: the fake refuses (400) anything but words, phrases, brackets and OR.
    const typed = await searchAs(ALEX, 'holiday") OR path:"https://council.sharepoint.com/sites/hr-archive" OR NEAR(x*');
    expect(typed.status).toBe(200);
    const sent = lastSearchBody().requests[0]!.query;
    expect(sent).toEqual({ queryString: expect.stringMatching(/^\(holiday OR "annual leave" OR .* archive near x$/), queryTemplate: template });
    expect(sent.queryString).not.toMatch(/[:*]|NEAR/);

    const editor = { authorization: `Bearer ${await signAccessToken(OLIVIA, { key, roles: ["comms_editor"] })}`, "content-type": "application/json" };
    const current = (await (await fetch(`${hub.baseUrl}/api/guidance/vocabulary`, { headers: editor })).json()) as { entries: unknown[]; version: string };
    // Comms-editor data is untrusted too: a term written to escape the site scope must arrive as plain words.
    const added = { terms: ["zorblax", "annual leave", 'x" OR path:"https://evil.example'] };
    const saved = await fetch(`${hub.baseUrl}/api/guidance/vocabulary`, { method: "PUT", headers: editor, body: JSON.stringify({ entries: [...current.entries, added], version: current.version }) });
    expect(saved.status).toBe(200);

    expect(await ids(await searchAs(ALEX, "zorblax"))).toEqual(["sites/intranet/sitepages/annual-leave.aspx"]);
    const { query } = lastSearchBody().requests[0]!;
    expect(query).toEqual({ queryString: '(zorblax OR "annual leave" OR "x or path https evil example")', queryTemplate: template });
  });
});
