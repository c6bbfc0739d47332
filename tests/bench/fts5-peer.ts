import type { GuidancePage, GuidancePages, PageChanges, ParsedQuery } from "../../core";
import type { SqliteDb } from "../../store";
import { SqliteGuidance } from "../../store";

/**
 * SQLite FTS5 bm25 as a bench peer: the engine Council Hub searched with before its own. The hub's schema no longer
 * keeps an FTS index (migration 5), so this peer keeps one itself, written in the same transaction as each batch of
 * pages, as the old triggers did: its ingest rate stays comparable with what shipped.
 */

/** Column weights for FTS5 bm25, as the old engine used them: a word in the title says more than one in the body. */
export const FTS_WEIGHTS = { title: 8, headings: 3, body: 1 } as const;

const FTS_SCHEMA = `
  CREATE VIRTUAL TABLE IF NOT EXISTS bench_fts USING fts5(
    title, headings, body_text,
    tokenize='porter unicode61 remove_diacritics 2'
  );
`;

/**
 * Builds an FTS5 MATCH expression that ranks pages with any of the terms (OR), every term quoted so that
 * words like "and", "near" or "not" are never read as FTS5 operators.
 */
export function toMatchExpression(terms: readonly string[]): string {
  return [...new Set(terms)].map((t) => `"${t.replace(/"/g, '""')}"`).join(" OR ");
}

/** The page store plus an FTS5 index of its pages, searched with bm25. */
export class Fts5Pages implements GuidancePages {
  private readonly store: SqliteGuidance;
  private readonly statements;

  constructor(private readonly db: SqliteDb) {
    db.exec(FTS_SCHEMA);
    this.store = new SqliteGuidance(db);
    this.statements = {
      rowid: db.prepare<[string], { rowid: number }>("SELECT rowid FROM guidance_page WHERE id = ?"),
      insert: db.prepare<[number, string, string, string]>("INSERT INTO bench_fts (rowid, title, headings, body_text) VALUES (?, ?, ?, ?)"),
      remove: db.prepare<[number]>("DELETE FROM bench_fts WHERE rowid = ?"),
      search: db.prepare<[string, number], { id: string }>(`
        SELECT p.id FROM bench_fts JOIN guidance_page p ON p.rowid = bench_fts.rowid WHERE bench_fts MATCH ?
        ORDER BY bm25(bench_fts, ${FTS_WEIGHTS.title}, ${FTS_WEIGHTS.headings}, ${FTS_WEIGHTS.body}) LIMIT ?`),
    };
  }

  async get(id: string): Promise<GuidancePage | undefined> {
    return this.store.get(id);
  }

  async fingerprints(origin: string): Promise<Map<string, string>> {
    return this.store.fingerprints(origin);
  }

  async count(): Promise<number> {
    return this.store.count();
  }

  async apply(changes: PageChanges): Promise<void> {
    // The FTS row shares the page row's rowid; pages replaced or removed lose theirs first.
    const rowid = (id: string): number | undefined => this.statements.rowid.get(id)?.rowid;
    const stale = [...changes.removals, ...changes.upserts.map((p) => p.id)].map(rowid).filter((r): r is number => r !== undefined);
    await this.store.apply(changes);
    this.db.transaction(() => {
      for (const r of stale) this.statements.remove.run(r);
      for (const page of changes.upserts) this.statements.insert.run(rowid(page.id)!, page.title, page.headings.join("\n"), page.text);
    })();
  }

  /** Page ids, best bm25 first. */
  search(query: ParsedQuery): string[] {
    return this.statements.search.all(toMatchExpression(query.keyTerms), query.top).map((r) => r.id);
  }
}
