import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseDocument } from "../core";
import { MIGRATIONS } from "./migrations";
import { openDatabase } from "./sqlite-database";
import { SqliteGuidance } from "./sqlite-guidance";
import { createSqliteHub, DATABASE_FILE } from "./sqlite-store";

/** The change log as releases before migration 5 created it on open (trimmed to what the upgrade must keep working). */
const OLD_CHANGE_LOG = `
  CREATE TABLE IF NOT EXISTS guidance_change (page_id TEXT PRIMARY KEY, seq INTEGER NOT NULL);
  CREATE INDEX IF NOT EXISTS guidance_change_seq ON guidance_change(seq);
  CREATE TRIGGER IF NOT EXISTS guidance_change_ai AFTER INSERT ON guidance_page BEGIN
    INSERT INTO guidance_change(page_id, seq) VALUES (new.id, (SELECT coalesce(max(seq), 0) + 1 FROM guidance_change))
      ON CONFLICT(page_id) DO UPDATE SET seq = excluded.seq;
  END;
`;

describe("migrations: upgrading a database made by an earlier release", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "hub-migrate-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A schema-3 database with a page (indexed by the old FTS triggers), its change-log entry and old feedback rows. */
  function oldDatabase(): string {
    const file = join(dir, DATABASE_FILE);
    const db = new Database(file);
    for (const sql of MIGRATIONS.slice(0, 3)) db.exec(sql);
    db.pragma("user_version = 3");
    db.exec(OLD_CHANGE_LOG);
    db.prepare(
      `INSERT INTO guidance_page (id, title, headings, body_text, body_html, origin, url, content_hash, updated_at)
       VALUES ('hr/leave.md', 'Annual leave', 'Booking', 'Book your holiday in the portal.', '<p>Book</p>', 'sample', NULL, 'h1', '2025-01-01T00:00:00.000Z')`,
    ).run();
    db.prepare("INSERT INTO search_feedback (query, page_id, helpful, channel, at) VALUES ('leave', 'hr/leave.md', 1, 'bot', '2025-01-01')").run();
    db.close();
    return file;
  }

  it("applies every later migration once, keeping pages and the change log", () => {
    const db = openDatabase(oldDatabase());
    try {
      expect(db.pragma("user_version", { simple: true })).toBe(MIGRATIONS.length);
      const store = new SqliteGuidance(db);
      expect(store.getNow("hr/leave.md")).toMatchObject({ id: "hr/leave.md", title: "Annual leave", headings: ["Booking"], text: "Book your holiday in the portal." });
      expect(store.getNow("hr/leave.md")).not.toHaveProperty("keywords");
      expect(store.changeSeq()).toBe(1);

      const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master").all().map((r) => r.name);
      expect(tables).not.toContain("guidance_fts");
      expect(tables).not.toContain("search_feedback");
      expect(tables).not.toContain("guidance_page_ai");
      expect(tables).toEqual(expect.arrayContaining(["guidance_change", "guidance_change_ai", "guidance_change_au", "guidance_change_ad"]));
    } finally {
      db.close();
    }
  });

  it("keeps the change log working after the upgrade: new writes get later sequence numbers", async () => {
    const db = openDatabase(oldDatabase());
    try {
      const store = new SqliteGuidance(db);
      const page = parseDocument({ id: "hr/new.md", content: "---\nkeywords: [pay]\n---\n# New\n\nText.\n" }, "sample", new Date("2025-02-01T00:00:00Z"));
      await store.apply({ upserts: [page], removals: ["hr/leave.md"] });
      expect(store.changesSince(1).map((c) => [c.id, c.contentHash])).toEqual([
        ["hr/new.md", page.contentHash],
        ["hr/leave.md", null],
      ]);
      expect(store.getNow("hr/new.md")).toEqual(page);
    } finally {
      db.close();
    }
  });

  it("serves the old pages through search after the upgrade", async () => {
    oldDatabase();
    const hub = createSqliteHub(dir);
    try {
      expect((await hub.guidance.search("holiday portal")).results.map((r) => r.id)).toEqual(["hr/leave.md"]);
    } finally {
      await hub.close();
    }
  });
});
