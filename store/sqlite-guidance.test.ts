import { isAppError, parseDocument, type GuidancePage, type SourceDocument } from "../core";
import { createSqliteHub, type SqliteHub } from "./sqlite-store";
import { SqliteGuidance } from "./sqlite-guidance";

const NOW = new Date("2025-06-01T12:00:00Z");
const page = (id: string, content: string, origin = "test"): GuidancePage => parseDocument({ id, content }, origin, NOW);

const DOCS: SourceDocument[] = [
  { id: "hr/annual-leave.md", content: "---\ntitle: Annual leave\n---\n## Booking\n\nYou can claim annual leave through the HR portal. Carry over up to five days.\n" },
  { id: "hr/sickness.md", content: "# Sickness absence\n\nPhone your line manager before 10am on the first day.\n" },
  { id: "it/vpn.html", content: "<title>Remote access</title><main><p>Connect to the VPN with your smartcard.</p></main>" },
  { id: "cy/croeso.md", content: "# Croeso i'r Cyngor\n\nGŵyl y banc: café and crèche opening times.\n" },
];

describe("SqliteGuidance on :memory:", () => {
  let hub: SqliteHub;
  let store: SqliteGuidance;

  beforeEach(async () => {
    hub = createSqliteHub(":memory:", { now: () => NOW });
    store = new SqliteGuidance(hub.db);
    await hub.guidance.ingest("test", DOCS, { actor: "test" });
  });
  afterEach(() => hub.close());

  const ids = async (query: string): Promise<string[]> => (await hub.guidance.search(query)).results.map((r) => r.id);

  it("finds a page by a title word and by a body word", async () => {
    expect(await ids("sickness")).toContain("hr/sickness.md");
    expect(await ids("smartcard")).toEqual(["it/vpn.html"]);
  });

  it("ranks a title match above a body-only match", async () => {
    await store.apply({ upserts: [page("x/mentions.md", "# Other things\n\nSome words about remote access and more.\n")], removals: [] });
    const results = await ids("remote");
    expect(results[0]).toBe("it/vpn.html");
    expect(results).toContain("x/mentions.md");
  });

  it("stems words: 'claiming' finds 'claim'", async () => {
    expect(await ids("claiming")).toEqual(["hr/annual-leave.md"]);
    expect(await ids("phoned")).toEqual(["hr/sickness.md"]);
  });

  it("marks the matched terms in the snippet with **", async () => {
    const [hit] = (await hub.guidance.search("portal")).results;
    expect(hit?.snippet).toContain("**portal**");
    expect(hit?.score).toEqual(expect.any(Number));
  });

  it.each([
    "NOT",
    "AND",
    "OR",
    "near",
    "NEAR(annual leave)",
    '"annual leave',
    '"unbalanced',
    "(leave",
    "leave)",
    "leave*",
    "*",
    "-leave",
    "leave -sickness",
    "title:leave",
    "body_text:leave",
    "^leave",
    "{title headings}: leave",
    "leave + days",
    "don't",
    "a AND NOT b OR c",
  ])("never throws on FTS5 syntax in the query: %j", async (query) => {
    // Either results, or a 400 for a query with no words ("*"); never an SQLite syntax error.
    const outcome = await hub.guidance.search(query).then(
      () => "ok",
      (error: unknown) => (isAppError(error) && error.status === 400 ? "refused" : error),
    );
    expect(["ok", "refused"]).toContain(outcome);
  });

  it("treats operator words as plain words", async () => {
    await store.apply({ upserts: [page("x/near.md", "# Parking\n\nSpaces near the main entrance are not reserved.\n")], removals: [] });
    expect(await ids("near")).toEqual(["x/near.md"]);
    expect(await ids("NOT")).toEqual(["x/near.md"]);
  });

  it("re-indexes an updated page: the old word is no longer found", async () => {
    expect(await ids("smartcard")).toEqual(["it/vpn.html"]);
    await store.apply({ upserts: [page("it/vpn.html", "<title>Remote access</title><main><p>Connect with the authenticator app.</p></main>")], removals: [] });
    expect(await ids("smartcard")).toEqual([]);
    expect(await ids("authenticator")).toEqual(["it/vpn.html"]);
    expect(await store.count()).toBe(DOCS.length);
  });

  it("drops a removed page from the index", async () => {
    await store.apply({ upserts: [], removals: ["hr/sickness.md"] });
    expect(await ids("sickness")).toEqual([]);
    expect(await store.get("hr/sickness.md")).toBeUndefined();
    expect(await store.count()).toBe(DOCS.length - 1);
  });

  it("round-trips unicode (Welsh, accents) and finds it with or without diacritics", async () => {
    const stored = await store.get("cy/croeso.md");
    expect(stored?.title).toBe("Croeso i'r Cyngor");
    expect(stored?.text).toContain("Gŵyl y banc");
    expect(stored?.text).toContain("café and crèche");
    expect(await ids("croeso")).toEqual(["cy/croeso.md"]);
    expect(await ids("gwyl")).toEqual(["cy/croeso.md"]);
    expect(await ids("cafe")).toEqual(["cy/croeso.md"]);
    expect(await ids("crèche")).toEqual(["cy/croeso.md"]);
  });

  it("round-trips every field of a page", async () => {
    const original = page("hr/full.md", "---\ntitle: Full\nurl: https://intranet.example/full\nkeywords: [pay, pay day]\ndescription: All of it.\n---\n## One\n\n## Two\n\nBody.\n");
    expect(original.keywords).toEqual(["pay", "pay day"]);
    await store.apply({ upserts: [original], removals: [] });
    expect(await store.get("hr/full.md")).toEqual(original);
  });

  it("keeps a Markdown page's Markdown and an HTML page's sanitised HTML, and renders either for reading", async () => {
    expect((await store.get("hr/sickness.md"))?.body).toEqual({ markdown: "# Sickness absence\n\nPhone your line manager before 10am on the first day.\n" });
    expect((await store.get("it/vpn.html"))?.body).toEqual({ html: "<p>Connect to the VPN with your smartcard.</p>" });
    const view = await hub.guidance.readPage("hr/sickness.md");
    expect(view.html).toContain("<p>Phone your line manager before 10am on the first day.</p>");
  });

  it("reads a page stored before Markdown was kept (migration 6) as the HTML it was rendered to then", async () => {
    hub.db
      .prepare("UPDATE guidance_page SET body_markdown = NULL, body_html = ? WHERE id = ?")
      .run("<h1>Sickness absence</h1><p>Rendered at ingest by an earlier release.</p>", "hr/sickness.md");
    expect((await hub.guidance.readPage("hr/sickness.md")).html).toBe("<h1>Sickness absence</h1><p>Rendered at ingest by an earlier release.</p>");
  });

  it("returns fingerprints per origin", async () => {
    await store.apply({ upserts: [page("other/a.md", "# A\n", "other")], removals: [] });
    const fingerprints = await store.fingerprints("other");
    expect([...fingerprints.keys()]).toEqual(["other/a.md"]);
    expect((await store.fingerprints("test")).size).toBe(DOCS.length);
  });

  it("applies a batch atomically: one bad page leaves nothing of the batch written", async () => {
    const good = page("x/good.md", "# Good\n\nZanzibar is the word.\n");
    // A page that breaks a NOT NULL constraint, as a bug upstream might produce.
    const bad = { ...page("x/bad.md", "# Bad\n"), title: null as unknown as string };
    // Matched by code, not toThrow: better-sqlite3 keeps the SqliteError class of the first jest sandbox that loaded
    // the addon, so in a shared worker its errors are not `instanceof Error` here and toThrow would not see them.
    await expect(store.apply({ upserts: [good, bad], removals: ["hr/sickness.md"] })).rejects.toMatchObject({ code: "SQLITE_CONSTRAINT_NOTNULL" });
    expect(await store.get("x/good.md")).toBeUndefined();
    expect(await store.get("hr/sickness.md")).toBeDefined();
    expect(await ids("zanzibar")).toEqual([]);
    expect(await store.count()).toBe(DOCS.length);
  });

  it("keeps the search index consistent after many updates, and the change log one row per page", async () => {
    for (let i = 0; i < 5; i++) await store.apply({ upserts: [page("hr/sickness.md", `# Sickness absence\n\nVersion ${i} wordv${i}.\n`)], removals: [] });
    expect(await ids("wordv4")).toEqual(["hr/sickness.md"]);
    expect(await ids("wordv3")).toEqual([]);
    expect(hub.db.prepare("SELECT count(*) AS n FROM guidance_change WHERE page_id = 'hr/sickness.md'").get()).toEqual({ n: 1 });
    expect(store.changesSince(0).map((c) => c.id)).toContain("hr/sickness.md");
  });

  it("keeps no full-text index or triggers of its own: a page write is its row and its change-log entry", () => {
    const names = hub.db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger') ORDER BY name").all().map((r) => r.name);
    expect(names.filter((n) => n.startsWith("guidance_"))).toEqual(["guidance_change", "guidance_change_ad", "guidance_change_ai", "guidance_change_au", "guidance_page"]);
  });
});
