import { join } from "node:path";
import { GuidanceService, systemClock, type Clock, type HubServices } from "../core";
import { openDatabase, type SqliteDb } from "./sqlite-database";
import { SqliteAuditLog } from "./sqlite-audit";
import { SqliteDirectory } from "./sqlite-directory";
import { SqliteFeedback } from "./sqlite-feedback";
import { IndexedGuidance } from "./guidance-engine";
import { SqliteGuidance } from "./sqlite-guidance";

export const DATABASE_FILE = "council-hub.sqlite";

export interface SqliteHub extends HubServices {
  readonly db: SqliteDb;
  readonly directory: SqliteDirectory;
  /** The guidance page store with its in-memory search index (e.g. to apply a vocabulary edit). */
  readonly guidanceIndex: IndexedGuidance;
}

/**
 * Builds every core service on one SQLite database in `dataDir` (or in memory for ":memory:").
 * This is the embedded default: no cloud needed.
 */
export function createSqliteHub(dataDir: string, clock: Clock = systemClock): SqliteHub {
  const db = openDatabase(dataDir === ":memory:" ? ":memory:" : join(dataDir, DATABASE_FILE));
  // Pages live in SQLite; Council Hub's in-memory engine ranks them. SqliteGuidance's own FTS5 search stays
  // available (the bench compares against it) but is no longer what the service uses.
  const guidanceIndex = new IndexedGuidance(new SqliteGuidance(db));
  const audit = new SqliteAuditLog(db);
  const directory = new SqliteDirectory(db);
  const guidance = new GuidanceService({ pages: guidanceIndex, engine: guidanceIndex, feedback: new SqliteFeedback(db), audit, clock });
  return {
    db,
    guidance,
    directory,
    guidanceIndex,
    audit,
    health: [{ name: "sqlite", check: async () => void db.prepare("SELECT 1").get() }],
    close: async () => {
      if (db.open) db.close();
    },
  };
}
