import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CouncilSearchEngine, parseDocument, snapshotContentHashes, type SearchResponse } from "../../core";
import { createSqliteHub, INDEX_SNAPSHOT_FILE, type SqliteHub } from "../sqlite-store";
import { SqliteGuidance } from "../sqlite-guidance";
import { readSnapshotFile, writeSnapshotFile } from "./index-snapshot-file";
import { IndexedGuidance } from "./indexed-guidance";
import { indexSnapshotKey } from "./snapshot-key";

// The search index kept between runs, as hosts use it: hubs opened and closed on one DATA_DIR in turn, pages changed
// by other processes in between (a `hub ingest` with snapshots off), and files damaged on disk.

const NOW = new Date("2025-06-01T12:00:00Z");
const doc = (id: string, body: string) => ({ id, content: `# ${id.replace(/\.md$/, "").replace(/-/g, " ")}\n\n${body}\n` });
const LIBRARY = [
  doc("annual-leave.md", "Book annual leave in the HR portal two weeks ahead. Carry over up to five days."),
  doc("lone-working.md", "Lone working: check in with your manager, carry the lone worker device, record visits."),
  doc("laptop-charger.md", "A broken laptop charger is replaced by the IT service desk: raise a ticket."),
  doc("mileage.md", "Claim mileage for business journeys in the expenses system within three months."),
  doc("fire-safety.md", "Fire safety training is every year; fire marshals sweep each floor."),
];
const QUESTIONS = ["annual leave", "laptop charger broke", "lone working policy", "claim mileage", "fire marshal", "canteen menu"];

describe("search index snapshots between runs", () => {
  let dir: string;
  const hubs: SqliteHub[] = [];
  const errors: Array<[unknown, string]> = [];
  const open = (snapshots = true): SqliteHub => {
    const hub = createSqliteHub(dir, { now: () => NOW }, { onError: (error, what) => errors.push([error, what]), indexSnapshot: snapshots });
    hubs.push(hub);
    return hub;
  };
  const close = async (hub: SqliteHub): Promise<void> => {
    hubs.splice(hubs.indexOf(hub), 1);
    await hub.close();
  };
  const snapshotFile = () => join(dir, INDEX_SNAPSHOT_FILE);
  /** Every question's answer, as a person would see it (timings aside). */
  const answers = async (hub: SqliteHub) => {
    const all: Array<Omit<SearchResponse, "tookMs">> = [];
    for (const q of QUESTIONS) {
      const { tookMs: _tookMs, ...rest } = await hub.guidance.search(q);
      all.push(rest);
    }
    return all;
  };
  /** What a hub that analyses every page (no snapshot) answers on this DATA_DIR now. */
  const fromPages = async () => {
    const hub = open(false);
    try {
      return await answers(hub);
    } finally {
      await close(hub);
    }
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "hub-snapshot-"));
    errors.length = 0;
  });
  afterEach(async () => {
    for (const hub of hubs.splice(0)) await hub.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A first run: ingest the library, search (building the index from the pages), stop. */
  async function firstRun(): Promise<void> {
    const hub = open();
    await hub.guidance.ingest("t", LIBRARY, { actor: "test" });
    await hub.guidance.search("annual leave");
    expect(hub.guidanceIndex.lastLoad).toMatchObject({ from: "pages", pages: LIBRARY.length, analysed: LIBRARY.length });
    await close(hub);
  }

  it("builds the index from the pages on the first start and restores it on the next, answering alike", async () => {
    await firstRun();
    expect(existsSync(snapshotFile())).toBe(true);

    const next = open();
    const restored = await answers(next);
    expect(next.guidanceIndex.lastLoad).toMatchObject({ from: "snapshot", pages: LIBRARY.length, analysed: 0 });
    expect(restored).toEqual(await fromPages());
    expect(restored[0]!.results[0]!.id).toBe("annual-leave.md");
    expect(restored[1]!.results[0]!.snippet).toContain("**charger**");
    expect(errors).toEqual([]);
  });

  it("brings a restored index up to date with pages changed, added and removed while no host ran", async () => {
    await firstRun();
    // `hub ingest` in between, snapshots off: one page changed, one gone, one new.
    const cli = open(false);
    const changed = [doc("annual-leave.md", "Annual leave is booked in the new MyHR app."), ...LIBRARY.slice(1, 4), doc("parking.md", "Parking permits for staff at the civic centre.")];
    await cli.guidance.ingest("t", changed, { actor: "cli" });
    await close(cli);

    const next = open();
    const restored = await answers(next);
    expect(next.guidanceIndex.lastLoad).toMatchObject({ from: "snapshot", pages: 5, analysed: 2 });
    expect(restored).toEqual(await fromPages());
    expect((await next.guidance.search("fire marshal")).results.map((r) => r.id)).not.toContain("fire-safety.md");
    expect((await next.guidance.search("parking permit")).results[0]!.id).toBe("parking.md");
    expect((await next.guidance.search("MyHR app")).results[0]!.snippet).toContain("**MyHR**");
  });

  it("rebuilds from the pages, and replaces the file, when the snapshot is damaged, cut short or from other code", async () => {
    await firstRun();
    const good = readFileSync(snapshotFile());
    const flipped = Buffer.from(good);
    flipped[flipped.length - 100]! ^= 0xff;
    const engine = new CouncilSearchEngine();
    engine.upsert(parseDocument(LIBRARY[0]!, "t", NOW));
    const cases: Array<[string, () => Promise<void> | void, RegExp]> = [
      ["damaged", () => writeFileSync(snapshotFile(), flipped), /damaged/],
      ["cut short", () => writeFileSync(snapshotFile(), good.subarray(0, good.length - 500)), /unreadable|damaged/],
      ["not a snapshot", () => writeFileSync(snapshotFile(), "hello"), /unreadable|not a snapshot/],
      ["other code", () => writeSnapshotFile(snapshotFile(), "another key", engine.index.snapshotParts()), /another version/],
    ];
    for (const [what, damage, reason] of cases) {
      await damage();
      const hub = open();
      const got = await answers(hub);
      expect({ what, load: hub.guidanceIndex.lastLoad }).toMatchObject({ what, load: { from: "pages", analysed: 5, snapshotUnusable: expect.stringMatching(reason) } });
      expect(got).toEqual(await fromPages());
      await close(hub);
      // The rebuilt index was written back: a good snapshot again.
      expect("parts" in (await readSnapshotFile(snapshotFile(), indexSnapshotKey()))).toBe(true);
    }
    expect(errors).toEqual([]);
  });

  it("holds the index still while it writes: a page ingested meanwhile is found straight after", async () => {
    await firstRun();
    const hub = open();
    await hub.guidance.search("annual leave");
    await hub.guidance.ingest("u", [doc("wellbeing.md", "Wellbeing support and counselling.")], { actor: "test" });
    const writing = hub.guidanceIndex.saveSnapshot();
    await hub.guidance.ingest("v", [doc("payslips.md", "Payslips are in the MyHR app.")], { actor: "test" });
    await writing;
    // What was written is the index as it was when writing began.
    const written = await readSnapshotFile(snapshotFile(), indexSnapshotKey());
    const pages = "parts" in written ? [...snapshotContentHashes(written.parts).keys()] : [];
    expect(pages).toContain("wellbeing.md");
    expect(pages).not.toContain("payslips.md");
    expect((await hub.guidance.search("payslips")).results[0]!.id).toBe("payslips.md");
    // One page behind is not worth rewriting the file at stop: the next start analyses it again.
    await close(hub);
    const next = open();
    expect((await next.guidance.search("payslips")).results[0]!.id).toBe("payslips.md");
    expect((await next.guidance.search("counselling")).results[0]!.id).toBe("wellbeing.md");
    expect(next.guidanceIndex.lastLoad).toMatchObject({ from: "snapshot", pages: 7, analysed: 1 });
  });

  it("rewrites the snapshot at stop only once the index is enough pages ahead of it", async () => {
    await firstRun();
    const db = open(false).db;
    const index = (rewriteAfterPages: number) => new IndexedGuidance(new SqliteGuidance(db), {}, { file: snapshotFile(), onError: (error, what) => errors.push([error, what]), rewriteAfterPages });
    const page = (n: number) => parseDocument(doc(`extra-${n}.md`, `Extra page ${n} about allotments.`), "t", NOW);
    const onDisk = () => readFileSync(snapshotFile());

    const before = onDisk();
    const host = index(3);
    await host.load();
    await host.apply({ upserts: [page(1), page(2)], removals: [] });
    await host.close();
    expect(onDisk().equals(before)).toBe(true); // 2 pages ahead, threshold 3: left as it was

    const again = index(3);
    await again.load();
    expect(again.lastLoad).toMatchObject({ from: "snapshot", analysed: 2 }); // still 2 behind after the restore
    await again.apply({ upserts: [page(3)], removals: [] });
    await again.close();
    expect(onDisk().equals(before)).toBe(false); // 3 ahead: rewritten

    const last = index(3);
    await last.load();
    expect(last.lastLoad).toMatchObject({ from: "snapshot", pages: 8, analysed: 0 });
    expect(errors).toEqual([]);
  });

  it("counts pages deleted since the snapshot as pages it is behind by", async () => {
    await firstRun();
    const cli = open(false);
    await cli.guidance.ingest("t", LIBRARY.slice(0, 3), { actor: "cli" }); // 2 of 5 gone: restored, 2 behind
    await close(cli);
    const before = readFileSync(snapshotFile());
    const host = new IndexedGuidance(new SqliteGuidance(open(false).db), {}, { file: snapshotFile(), onError: (error, what) => errors.push([error, what]), rewriteAfterPages: 2 });
    await host.load();
    expect(host.lastLoad).toMatchObject({ from: "snapshot", pages: 3, analysed: 0 });
    await host.close(); // waits for the rewrite the restore started: 2 behind reaches the threshold
    expect(readFileSync(snapshotFile()).equals(before)).toBe(false);
    const written = await readSnapshotFile(snapshotFile(), indexSnapshotKey());
    expect("parts" in written && snapshotContentHashes(written.parts).size).toBe(3);
  });

  it("refuses to write a part the reader would refuse, leaving no temporary file", async () => {
    const engine = new CouncilSearchEngine();
    for (const d of LIBRARY) engine.upsert(parseDocument(d, "t", NOW));
    await expect(writeSnapshotFile(snapshotFile(), "key", engine.index.snapshotParts(), 100)).rejects.toThrow(/over the 100-byte limit/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("builds afresh rather than restore a snapshot most of whose pages changed since", async () => {
    await firstRun();
    const cli = open(false);
    await cli.guidance.ingest("t", [...LIBRARY.slice(0, 2), ...LIBRARY.slice(2).map((d) => ({ ...d, content: `${d.content}\nRevised.\n` }))], { actor: "cli" });
    await close(cli);
    const next = open();
    expect(await answers(next)).toEqual(await fromPages());
    expect(next.guidanceIndex.lastLoad).toMatchObject({ from: "pages", snapshotUnusable: "mostly out of date (3 of 5 pages new, changed or gone since)" });
    // Pages deleted count as much as pages changed.
    await close(next);
    const cli2 = open(false);
    await cli2.guidance.ingest("t", LIBRARY.slice(0, 2), { actor: "cli" });
    await close(cli2);
    const after = open();
    expect(await answers(after)).toEqual(await fromPages());
    expect(after.guidanceIndex.lastLoad).toMatchObject({ from: "pages", snapshotUnusable: "mostly out of date (3 of 5 pages new, changed or gone since)" });
  });

  it("removes temporary files left by writers killed mid-write, but not one another host may be writing", async () => {
    await firstRun();
    const old = `${snapshotFile()}.4242-0a0b0c.tmp`;
    const fresh = `${snapshotFile()}.4343-0d0e0f.tmp`;
    writeFileSync(old, "half a snapshot");
    writeFileSync(fresh, "a snapshot being written");
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    utimesSync(old, twoHoursAgo, twoHoursAgo);
    await open().guidance.search("annual leave");
    expect(existsSync(old)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
  });

  it("reports a snapshot it cannot write, leaves no temporary file, and keeps searching", async () => {
    mkdirSync(snapshotFile()); // the write's last step, the rename into place, fails
    const hub = open();
    await hub.guidance.ingest("t", LIBRARY, { actor: "test" });
    expect((await hub.guidance.search("annual leave")).results[0]!.id).toBe("annual-leave.md");
    expect(hub.guidanceIndex.lastLoad).toMatchObject({ from: "pages", snapshotUnusable: expect.stringMatching(/unreadable/) });
    await hub.guidanceIndex.saveSnapshot();
    expect(errors.map(([, what]) => what)).toContain("writing the search index snapshot");
    expect(readdirSync(dir).filter((name) => name.endsWith(".tmp"))).toEqual([]);
    expect((await hub.guidance.search("lone working")).results[0]!.id).toBe("lone-working.md");
  });

  it("writes nothing with snapshots off, nor before the index is loaded", async () => {
    const off = open(false);
    await off.guidance.ingest("t", LIBRARY, { actor: "test" });
    await off.guidance.search("annual leave");
    await close(off);
    const ingestOnly = open();
    await ingestOnly.guidance.ingest("t", LIBRARY.slice(0, 2), { actor: "test" });
    await close(ingestOnly);
    expect(existsSync(snapshotFile())).toBe(false);
  });
});
