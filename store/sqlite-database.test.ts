import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MIGRATIONS } from "./migrations";
import { openDatabase } from "./sqlite-database";
import { createSqliteHub, DATABASE_FILE } from "./sqlite-store";

describe("openDatabase and migrations", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "hub-db-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("creates the file (and its folder) and applies every migration once", () => {
    const file = join(dir, "nested", "hub.sqlite");
    const db = openDatabase(file);
    expect(db.pragma("user_version", { simple: true })).toBe(MIGRATIONS.length);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    db.close();
  });

  it("is idempotent on reopen: no error, same version, data kept", async () => {
    const first = createSqliteHub(dir);
    await first.guidance.ingest("test", [{ id: "a.md", content: "# Kept page\n\nPersistent words.\n" }], { actor: "test" });
    await first.close();

    for (let i = 0; i < 2; i++) {
      const again = createSqliteHub(dir);
      expect(again.db.pragma("user_version", { simple: true })).toBe(MIGRATIONS.length);
      expect(await again.guidance.pageCount()).toBe(1);
      expect((await again.guidance.search("persistent")).results.map((r) => r.id)).toEqual(["a.md"]);
      await again.close();
    }
    expect(openDatabase(join(dir, DATABASE_FILE)).pragma("user_version", { simple: true })).toBe(MIGRATIONS.length);
  });

  it("closing twice is harmless", async () => {
    const hub = createSqliteHub(dir);
    await hub.close();
    await expect(hub.close()).resolves.toBeUndefined();
  });

  it("reports healthy while open", async () => {
    const hub = createSqliteHub(":memory:");
    await expect(Promise.all(hub.health.map((h) => h.check()))).resolves.toBeDefined();
    await hub.close();
  });
});
