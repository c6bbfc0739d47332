import { createSqliteHub, type SqliteHub } from "./sqlite-store";
import { SqliteFeedback } from "./sqlite-feedback";

const NOW = new Date("2025-07-01T08:30:00Z");

describe("SqliteFeedback", () => {
  let hub: SqliteHub;
  beforeEach(() => {
    hub = createSqliteHub(":memory:", { now: () => NOW });
  });
  afterEach(() => hub.close());

  it("has no column that could hold who gave the feedback", () => {
    const columns = hub.db.prepare<[], { name: string }>("PRAGMA table_info(search_feedback)").all().map((c) => c.name);
    expect(columns.sort()).toEqual(["at", "channel", "helpful", "page_id", "query", "seq"]);
    expect(columns.filter((c) => /upn|user|actor|name|email|oid|principal|ip/i.test(c))).toEqual([]);
  });

  it("records and lists feedback, newest first", async () => {
    await hub.guidance.ingest("test", [{ id: "hr/leave.md", content: "# Leave\n" }], { actor: "test" });
    await hub.guidance.recordFeedback({ query: "leave", pageId: "hr/leave.md", helpful: true, channel: "bot" });
    await hub.guidance.recordFeedback({ query: "parking", helpful: false, channel: "tab" });
    const list = await new SqliteFeedback(hub.db).list(10);
    expect(list).toEqual([
      { query: "parking", helpful: false, channel: "tab", at: NOW },
      { query: "leave", pageId: "hr/leave.md", helpful: true, channel: "bot", at: NOW },
    ]);
    expect(await new SqliteFeedback(hub.db).list(1)).toHaveLength(1);
  });

  it("refuses feedback on an unknown page and writes nothing", async () => {
    await expect(hub.guidance.recordFeedback({ query: "leave", pageId: "nope.md", helpful: true, channel: "bot" })).rejects.toMatchObject({ status: 404 });
    expect(await new SqliteFeedback(hub.db).list(10)).toEqual([]);
  });
});
