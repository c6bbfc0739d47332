import { join } from "node:path";
import { COLLECTIONS, createSearchCuration, feedbackStoreOn, GuidanceService, systemClock, type BackgroundErrorHandler, type Clock, type HubServices, type RecordStoreFactory } from "../core";
import { openDatabase, type SqliteDb } from "./sqlite-database";
import { SqliteAuditLog } from "./sqlite-audit";
import { SqliteDirectory } from "./sqlite-directory";
import { SqliteProvisioner, SqliteRecordStoreFactory } from "./records";
import { IndexedGuidance } from "./guidance-engine";
import { SqliteGuidance } from "./sqlite-guidance";
import { sharedMarkdownRenderer, sharedWorkerParser } from "./parse-pool";

export const DATABASE_FILE = "council-hub.sqlite";
/** The search index kept between runs, beside the database (see guidance-engine/index-snapshot-file). */
export const INDEX_SNAPSHOT_FILE = "search-index.snapshot";

export interface SqliteHub extends HubServices {
  readonly db: SqliteDb;
  readonly directory: SqliteDirectory;
  /** The guidance page store with its in-memory search index (e.g. to apply a vocabulary edit). */
  readonly guidanceIndex: IndexedGuidance;
  /** Where declared record collections live: SQLite tables here, unless another factory was given. */
  readonly records: RecordStoreFactory;
}

export interface SqliteHubOptions {
  /**
   * Record collections in another store (SharePoint lists, when STORE=sharepoint). Without it, each declared
   * collection gets a SQLite table, created or brought up to date here.
   */
  readonly records?: RecordStoreFactory;
  /**
   * Reports background failures that must not fail a search (a best-bet or vocabulary refresh, a query-log write).
   * The composition root passes its logger; without one they become process warnings.
   */
  readonly onError?: BackgroundErrorHandler;
  /**
   * Parse large ingest batches on worker threads (`hub ingest`, the bench): several times the pages per second of
   * in-thread parsing on a multi-core machine. Off by default: the server's ingests are small, and tests stay in-thread.
   * The workers are the process's shared pool (see sharedWorkerParser): started on the first large batch, unref'd when idle.
   */
  readonly parseInWorkers?: boolean;
  /**
   * Keep the search index in a snapshot file beside the database, so the next start restores it instead of
   * analysing every page again (about a second instead of 10 to 20 at 20,000 pages). The host turns it on (config
   * SEARCH_INDEX_SNAPSHOT); `guidanceIndex.lastLoad` says how the index was loaded.
   */
  readonly indexSnapshot?: boolean;
}

/**
 * Builds every core service on one SQLite database in `dataDir` (or in memory for ":memory:").
 * This is the embedded default: no cloud needed.
 */
export function createSqliteHub(dataDir: string, clock: Clock = systemClock, options: SqliteHubOptions = {}): SqliteHub {
  const db = openDatabase(dataDir === ":memory:" ? ":memory:" : join(dataDir, DATABASE_FILE));
  const records = options.records ?? sqliteRecords(db, clock);
  // Pages live in SQLite; Council Hub's in-memory engine, kept in step with them, ranks them.
  const onError = options.onError ?? warnInBackground;
  const snapshot = options.indexSnapshot === true && dataDir !== ":memory:" ? { file: join(dataDir, INDEX_SNAPSHOT_FILE), onError } : undefined;
  const guidanceIndex = new IndexedGuidance(new SqliteGuidance(db), {}, snapshot);
  const audit = new SqliteAuditLog(db);
  const directory = new SqliteDirectory(db);
  const parser = options.parseInWorkers ? sharedWorkerParser() : undefined;
  const searchCuration = createSearchCuration({ records, pages: guidanceIndex, audit, clock, onError, applyVocabulary: (v) => guidanceIndex.setVocabulary(v) });
  const guidance = new GuidanceService({
    pages: guidanceIndex,
    engine: guidanceIndex,
    feedback: feedbackStoreOn(records),
    audit,
    clock,
    bestBets: searchCuration.bestBets,
    vocabulary: searchCuration.vocabulary,
    searchLog: searchCuration.searchLog,
    ...(parser ? { parser } : {}),
    // Pages are rendered for reading on a worker thread, within a time budget (a hostile page must not stall the host).
    renderer: sharedMarkdownRenderer(),
  });
  return {
    db,
    guidance,
    searchCuration,
    directory,
    guidanceIndex,
    records,
    audit,
    health: [{ name: "sqlite", check: async () => void db.prepare("SELECT 1").get() }],
    close: async () => {
      // The query log may hold a batch in memory: write it while the store is still open.
      if (db.open) await searchCuration.close();
      // A changed index is kept for the next start (a no-op without snapshots, or when nothing changed).
      await guidanceIndex.close();
      if (db.open) db.close();
    },
  };
}

/** Record collections as SQLite tables in `db`: every declared collection's table created or brought up to date. */
export function sqliteRecords(db: SqliteDb, clock: Clock = systemClock): RecordStoreFactory {
  new SqliteProvisioner(db).provisionNow(COLLECTIONS);
  return new SqliteRecordStoreFactory(db, { clock });
}

/** The default background error report: a process warning naming what failed (never a question's text). */
function warnInBackground(error: unknown, what: string): void {
  process.emitWarning(`Council Hub: ${what} failed in the background: ${error instanceof Error ? error.message : String(error)}`);
}
