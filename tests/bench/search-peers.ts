import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import lunr from "lunr";
import MiniSearch from "minisearch";
import { DEFAULT_RANKING_OPTIONS, feedbackStoreOn, GuidanceService, isStopword, parseDocument, parseQuery, porter2, surfaceOf, systemClock, type GuidancePage, type RankingOptions, type SourceDocument } from "../../core";
import { createSqliteHub, openDatabase, readDocuments, sharedWorkerParser, SqliteAuditLog, sqliteRecords, SqliteGuidance, type SqliteHub } from "../../store";
import { IndexedGuidance } from "../../store/guidance-engine";
import { Fts5Pages } from "./fts5-peer";
import { CORPUS_ORIGIN } from "./search-bench";

/**
 * The engines the bench compares, behind one small interface. Each is built on the same corpus and asked the same
 * questions in the same run. Council Hub and SQLite FTS5 go through the real ingest path (parse, SQLite, index);
 * Lunr and MiniSearch are timed on parse + index build, which is all they have.
 */

/** What one engine answered. `noAnswer` is the engine's own verdict; engines without one leave it undefined. */
export interface PeerAnswer {
  readonly ids: readonly string[];
  readonly noAnswer?: boolean;
}

export interface SearchPeer {
  readonly name: string;
  /**
   * Pages ingested and how long it took (ms), including parsing. `indexMs`: for Council Hub, loading its in-memory
   * index from the store afterwards (what the host does at start); the other engines build theirs inside `ms`.
   * `firstMs`: for Council Hub, the same ingest run once before (into a throwaway store), so `ms` is a warm ingest
   * (JIT and parse workers warm, as in a process that ingests again) and `firstMs` the cold one.
   */
  readonly ingest: { readonly pages: number; readonly ms: number; readonly indexMs?: number; readonly firstMs?: number };
  search(text: string, top: number): Promise<PeerAnswer>;
  close(): Promise<void>;
}

/** Field boosts given to Lunr and MiniSearch: the same as the FTS5 engine's column weights, for a fair comparison. */
const PEER_BOOSTS = { title: 8, headings: 3, body: 1 } as const;

/**
 * Council Hub with some ranking options changed (e.g. the keywords field weighted 0), through the same ingest path:
 * GuidanceService over SQLite with the in-memory engine, composed here because the hub's own composition takes the
 * shipped options.
 */
export async function councilHubVariantPeer(name: string, corpusDir: string, ranking: Partial<RankingOptions>): Promise<SearchPeer> {
  const dataDir = mkdtempSync(join(tmpdir(), "council-hub-bench-variant-"));
  const db = openDatabase(join(dataDir, "variant.sqlite"));
  const index = new IndexedGuidance(new SqliteGuidance(db), { ranking });
  const service = new GuidanceService({ pages: index, engine: index, feedback: feedbackStoreOn(sqliteRecords(db)), audit: new SqliteAuditLog(db), clock: systemClock, parser: sharedWorkerParser() });
  const started = performance.now();
  const report = await service.ingest(CORPUS_ORIGIN, readDocuments(corpusDir), { actor: "bench" });
  const ms = performance.now() - started;
  const indexStarted = performance.now();
  await index.load();
  const indexMs = performance.now() - indexStarted;
  return {
    name,
    ingest: { pages: report.seen, ms, indexMs },
    async search(text, top) {
      try {
        const response = await service.search(text, { top });
        return { ids: response.results.map((r) => r.id), noAnswer: response.noAnswer ?? false };
      } catch {
        return { ids: [], noAnswer: true };
      }
    },
    async close() {
      db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Ranking with the author's keywords (and description) field switched off: how much the keywords alone are worth. */
export const NO_KEYWORDS: Partial<RankingOptions> = { fieldWeights: { ...DEFAULT_RANKING_OPTIONS.fieldWeights, keywords: 0 }, tagMatchWeight: 0 };

/** Ranking without the whole-question tag bonus (the keywords field still ranked): what that bonus alone is worth. */
export const NO_TAG_MATCH: Partial<RankingOptions> = { tagMatchWeight: 0 };

/** Ranking by words alone, without re-ranking by closeness in meaning to page titles. */
export const NO_MEANING: Partial<RankingOptions> = { meaningWeight: 0 };

/** Council Hub as it ships: GuidanceService over SQLite with the in-memory Council Hub engine. */
export async function councilHubPeer(corpusDir: string): Promise<SearchPeer & { readonly hub: SqliteHub }> {
  const dataDir = mkdtempSync(join(tmpdir(), "council-hub-bench-hub-"));
  const firstMs = await throwawayIngest(corpusDir);
  const hub = createSqliteHub(dataDir, undefined, { parseInWorkers: true });
  const started = performance.now();
  const report = await hub.guidance.ingest(CORPUS_ORIGIN, readDocuments(corpusDir), { actor: "bench" });
  const ms = performance.now() - started;
  const indexStarted = performance.now();
  await hub.guidanceIndex.load();
  const indexMs = performance.now() - indexStarted;
  return {
    name: "Council Hub",
    hub,
    ingest: { pages: report.seen, ms, indexMs, firstMs },
    async search(text, top) {
      try {
        const response = await hub.guidance.search(text, { top });
        return { ids: response.results.map((r) => r.id), noAnswer: response.noAnswer ?? false };
      } catch {
        return { ids: [], noAnswer: true };
      }
    },
    async close() {
      await hub.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The previous engine: SQLite FTS5 bm25 (porter, title 8 / headings 3 / body 1), through the same ingest path. */
export async function fts5Peer(corpusDir: string): Promise<SearchPeer> {
  const dataDir = mkdtempSync(join(tmpdir(), "council-hub-bench-fts5-"));
  const db = openDatabase(join(dataDir, "fts5.sqlite"));
  const store = new Fts5Pages(db);
  const engine = { search: async () => [] };
  const service = new GuidanceService({ pages: store, engine, feedback: feedbackStoreOn(sqliteRecords(db)), audit: new SqliteAuditLog(db), clock: systemClock });
  const started = performance.now();
  const report = await service.ingest(CORPUS_ORIGIN, readDocuments(corpusDir), { actor: "bench" });
  const ms = performance.now() - started;
  return {
    name: "SQLite FTS5 bm25",
    ingest: { pages: report.seen, ms },
    async search(text, top) {
      try {
        return { ids: store.search(parseQuery(text, top)) };
      } catch {
        return { ids: [] };
      }
    },
    async close() {
      db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Reads and parses the corpus once, timing it, for the in-memory peers. */
export async function parseCorpus(corpusDir: string): Promise<{ pages: GuidancePage[]; ms: number }> {
  const documents: SourceDocument[] = [];
  for await (const doc of readDocuments(corpusDir)) documents.push(doc);
  const started = performance.now();
  const now = new Date();
  const pages = documents.map((doc) => parseDocument(doc, CORPUS_ORIGIN, now));
  return { pages, ms: performance.now() - started };
}

/** Lunr 2 with its defaults (stop words, Porter stemmer), fields boosted like FTS5. */
export function lunrPeer(pages: readonly GuidancePage[], parseMs: number): SearchPeer {
  const started = performance.now();
  const index = lunr(function () {
    this.ref("id");
    this.field("title", { boost: PEER_BOOSTS.title });
    this.field("headings", { boost: PEER_BOOSTS.headings });
    this.field("body", { boost: PEER_BOOSTS.body });
    for (const page of pages) this.add({ id: page.id, title: page.title, headings: page.headings.join("\n"), body: page.text });
  });
  const ms = parseMs + (performance.now() - started);
  return {
    name: "Lunr",
    ingest: { pages: pages.length, ms },
    async search(text, top) {
      // Terms added through the query API, never the query-string parser: a question with ":" or "-" is not syntax.
      const results = index.query((q) => {
        q.term(lunr.tokenizer(text), { presence: lunr.Query.presence.OPTIONAL });
      });
      return { ids: results.slice(0, top).map((r) => r.ref) };
    },
    async close() {},
  };
}

/** MiniSearch with default tokenising and no stemming (`stemmed`: lower-case, stop words and Porter2, as ours). */
export function miniSearchPeer(pages: readonly GuidancePage[], parseMs: number, stemmed: boolean): SearchPeer {
  const started = performance.now();
  const processTerm = (term: string): string | null => {
    const surface = surfaceOf(term);
    return isStopword(surface) ? null : porter2(surface);
  };
  const index = new MiniSearch<{ id: string; title: string; headings: string; body: string }>({
    fields: ["title", "headings", "body"],
    ...(stemmed ? { processTerm } : {}),
    searchOptions: { boost: { title: PEER_BOOSTS.title, headings: PEER_BOOSTS.headings } },
  });
  index.addAll(pages.map((page) => ({ id: page.id, title: page.title, headings: page.headings.join("\n"), body: page.text })));
  const ms = parseMs + (performance.now() - started);
  return {
    name: stemmed ? "MiniSearch + Porter2" : "MiniSearch",
    ingest: { pages: pages.length, ms },
    async search(text, top) {
      return { ids: index.search(text).slice(0, top).map((r) => String(r.id)) };
    },
    async close() {},
  };
}

/** Ingests the corpus into a throwaway store (as `hub ingest` would) and returns how long it took (ms). */
async function throwawayIngest(corpusDir: string): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), "council-hub-bench-first-"));
  const hub = createSqliteHub(dataDir, undefined, { parseInWorkers: true });
  try {
    const started = performance.now();
    await hub.guidance.ingest(CORPUS_ORIGIN, readDocuments(corpusDir), { actor: "bench" });
    return performance.now() - started;
  } finally {
    await hub.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
