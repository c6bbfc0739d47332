import type { Client } from "@microsoft/microsoft-graph-client";
import { createGraphClient, StaticTokenProvider } from "../../graph";
import { findSitePagesList, isSitePagesLibrary, resolveSitePagesTarget } from "../../graph/site-pages";
import { GraphFake } from "../fakes/graph-fake";
import { SitePagesFake, type SitePagesFakeOptions } from "../fakes/site-pages-fake";

// The Site Pages list lookup against the HTTPS Graph fake: matched on the list's URL name and template, never on
// its (localised) display name.

let graph: GraphFake;
let site: SitePagesFake;
let client: Client;

async function setup(options: SitePagesFakeOptions = {}): Promise<void> {
  graph = await GraphFake.start();
  site = new SitePagesFake(graph, options);
  client = createGraphClient({ tokenProvider: new StaticTokenProvider("app-token"), baseUrl: graph.baseUrl, fetch: graph.fetch, retryDelaySeconds: 0, maxRetries: 0 });
}
afterEach(() => graph.close());

describe("findSitePagesList", () => {
  it("finds the library by its URL name on a French site with a decoy list titled 'Site Pages', across pages of lists", async () => {
    await setup({
      sitePagesDisplayName: "Pages du site",
      otherLists: [
        { name: "Shared Documents", displayName: "Documents", template: "documentLibrary" },
        // A custom list someone titled "Site Pages": matching on the display name would pick this one.
        { name: "Site Pages", displayName: "Site Pages", template: "genericList" },
      ],
      listsPageSize: 2,
    });

    const list = await findSitePagesList(client, site.siteId);

    expect(list).toMatchObject({ id: site.listId, name: "SitePages", displayName: "Pages du site" });
    // Three lists, two a page: the lookup followed the nextLink.
    expect(site.listRequests()).toHaveLength(2);
    const select = new URL(site.listRequests()[0]!.url, graph.baseUrl).searchParams.get("$select") ?? "";
    expect(select.split(",")).toEqual(expect.arrayContaining(["id", "name", "list"]));
    expect(graph.requests.every((r) => r.headers.authorization === "Bearer app-token")).toBe(true);
  });

  it("says to give --list when the site has no page library", async () => {
    await setup();
    graph.on("GET", /^\/sites\/[^/]+\/lists$/, () => ({ body: { value: [{ id: "x", name: "Shared Documents", displayName: "Documents", list: { template: "documentLibrary" } }] } }));

    await expect(findSitePagesList(client, site.siteId)).rejects.toMatchObject({ code: "not_found", message: expect.stringMatching(/no Site Pages library.*--list/) });
  });

  it("turns a refused lookup into a plain error, keeping Graph's words in the cause", async () => {
    await setup();
    graph.on("GET", /^\/sites\/[^/]+\/lists$/, () => ({ status: 403, body: { error: { code: "accessDenied", message: "Either scp or roles claim need to be present" } } }));

    const error = await findSitePagesList(client, site.siteId).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "internal" });
    expect((error as Error).message).not.toMatch(/scp or roles/);
    expect(String((error as Error).cause)).toMatch(/Graph 403: .*scp or roles/);
  });

  it("accepts the name in any case and refuses a list of another template under that name", () => {
    expect(isSitePagesLibrary({ name: "sitepages", list: { template: "webPageLibrary" } })).toBe(true);
    expect(isSitePagesLibrary({ name: "SitePages" })).toBe(true);
    expect(isSitePagesLibrary({ name: "SitePages", list: { template: "genericList" } })).toBe(false);
    expect(isSitePagesLibrary({ name: "Site Pages", list: { template: "webPageLibrary" } })).toBe(false);
  });
});

describe("resolveSitePagesTarget", () => {
  beforeEach(() => setup());

  it("resolves hostname:/path to the site id, then looks the list up", async () => {
    const target = await resolveSitePagesTarget(client, "council.sharepoint.com:/sites/intranet");

    expect(target).toEqual({ siteId: site.siteId, siteName: site.siteUrl, listId: site.listId, listLookedUp: true });
    expect(graph.requests.map((r) => r.path)).toEqual(["/sites/council.sharepoint.com:/sites/intranet", `/sites/${site.siteId}/lists`]);
  });

  it("skips the lookup when the list id is given", async () => {
    const target = await resolveSitePagesTarget(client, site.siteId, site.listId.toUpperCase());

    // Normalised, so the sync's state key is the same whether the id was typed or looked up.
    expect(target).toMatchObject({ siteId: site.siteId, listId: site.listId, listLookedUp: false });
    expect(site.listRequests()).toHaveLength(0);
    expect(graph.requests).toHaveLength(1);
  });

  it("refuses a list id that is not a GUID, and an unknown site, clearly", async () => {
    await expect(resolveSitePagesTarget(client, site.siteId, "../drives")).rejects.toMatchObject({ code: "bad_request" });
    expect(graph.requests).toHaveLength(0);
    await expect(resolveSitePagesTarget(client, "council.sharepoint.com:/sites/nowhere")).rejects.toMatchObject({ code: "not_found" });
    await expect(resolveSitePagesTarget(client, "https://evil.example/sites/hub")).rejects.toMatchObject({ code: "bad_request" });
  });
});
