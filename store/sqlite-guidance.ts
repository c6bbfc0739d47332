import type { GuidancePage, GuidancePages, GuidanceSearchEngine, PageChanges, ParsedQuery, SearchHit } from "../core";
import type { SqliteDb } from "./sqlite-database";

/** Column weights for FTS5 bm25: a word in the title says more about a page than one in its body. */
export const FTS_WEIGHTS = { title: 8, headings: 3, body: 1 } as const;
/** Words of context either side of the matched terms in a snippet. */
export const SNIPPET_TOKENS = 24;

interface PageRow {
  id: string;
  title: string;
  headings: string;
  body_text: string;
  body_html: string;
  origin: string;
  url: string | null;
  /** One keyword a line ("" for none). */
  keywords: string;
  description: string | null;
  content_hash: string;
  updated_at: string;
}

/** One entry of the page change log: the page's latest change, and its hash now (null once removed). */
export interface PageChange {
  readonly id: string;
  readonly seq: number;
  readonly contentHash: string | null;
}

/**
 * The page change log: one row per page id holding the sequence number of its latest insert, update or delete,
 * written by triggers in the same transaction as the change. An in-memory index (store/guidance-engine) checks the
 * highest sequence number before each search (one index lookup) and reloads only the pages changed since, so a
 * `hub ingest` in another process shows up in a running server's searches.
 *
 * Triggers use UPSERT, not INSERT OR REPLACE: a trigger's conflict policy is overridden by the statement that fired it.
 * Created idempotently here rather than as a numbered migration, so that databases of any schema version gain it on
 * open; a later schema release may fold it into MIGRATIONS.
 */
const CHANGE_LOG_SCHEMA = `
  CREATE TABLE IF NOT EXISTS guidance_change (page_id TEXT PRIMARY KEY, seq INTEGER NOT NULL);
  CREATE INDEX IF NOT EXISTS guidance_change_seq ON guidance_change(seq);
  CREATE TRIGGER IF NOT EXISTS guidance_change_ai AFTER INSERT ON guidance_page BEGIN
    INSERT INTO guidance_change(page_id, seq) VALUES (new.id, (SELECT coalesce(max(seq), 0) + 1 FROM guidance_change))
      ON CONFLICT(page_id) DO UPDATE SET seq = excluded.seq;
  END;
  CREATE TRIGGER IF NOT EXISTS guidance_change_au AFTER UPDATE ON guidance_page BEGIN
    INSERT INTO guidance_change(page_id, seq) SELECT old.id, (SELECT coalesce(max(seq), 0) + 1 FROM guidance_change) WHERE old.id <> new.id
      ON CONFLICT(page_id) DO UPDATE SET seq = excluded.seq;
    INSERT INTO guidance_change(page_id, seq) VALUES (new.id, (SELECT coalesce(max(seq), 0) + 1 FROM guidance_change))
      ON CONFLICT(page_id) DO UPDATE SET seq = excluded.seq;
  END;
  CREATE TRIGGER IF NOT EXISTS guidance_change_ad AFTER DELETE ON guidance_page BEGIN
    INSERT INTO guidance_change(page_id, seq) VALUES (old.id, (SELECT coalesce(max(seq), 0) + 1 FROM guidance_change))
      ON CONFLICT(page_id) DO UPDATE SET seq = excluded.seq;
  END;
`;

/**
 * Looks pages up by their original link (link unfurling), case-insensitively as SharePoint treats URLs. Created
 * idempotently on open, like the change log, so it needs no migration number.
 */
const URL_LOOKUP_SCHEMA = "CREATE INDEX IF NOT EXISTS guidance_page_url ON guidance_page(url COLLATE NOCASE);";

/** Guidance pages in SQLite, searched with FTS5 bm25. Implements both the page store and the search engine ports. */
export class SqliteGuidance implements GuidancePages, GuidanceSearchEngine {
  private readonly statements;

  constructor(private readonly db: SqliteDb) {
    db.exec(CHANGE_LOG_SCHEMA);
    db.exec(URL_LOOKUP_SCHEMA);
    this.statements = {
      get: db.prepare<[string], PageRow>("SELECT * FROM guidance_page WHERE id = ?"),
      byUrl: db.prepare<[string], PageRow>("SELECT * FROM guidance_page WHERE url = ? COLLATE NOCASE ORDER BY rowid LIMIT 1"),
      fingerprints: db.prepare<[string], { id: string; content_hash: string }>("SELECT id, content_hash FROM guidance_page WHERE origin = ?"),
      upsert: db.prepare(`
        INSERT INTO guidance_page (id, title, headings, body_text, body_html, origin, url, keywords, description, content_hash, updated_at)
        VALUES (@id, @title, @headings, @body_text, @body_html, @origin, @url, @keywords, @description, @content_hash, @updated_at)
        ON CONFLICT(id) DO UPDATE SET title = excluded.title, headings = excluded.headings, body_text = excluded.body_text,
          body_html = excluded.body_html, origin = excluded.origin, url = excluded.url, keywords = excluded.keywords,
          description = excluded.description, content_hash = excluded.content_hash, updated_at = excluded.updated_at`),
      remove: db.prepare<[string]>("DELETE FROM guidance_page WHERE id = ?"),
      count: db.prepare<[], { n: number }>("SELECT count(*) AS n FROM guidance_page"),
      any: db.prepare<[], { one: number }>("SELECT 1 AS one FROM guidance_page LIMIT 1"),
      all: db.prepare<[], PageRow>("SELECT * FROM guidance_page ORDER BY rowid"),
      changeSeq: db.prepare<[], { seq: number }>("SELECT coalesce(max(seq), 0) AS seq FROM guidance_change"),
      changesSince: db.prepare<[number], { id: string; seq: number; content_hash: string | null }>(`
        SELECT c.page_id AS id, c.seq, p.content_hash FROM guidance_change c LEFT JOIN guidance_page p ON p.id = c.page_id
        WHERE c.seq > ? ORDER BY c.seq`),
      search: db.prepare<[string, number], { id: string; title: string; url: string | null; score: number; snippet: string }>(`
        SELECT p.id, p.title, p.url,
               -bm25(guidance_fts, ${FTS_WEIGHTS.title}, ${FTS_WEIGHTS.headings}, ${FTS_WEIGHTS.body}) AS score,
               snippet(guidance_fts, 2, '**', '**', '…', ${SNIPPET_TOKENS}) AS snippet
        FROM guidance_fts JOIN guidance_page p ON p.rowid = guidance_fts.rowid
        WHERE guidance_fts MATCH ?
        ORDER BY score DESC
        LIMIT ?`),
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

  /** True when no page is stored (cheaper than count() on a large library). */
  isEmpty(): boolean {
    return this.statements.any.get() === undefined;
  }

  /** Every page, streamed in insertion order (for building an in-memory index at start). */
  *allPages(): IterableIterator<GuidancePage> {
    for (const row of this.statements.all.iterate()) yield toPage(row);
  }

  /** A page by id, synchronously (the index loader reads changed pages one by one). */
  getNow(id: string): GuidancePage | undefined {
    const row = this.statements.get.get(id);
    return row ? toPage(row) : undefined;
  }

  /** Highest change sequence number: compare with the last one seen to know whether anything changed. */
  changeSeq(): number {
    return this.statements.changeSeq.get()?.seq ?? 0;
  }

  /** Pages changed after `seq`, oldest first, each with its current content hash (null once removed). */
  changesSince(seq: number): PageChange[] {
    return this.statements.changesSince.all(seq).map((r) => ({ id: r.id, seq: r.seq, contentHash: r.content_hash }));
  }

  async search(query: ParsedQuery): Promise<SearchHit[]> {
    const rows = this.statements.search.all(toMatchExpression(query.keyTerms), query.top);
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      snippet: r.snippet.replace(/\s+/g, " ").trim(),
      score: Math.round(r.score * 1000) / 1000,
      ...(r.url ? { url: r.url } : {}),
    }));
  }
}

/**
 * Builds an FTS5 MATCH expression that ranks pages with any of the terms (OR), every term quoted so that
 * words like "and", "near" or "not" are never read as FTS5 operators.
 */
export function toMatchExpression(terms: readonly string[]): string {
  return [...new Set(terms)].map((t) => `"${t.replace(/"/g, '""')}"`).join(" OR ");
}

function toRow(page: GuidancePage): PageRow {
  return {
    id: page.id,
    title: page.title,
    headings: page.headings.join("\n"),
    body_text: page.text,
    body_html: page.html,
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
    id: row.id,
    title: row.title,
    headings: row.headings ? row.headings.split("\n") : [],
    text: row.body_text,
    html: row.body_html,
    origin: row.origin,
    ...(row.url ? { url: row.url } : {}),
    ...(row.keywords ? { keywords: row.keywords.split("\n") } : {}),
    ...(row.description ? { description: row.description } : {}),
    contentHash: row.content_hash,
    updatedAt: new Date(row.updated_at),
  };
}
