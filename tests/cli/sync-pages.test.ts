import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import type { Client } from "@microsoft/microsoft-graph-client";
import { createGraphClient, StaticTokenProvider } from "../../graph";
import { createSqliteHub, SqliteDeltaStateStore, type SqliteHub } from "../../store";
import { runCli, type CliContext } from "../../teams-app/cli";
import { createSyncPagesCommand, syncPagesClientFromConfig } from "../../teams-app/cli/sync-pages-command";
import { loadConfig } from "../../teams-app/config";
import { GraphFake } from "../fakes/graph-fake";
import { SitePagesFake } from "../fakes/site-pages-fake";

// `hub sync-pages` end to end: the command with an injected Graph client factory (real client, real sync) against the
// HTTPS Graph fake, into a real SQLite store in a temp DATA_DIR. Each run opens and closes its own store and client,
// as separate `hub` processes would, so whatever the second run knows it read back from the database.

const PAGES = 6;
/** Small delta pages, so the first run already follows nextLinks. */
const PAGE_SIZE = 4;
const APP_TOKEN = "app-only-token";
const GRAPH_ENV = { ENTRA_TENANT_ID: "11111111-1111-4111-8111-111111111111", ENTRA_CLIENT_ID: "22222222-2222-4222-8222-222222222222", SECRET_ENTRA_CLIENT_SECRET: "s" };

let work: string;
let graph: GraphFake;
let site: SitePagesFake;

interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** The `key=value` line of the report, as values. */
  readonly counts: Record<string, string>;
}

beforeEach(async () => {
  work = mkdtempSync(join(tmpdir(), "hub-sync-pages-"));
  graph = await GraphFake.start();
  site = new SitePagesFake(graph, { pageSize: PAGE_SIZE });
  for (let i = 1; i <= PAGES; i++) site.addPage(`Policy-${i}.aspx`, { title: `Policy ${i}`, html: `<p>Rule number ${i} for all staff.</p>` });
});
afterEach(async () => {
  await graph.close();
  rmSync(work, { recursive: true, force: true });
});

const env = (extra: Record<string, string> = {}) => ({ DATA_DIR: join(work, "data"), GRAPH_BASE_URL: graph.baseUrl, ...extra });
const siteRef = () => "council.sharepoint.com:/sites/intranet";

function capture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on("data", (chunk: Buffer) => chunks.push(chunk.toString()));
  return { stream, text: () => chunks.join("") };
}

/** One `hub sync-pages` "process": fresh config, client and store, closed at the end. Clears the fake's request log first. */
async function syncPages(args: string[], extraEnv: Record<string, string> = {}): Promise<CliRun> {
  graph.reset();
  const config = loadConfig(env(extraEnv));
  const stdout = capture();
  const stderr = capture();
  let hub: SqliteHub | undefined;
  const ctx: CliContext = {
    io: { stdin: new PassThrough(), stdout: stdout.stream, stderr: stderr.stream, stderrIsTTY: false },
    // What runCli does: the store in DATA_DIR, opened on first use.
    openHub: () => (hub ??= createSqliteHub(config.dataDir)),
  };
  const createClient = (): Client =>
    createGraphClient({ tokenProvider: new StaticTokenProvider(APP_TOKEN), baseUrl: config.graph.baseUrl, fetch: graph.fetch, retryDelaySeconds: 0 });
  try {
    const code = await createSyncPagesCommand({ createClient, loadConfig: () => config }).run(args, ctx);
    const line = stdout.text().split("\n").find((l) => l.startsWith("fetched=")) ?? "";
    const counts = Object.fromEntries(line.split(" ").filter(Boolean).map((pair) => pair.split("=") as [string, string]));
    return { code, stdout: stdout.text(), stderr: stderr.text(), counts };
  } finally {
    await hub?.close();
  }
}

/** Reads the local store the way a later process would. */
async function withStore<T>(use: (hub: SqliteHub) => Promise<T>): Promise<T> {
  const hub = createSqliteHub(join(work, "data"));
  try {
    return await use(hub);
  } finally {
    await hub.close();
  }
}

const stateKey = () => `site-pages|${site.siteId}|${site.listId}`;

describe("hub sync-pages", () => {
  it("upserts every page on the first run, then costs one delta call and no upserts, using the stored deltaLink", async () => {
    const first = await syncPages(["--site", siteRef()]);

    expect(first.code).toBe(0);
    expect(first.counts).toMatchObject({ fetched: String(PAGES), upserted: String(PAGES), removed: "0", requests: String(Math.ceil(PAGES / PAGE_SIZE) + PAGES), fullResync: "true" });
    expect(first.stdout).toContain(`Synced ${site.siteUrl} (${site.siteId}), Site Pages list ${site.listId} (looked up): initial run`);
    expect(site.listRequests()).toHaveLength(1);
    const stored = await withStore(async (hub) => {
      expect(await hub.guidance.pageCount()).toBe(PAGES);
      expect((await hub.guidance.search("rule number 3")).results[0]).toMatchObject({ id: "sites/intranet/sitepages/policy-3.aspx" });
      const [event] = await hub.audit.recent(1);
      expect(event).toMatchObject({ actor: "cli", action: "guidance.synced" });
      return new SqliteDeltaStateStore(hub.db).get(stateKey());
    });
    expect(stored?.deltaLink).toBeDefined();
    expect(Object.keys(stored?.items ?? {})).toHaveLength(PAGES);

    const second = await syncPages(["--site", siteRef()]);

    expect(second.code).toBe(0);
    expect(second.counts).toMatchObject({ fetched: "0", upserted: "0", removed: "0", requests: "1", fullResync: "false" });
    expect(second.stdout).toContain(": delta run");
    // The one delta call is exactly the deltaLink the first run stored in SQLite.
    expect(site.deltaRequests()).toHaveLength(1);
    expect(new URL(site.deltaRequests()[0]!.url, graph.baseUrl).searchParams.get("token")).toBe(new URL(stored!.deltaLink!).searchParams.get("token"));
    expect(site.pageRequests()).toHaveLength(0);
    expect(graph.requests.every((r) => r.headers.authorization === `Bearer ${APP_TOKEN}`)).toBe(true);
  });

  it("applies an edit and a delete made between runs, reading only the edited page", async () => {
    await syncPages(["--site", siteRef()]);
    site.editPage("Policy-2.aspx", { html: "<p>Rule two now covers agency staff.</p>" });
    site.deletePage("Policy-5.aspx");

    const run = await syncPages(["--site", site.siteId, "--list", site.listId]);

    expect(run.counts).toMatchObject({ fetched: "1", upserted: "1", removed: "1", requests: "2" });
    // With --list there is no list lookup: the site read, one delta call and one page read.
    expect(site.listRequests()).toHaveLength(0);
    expect(graph.requests).toHaveLength(3);
    await withStore(async (hub) => {
      expect(await hub.guidance.pageCount()).toBe(PAGES - 1);
      expect((await hub.guidance.search("agency staff")).results[0]).toMatchObject({ id: "sites/intranet/sitepages/policy-2.aspx" });
    });
  });

  it("--full enumerates the library and reads every page again, then later runs are back to one call", async () => {
    await syncPages(["--site", siteRef()]);

    const full = await syncPages(["--site", siteRef(), "--full"]);

    expect(full.code).toBe(0);
    expect(full.stdout).toContain(": resync run");
    // Every page read again, none rewritten: their content is unchanged.
    expect(full.counts).toMatchObject({ fullResync: "true", fetched: String(PAGES), upserted: "0", unchanged: String(PAGES), removed: "0" });
    expect(site.deltaRequests()).toHaveLength(Math.ceil(PAGES / PAGE_SIZE));
    expect(new URL(site.deltaRequests()[0]!.url, graph.baseUrl).searchParams.get("token")).toBeNull();
    expect(site.pageRequests()).toHaveLength(PAGES);

    expect((await syncPages(["--site", siteRef()])).counts).toMatchObject({ requests: "1", fetched: "0", fullResync: "false" });
  });

  it("--full also removes local pages of the site that SharePoint no longer has", async () => {
    await syncPages(["--site", siteRef()]);
    await withStore(async (hub) => {
      // As if a delete had been missed: the page is local, but not in the site and not in the item map.
      await hub.guidanceIndex.apply({ upserts: [{ ...(await hub.guidanceIndex.get("sites/intranet/sitepages/policy-1.aspx"))!, id: "sites/intranet/sitepages/ghost.aspx" }], removals: [] });
    });

    expect((await syncPages(["--site", siteRef()])).counts).toMatchObject({ removed: "0" });
    expect((await syncPages(["--site", siteRef(), "--full"])).counts).toMatchObject({ removed: "1" });
    await withStore(async (hub) => expect(await hub.guidance.pageCount()).toBe(PAGES));
  });

  it("takes the site from SHAREPOINT_SITE when --site is not given", async () => {
    const run = await syncPages([], { SHAREPOINT_SITE: siteRef() });
    expect(run.code).toBe(0);
    expect(run.counts).toMatchObject({ upserted: String(PAGES) });
  });

  it("refuses a missing site or a malformed list id as usage errors, before any Graph call", async () => {
    const noSite = await syncPages([]);
    expect(noSite.code).toBe(2);
    expect(noSite.stderr).toMatch(/which site\? Give --site.* or set SHAREPOINT_SITE/);
    const badList = await syncPages(["--site", siteRef(), "--list", "Site Pages"]);
    expect(badList.code).toBe(2);
    expect(badList.stderr).toContain('--list must be a list id (a GUID), got "Site Pages"');
    expect((await syncPages(["--site", siteRef(), "extra"])).code).toBe(2);
    expect(graph.requests).toHaveLength(0);
  });

  it("names the missing Graph credentials, and is registered with hub", async () => {
    expect(() => syncPagesClientFromConfig(loadConfig({}))).toThrow(/hub sync-pages needs Graph app credentials: set ENTRA_TENANT_ID, ENTRA_CLIENT_ID and SECRET_ENTRA_CLIENT_SECRET/);
    expect(() => syncPagesClientFromConfig(loadConfig(GRAPH_ENV))).not.toThrow();

    const stdout = capture();
    const stderr = capture();
    const io = { stdin: new PassThrough(), stdout: stdout.stream, stderr: stderr.stream, stderrIsTTY: false };
    const code = await runCli(["sync-pages", "--site", siteRef()], { io, loadConfig: () => loadConfig(env()) });
    expect(code).toBe(1);
    expect(stderr.text()).toMatch(/^hub sync-pages: hub sync-pages needs Graph app credentials/);
    expect(await runCli(["help"], { io })).toBe(0);
    expect(stdout.text()).toMatch(/sync-pages\s+Sync a SharePoint site's pages/);
  });
});
