import { feedbackStoreOn } from "../core";
import { createSqliteHub } from "./sqlite-store";

describe("search feedback on the SQLite record store", () => {
  it("stores answers newest first, dated by the day, with no column that could hold who answered or when in the day", async () => {
    const hub = createSqliteHub(":memory:", { now: () => new Date("2026-11-26T10:00:00Z") });
    await hub.guidance.ingest("test", [{ id: "a.md", content: "# A\n\nannual leave" }], { actor: "test" });
    await hub.guidance.recordFeedback({ query: "leave", pageId: "a.md", helpful: true, channel: "bot" });
    await hub.guidance.recordFeedback({ query: "pay", helpful: false, channel: "tab" });

    const listed = await feedbackStoreOn(hub.records).list(10);
    expect(listed.map((f) => f.query)).toEqual(["pay", "leave"]);
    expect(listed[1]).toEqual({ query: "leave", pageId: "a.md", helpful: true, channel: "bot", at: new Date("2026-11-26T00:00:00Z") });
    expect((await feedbackStoreOn(hub.records).list(1)).map((f) => f.query)).toEqual(["pay"]);

    const columns = hub.db.prepare<[], { name: string }>("PRAGMA table_info(rec_search_feedback)").all().map((c) => c.name);
    expect(columns.sort()).toEqual(["at", "channel", "created_at", "helpful", "id", "pageId", "query", "updated_at", "version"]);
    const stamps = hub.db.prepare<[], { created_at: string; updated_at: string }>("SELECT created_at, updated_at FROM rec_search_feedback").all();
    expect(stamps.every((r) => r.created_at.startsWith("2026-11-26T00:00:00") && r.updated_at.startsWith("2026-11-26T00:00:00"))).toBe(true);
    await hub.close();
  });
});
