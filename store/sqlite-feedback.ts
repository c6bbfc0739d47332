import type { FeedbackStore, SearchFeedback } from "../core";
import type { SqliteDb } from "./sqlite-database";

/** Search feedback in SQLite. The table has no column for who gave it, by design. */
export class SqliteFeedback implements FeedbackStore {
  constructor(private readonly db: SqliteDb) {}

  async record(feedback: SearchFeedback): Promise<void> {
    this.db
      .prepare("INSERT INTO search_feedback (query, page_id, helpful, channel, at) VALUES (?, ?, ?, ?, ?)")
      .run(feedback.query, feedback.pageId ?? null, feedback.helpful ? 1 : 0, feedback.channel, feedback.at.toISOString());
  }

  async list(limit: number): Promise<SearchFeedback[]> {
    const rows = this.db
      .prepare<[number], { query: string; page_id: string | null; helpful: number; channel: SearchFeedback["channel"]; at: string }>(
        "SELECT query, page_id, helpful, channel, at FROM search_feedback ORDER BY seq DESC LIMIT ?",
      )
      .all(limit);
    return rows.map((r) => ({ query: r.query, ...(r.page_id ? { pageId: r.page_id } : {}), helpful: r.helpful === 1, channel: r.channel, at: new Date(r.at) }));
  }
}
