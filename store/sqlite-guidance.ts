import type { GuidancePage, GuidancePages, IndexablePage, PageChanges, PageText } from "../core";
import type { SqliteDb } from "./sqlite-database";

interface PageRow {
  id: string;
  title: string;
  headings: string;
  body_text: string;
  /** Sanitised HTML of an HTML page; '' for a Markdown page. */
  body_html: string;
  /** The Markdown of a Markdown page (rendered when read); null for an HTML page. */
  body_markdown: string | null;
  origin: string;
  url: string | null;
  /** One keyword a line ("" for none). */
  keywords: string;
  description: string | null;
  content_hash: string;
  updated_at: string;
}

/** The columns the search index reads. */
type IndexRow = Omit<PageRow, "body_html" | "body_markdown" | "origin" | "updated_at">;

/**
 * One entry of the page change log: the page's latest change, and its hash now (null once removed).
 *
 * The change log (table guidance_change, migration 5) holds one row per page id with the sequence number of its
 * latest insert, update or delete, written by triggers in the same transaction as the change. An in-memory index
 * (store/guidance-engine) checks the highest sequence number before each search (one index lookup) and reloads only
 * the pages changed since, so a `hub ingest` in another process shows up in a running server's searches.
 */
export interface PageChange {
  readonly id: string;
  readonly seq: number;
  readonly contentHash: string | null;
}

/**
 * Looks pages up by their original link (link unfurling), case-insensitively as SharePoint treats URLs. Created
 * idempotently on open, so it needs no migration number.
 */
const URL_LOOKUP_SCHEMA = "CREATE INDEX IF NOT EXISTS guidance_page_url ON guidance_page(url COLLATE NOCASE);";

/**
 * Guidance pages in SQLite: the page store. Search is core's in-memory engine over these pages
 * (store/guidance-engine); SQLite keeps no full-text index of its own, so writing a page is one row and its
 * change-log entry.
 */
export class SqliteGuidance implements GuidancePages {
  private readonly statements;

  constructor(private readonly db: SqliteDb) {
    db.exec(URL_LOOKUP_SCHEMA);
    this.statements = {
      get: db.prepare<[string], PageRow>("SELECT * FROM guidance_page WHERE id = ?"),
      byUrl: db.prepare<[string], PageRow>("SELECT * FROM guidance_page WHERE url = ? COLLATE NOCASE ORDER BY rowid LIMIT 1"),
      fingerprints: db.prepare<[string], { id: string; content_hash: string }>("SELECT id, content_hash FROM guidance_page WHERE origin = ?"),
      upsert: db.prepare(`
        INSERT INTO guidance_page (id, title, headings, body_text, body_html, body_markdown, origin, url, keywords, description, content_hash, updated_at)
        VALUES (@id, @title, @headings, @body_text, @body_html, @body_markdown, @origin, @url, @keywords, @description, @content_hash, @updated_at)
        ON CONFLICT(id) DO UPDATE SET title = excluded.title, headings = excluded.headings, body_text = excluded.body_text,
          body_html = excluded.body_html, body_markdown = excluded.body_markdown, origin = excluded.origin, url = excluded.url, keywords = excluded.keywords,
          description = excluded.description, content_hash = excluded.content_hash, updated_at = excluded.updated_at`),
      remove: db.prepare<[string]>("DELETE FROM guidance_page WHERE id = ?"),
      count: db.prepare<[], { n: number }>("SELECT count(*) AS n FROM guidance_page"),
      // What the search index reads: not the body (Markdown or HTML, as long again as the text) nor origin and date.
      after: db.prepare<[number, number], IndexRow & { rowid: number }>(
        "SELECT rowid, id, title, headings, body_text, url, keywords, description, content_hash FROM guidance_page WHERE rowid > ? ORDER BY rowid LIMIT ?",
      ),
      text: db.prepare<[string], { text: string; content_hash: string }>("SELECT body_text AS text, content_hash FROM guidance_page WHERE id = ?"),
      // substr counts characters (code points): the first N are at least N UTF-16 code units, as the index counts.
      textPrefix: db.prepare<[number, string], { text: string; content_hash: string }>("SELECT substr(body_text, 1, ?) AS text, content_hash FROM guidance_page WHERE id = ?"),
      hashesAfter: db.prepare<[number, number], { rowid: number; id: string; content_hash: string }>(
        "SELECT rowid, id, content_hash FROM guidance_page WHERE rowid > ? ORDER BY rowid LIMIT ?",
      ),
      changeSeq: db.prepare<[], { seq: number }>("SELECT coalesce(max(seq), 0) AS seq FROM guidance_change"),
      changesSince: db.prepare<[number], { id: string; seq: number; content_hash: string | null }>(`
        SELECT c.page_id AS id, c.seq, p.content_hash FROM guidance_change c LEFT JOIN guidance_page p ON p.id = c.page_id
        WHERE c.seq > ? ORDER BY c.seq`),
    };
  }

  async get(id: string): Promise<GuidancePage | undefined> {
    const row = this.statements.get.get(id);
    return row ? toPage(row) : undefined;
  }

  async findByUrl(url: string): Promise<GuidancePage | undefined> {
    const row = this.statements.byUrl.get(url);
    return row ? toPage(row) : undefined;
  }

  async fingerprints(origin: string): Promise<Map<string, string>> {
    return new Map(this.statements.fingerprints.all(origin).map((r) => [r.id, r.content_hash]));
  }

  async apply(changes: PageChanges): Promise<void> {
    this.db.transaction(() => {
      for (const page of changes.upserts) this.statements.upsert.run(toRow(page));
      for (const id of changes.removals) this.statements.remove.run(id);
    })();
  }

  async count(): Promise<number> {
    return this.statements.count.get()?.n ?? 0;
  }

  /**
   * Up to `limit` pages stored after row `afterRow`, in storage order, and the row to continue from. Read in chunks,
   * so no statement stays open between them: the connection is free for other requests while an index loads.
   */
  pagesAfter(afterRow: number, limit: number): { pages: IndexablePage[]; lastRow: number } {
    const rows = this.statements.after.all(afterRow, limit);
    return { pages: rows.map(toIndexable), lastRow: lastRowOf(rows, afterRow) };
  }

  /** As pagesAfter, ids and content hashes only (what a restored index checks against). */
  hashesAfter(afterRow: number, limit: number): { pages: Array<{ id: string; contentHash: string }>; lastRow: number } {
    const rows = this.statements.hashesAfter.all(afterRow, limit);
    return { pages: rows.map((r) => ({ id: r.id, contentHash: r.content_hash })), lastRow: lastRowOf(rows, afterRow) };
  }

  /** A page by id, synchronously (the index loader reads changed pages one by one). */
  getNow(id: string): GuidancePage | undefined {
    const row = this.statements.get.get(id);
    return row ? toPage(row) : undefined;
  }

  /**
   * A page's text, synchronously, at least its first `upTo` characters (UTF-16 code units; all of it when undefined),
   * and whether it is still the version with `contentHash`. The search index reads the text of the pages it shows
   * from here rather than keep every page's text in memory, and only as far as the snippet's passage.
   */
  textNow(id: string, contentHash: string, upTo?: number): PageText | undefined {
    const row = upTo === undefined ? this.statements.text.get(id) : this.statements.textPrefix.get(upTo, id);
    return row ? { text: row.text, current: row.content_hash === contentHash } : undefined;
  }

  /** Highest change sequence number: compare with the last one seen to know whether anything changed. */
  changeSeq(): number {
    return this.statements.changeSeq.get()?.seq ?? 0;
  }

  /** Pages changed after `seq`, oldest first, each with its current content hash (null once removed). */
  changesSince(seq: number): PageChange[] {
    return this.statements.changesSince.all(seq).map((r) => ({ id: r.id, seq: r.seq, contentHash: r.content_hash }));
  }
}

function toRow(page: GuidancePage): PageRow {
  return {
    id: page.id,
    title: page.title,
    headings: page.headings.join("\n"),
    body_text: page.text,
    body_html: "html" in page.body ? page.body.html : "",
    body_markdown: "markdown" in page.body ? page.body.markdown : null,
    origin: page.origin,
    url: page.url ?? null,
    keywords: (page.keywords ?? []).join("\n"),
    description: page.description ?? null,
    content_hash: page.contentHash,
    updated_at: page.updatedAt.toISOString(),
  };
}

function toPage(row: PageRow): GuidancePage {
  return {
    ...toIndexable(row),
    body: row.body_markdown !== null ? { markdown: row.body_markdown } : { html: row.body_html },
    origin: row.origin,
    updatedAt: new Date(row.updated_at),
  };
}

function toIndexable(row: IndexRow): IndexablePage {
  return {
    id: row.id,
    title: row.title,
    headings: row.headings ? row.headings.split("\n") : [],
    text: row.body_text,
    ...(row.url ? { url: row.url } : {}),
    ...(row.keywords ? { keywords: row.keywords.split("\n") } : {}),
    ...(row.description ? { description: row.description } : {}),
    contentHash: row.content_hash,
  };
}

/** The row a chunked read continues after: the last one read, or where it started when it read none. */
function lastRowOf(rows: ReadonlyArray<{ rowid: number }>, afterRow: number): number {
  return rows.length > 0 ? rows[rows.length - 1]!.rowid : afterRow;
}
