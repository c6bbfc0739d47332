import { createSqliteHub, type SqliteHub } from "./sqlite-store";

describe("SqliteAuditLog", () => {
  let hub: SqliteHub;
  beforeEach(() => {
    hub = createSqliteHub(":memory:");
  });
  afterEach(() => hub.close());

  it("returns events newest first, with their detail", async () => {
    await hub.audit.record({ actor: "a@council.example", action: "one.done", target: "thing:1", at: new Date("2025-01-01T00:00:00Z") });
    await hub.audit.record({ actor: "system", action: "two.done", target: "thing:2", at: new Date("2025-01-02T00:00:00Z"), detail: { count: 3, ok: true, note: "x" } });
    const recent = await hub.audit.recent(10);
    expect(recent.map((e) => e.action)).toEqual(["two.done", "one.done"]);
    expect(recent[0]).toEqual({ actor: "system", action: "two.done", target: "thing:2", at: new Date("2025-01-02T00:00:00Z"), detail: { count: 3, ok: true, note: "x" } });
    expect(recent[1]).not.toHaveProperty("detail");
    expect(await hub.audit.recent(1)).toHaveLength(1);
  });

  it("records an ingest run", async () => {
    await hub.guidance.ingest("folder", [{ id: "a.md", content: "# A\n" }], { actor: "cli" });
    const [event] = await hub.audit.recent(1);
    expect(event).toMatchObject({ actor: "cli", action: "guidance.ingested", target: "origin:folder", detail: { added: 1, failed: 0 } });
  });
});
