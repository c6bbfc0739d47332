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
  content_hash: string;
  updated_at: string;
}

/** Guidance pages in SQLite, searched with FTS5 bm25. Implements both the page store and the search engine ports. */
export class SqliteGuidance implements GuidancePages, GuidanceSearchEngine {
  private readonly statements;

  constructor(private readonly db: SqliteDb) {
    this.statements = {
      get: db.prepare<[string], PageRow>("SELECT * FROM guidance_page WHERE id = ?"),
      fingerprints: db.prepare<[string], { id: string; content_hash: string }>("SELECT id, content_hash FROM guidance_page WHERE origin = ?"),
      upsert: db.prepare(`
        INSERT INTO guidance_page (id, title, headings, body_text, body_html, origin, url, content_hash, updated_at)
        VALUES (@id, @title, @headings, @body_text, @body_html, @origin, @url, @content_hash, @updated_at)
        ON CONFLICT(id) DO UPDATE SET title = excluded.title, headings = excluded.headings, body_text = excluded.body_text,
          body_html = excluded.body_html, origin = excluded.origin, url = excluded.url,
          content_hash = excluded.content_hash, updated_at = excluded.updated_at`),
      remove: db.prepare<[string]>("DELETE FROM guidance_page WHERE id = ?"),
      count: db.prepare<[], { n: number }>("SELECT count(*) AS n FROM guidance_page"),
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
    contentHash: row.content_hash,
    updatedAt: new Date(row.updated_at),
  };
}
