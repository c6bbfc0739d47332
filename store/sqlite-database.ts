import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { MIGRATIONS } from "./migrations";

export type SqliteDb = Database.Database;

/**
 * Opens (creating if needed) the Council Hub database and brings its schema up to date.
 * WAL mode lets the API read while the CLI ingests; `synchronous=NORMAL` is durable under WAL.
 * Pass ":memory:" for tests.
 */
export function openDatabase(file: string): SqliteDb {
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  migrate(db);
  return db;
}

/** Applies each migration not yet applied, each in its own transaction, tracked by `PRAGMA user_version`. */
function migrate(db: SqliteDb): void {
  const current = db.pragma("user_version", { simple: true }) as number;
  MIGRATIONS.slice(current).forEach((sql, index) => {
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${current + index + 1}`);
    })();
  });
}
