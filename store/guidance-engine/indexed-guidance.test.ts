import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseDocument, parseQuery } from "../../core";
import { createSqliteHub, type SqliteHub } from "../sqlite-store";
import { INDEX_LOAD_CHUNK, IndexedGuidance } from "./indexed-guidance";
import { SqliteGuidance } from "../sqlite-guidance";

const NOW = new Date("2025-06-01T12:00:00Z");
const doc = (id: string, body: string) => ({ id, content: `# ${id}\n\n${body}\n` });

describe("IndexedGuidance: the in-memory index follows SQLite", () => {
  let dir: string;
  const hubs: SqliteHub[] = [];
  const open = (): SqliteHub => {
    const hub = createSqliteHub(dir, { now: () => NOW });
    hubs.push(hub);
    return hub;
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "hub-indexed-"));
  });
  afterEach(async () => {
    for (const hub of hubs.splice(0)) await hub.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const ids = async (hub: SqliteHub, q: string) => (await hub.guidance.search(q)).results.map((r) => r.id);

  it("loads existing pages on the first search after start", async () => {
    const first = open();
    await first.guidance.ingest("t", [doc("a.md", "Zebra crossings")], { actor: "test" });
    await first.close();
    expect(await ids(open(), "zebra")).toEqual(["a.md"]);
  });

  it("sees pages ingested by another connection (another process) before the next search", async () => {
    const server = open();
    expect(await ids(server, "zebra")).toEqual([]);
    const cli = open();
    await cli.guidance.ingest("t", [doc("a.md", "Zebra crossings"), doc("b.md", "Pelican crossings")], { actor: "cli" });
    expect(await ids(server, "zebra")).toEqual(["a.md"]);

    await cli.guidance.ingest("t", [doc("a.md", "Puffin crossings")], { actor: "cli" });
    expect(await ids(server, "zebra")).toEqual([]);
    expect(await ids(server, "puffin")).toEqual(["a.md"]);
    expect(await ids(server, "pelican")).toEqual([]);
  });

  it("sees writes made through another store object on the same connection", async () => {
    const hub = open();
    expect(await ids(hub, "heron")).toEqual([]);
    await new SqliteGuidance(hub.db).apply({ upserts: [parseDocument(doc("h.md", "Heron lake"), "t", NOW)], removals: [] });
    expect(await ids(hub, "heron")).toEqual(["h.md"]);
  });

  it("passes the engine's no-answer verdict through the service", async () => {
    const hub = open();
    await hub.guidance.ingest("t", [doc("leave.md", "Book annual leave in the portal.")], { actor: "test" });
    expect((await hub.guidance.search("book annual leave")).noAnswer).toBe(false);
    expect((await hub.guidance.search("canteen menu")).noAnswer).toBe(true);
  });

  it("loads a large library in steps: other requests run between them, and changes made meanwhile are in the index", async () => {
    const writer = open();
    const pages = Array.from({ length: INDEX_LOAD_CHUNK * 2 + 7 }, (_, i) => doc(`p${i}.md`, `Page number ${i} about lighthouses`));
    await writer.guidance.ingest("t", [...pages, doc("gone.md", "Otters")], { actor: "test" });
    const host = open();
    const between: string[] = [];
    // Scheduled before the load starts: it must run while the load is still in progress, not after it.
    setImmediate(() => {
      between.push(host.guidanceIndex.loaded ? "after load" : "during load");
      // The connection is free for other requests between steps, and writes land in the change log.
      void host.guidance.getPage("p1.md").then((page) => between.push(page.title));
      void writer.guidance.ingest("late", [doc("late.md", "Kingfishers")], { actor: "test" });
      void new SqliteGuidance(writer.db).apply({ upserts: [], removals: ["gone.md"] });
    });
    await host.guidanceIndex.load();
    expect(between).toEqual(["during load", "p1.md"]);
    expect(host.guidanceIndex.engine.size).toBe(pages.length + 1);
    expect(await ids(host, "kingfishers")).toEqual(["late.md"]);
    expect(await ids(host, "otters")).toEqual([]);
  });

  it("gives other requests a turn within a read of pages once a slice of time is used up", async () => {
    const writer = open();
    const pages = Array.from({ length: 300 }, (_, i) => doc(`p${i}.md`, `Page number ${i} about lighthouses`));
    await writer.guidance.ingest("t", pages, { actor: "test" });
    // One read of pages (fewer than INDEX_LOAD_CHUNK), and a slice of 0 ms: a turn after every page.
    const index = new IndexedGuidance(new SqliteGuidance(writer.db), {}, undefined, 0);
    const seen: number[] = [];
    setImmediate(() => seen.push(index.engine.size));
    await index.load();
    expect(pages.length).toBeLessThan(INDEX_LOAD_CHUNK);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeGreaterThan(0);
    expect(seen[0]).toBeLessThan(pages.length);
  });

  it("keeps page text in SQLite, not in the index, and reads it back for the snippets shown", async () => {
    const hub = open();
    await hub.guidance.ingest("t", [doc("a.md", "Zebra crossings are marked in black and white stripes."), doc("b.md", "Pelican crossings")], { actor: "test" });
    const [hit] = (await hub.guidance.search("zebra stripes")).results;
    expect(hit).toMatchObject({ id: "a.md", snippet: expect.stringContaining("**Zebra**") });
    expect(hit!.snippet).toContain("**stripes**");
    expect(hub.guidanceIndex.engine.size).toBe(2);
    for (const slot of [0, 1]) expect(hub.guidanceIndex.engine.index.doc(slot)?.text).toBeUndefined();
    // Changed through another connection and not yet seen by the index (as while a snapshot is written): quoted
    // from the start of the stored text, as its word positions no longer fit.
    await new SqliteGuidance(hub.db).apply({ upserts: [parseDocument(doc("a.md", "Zebra stripes are now painted yellow."), "t", NOW)], removals: [] });
    const [stale] = hub.guidanceIndex.engine.answerNow(parseQuery("zebra stripes")).hits;
    expect(stale).toMatchObject({ id: "a.md", snippet: "a.md **Zebra** **stripes** are now painted yellow" });
  });

  it("applies a vocabulary change without re-indexing", async () => {
    const hub = open();
    await hub.guidance.ingest("t", [doc("oh.md", "Occupational health referrals.")], { actor: "test" });
    expect(await ids(hub, "wibble")).toEqual([]);
    hub.guidanceIndex.setVocabulary({ entries: [{ terms: ["wibble", "occupational health"] }] });
    expect(await ids(hub, "wibble")).toEqual(["oh.md"]);
    await expect(hub.guidanceIndex.answer(parseQuery("wibble"))).resolves.toMatchObject({ noAnswer: false });
  });

  it("keeps a vocabulary given before the first search (the engine is made only when needed)", async () => {
    const hub = open();
    hub.guidanceIndex.setVocabulary({ entries: [{ terms: ["wibble", "occupational health"] }] });
    await hub.guidance.ingest("t", [doc("oh.md", "Occupational health referrals.")], { actor: "test" });
    // Asked of the index itself: a search through the service would load the comms team's vocabulary over it.
    const answer = await hub.guidanceIndex.answer(parseQuery("wibble"));
    expect(answer.hits.map((hit) => hit.id)).toEqual(["oh.md"]);
  });

  it("tells real words from slips with the shipped English word list", async () => {
    const hub = open();
    await hub.guidance.ingest("t", [doc("storage.md", "Keep each team folder tidy."), doc("contractor.md", "A contractor signs the agreement.")], { actor: "test" });
    // "fodders" is a word (not in the word vectors, but in the list): not read as "folders" (its stem is one slip from "folder").
    expect(await ids(hub, "fodders")).toEqual([]);
    // "contracotrs" is no word: read as "contractors", whose stem the pages use.
    expect(await ids(hub, "contracotrs")).toEqual(["contractor.md"]);
  });
});
