import {
  AppError,
  isAppError,
  stampFor,
  systemClock,
  validateRecordData,
  validateRecordQuery,
  type Clock,
  type CollectionDef,
  type CreateResult,
  type DeleteResult,
  type FieldDef,
  type RecordData,
  type RecordPage,
  type RecordQuery,
  type RecordRef,
  type RecordStore,
  type RecordStoreFactory,
  type StoredRecord,
} from "../../core";
import type { SqliteDb } from "../sqlite-database";
import { fromColumnValue, toColumnValue, toConditionValue, type SqlValue } from "./record-codec";
import { decodeCursor, encodeCursor } from "./record-cursor";
import { recordTable, SYSTEM_COLUMNS, type FieldColumn, type RecordTable } from "./record-schema";

/** The version a record starts at; each update adds one. */
const FIRST_VERSION = 1;
/** Store ids and versions are positive integers written in decimal, at most 16 digits (safe in a JS number). */
const POSITIVE_INTEGER = /^[1-9][0-9]{0,15}$/;

/** A row as better-sqlite3 returns it: system columns plus one key per field column. */
type Row = { readonly id: number; readonly version: number; readonly created_at: string; readonly updated_at: string } & Readonly<Record<string, SqlValue>>;

export interface SqliteRecordStoreOptions {
  /** Stamps createdAt and updatedAt; the system clock unless a test fixes time. */
  readonly clock?: Clock;
}

/** Record stores on SQLite tables the SqliteProvisioner created: one table per collection. */
export class SqliteRecordStoreFactory implements RecordStoreFactory {
  private readonly clock: Clock;

  constructor(
    private readonly db: SqliteDb,
    options: SqliteRecordStoreOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
  }

  /** Opens a collection's store; throws at once if its table is missing or behind its declaration. */
  open<F extends Record<string, FieldDef>>(collection: CollectionDef<F>): RecordStore<F> {
    return new SqliteRecordStore(this.db, collection, this.clock);
  }
}

/** Parses a decimal id or version from a caller; anything else is simply not a row we hold. */
function parsePositiveInteger(text: string): number | undefined {
  if (!POSITIVE_INTEGER.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}

/** Reads an own property only, so a field named like an Object.prototype member is not read from the prototype. */
function own(data: Readonly<Record<string, unknown>>, key: string): unknown {
  return Object.hasOwn(data, key) ? data[key] : undefined;
}

/** One collection's records in its table. Values are always bound, never written into SQL. */
class SqliteRecordStore<F extends Record<string, FieldDef>> implements RecordStore<F> {
  private readonly table: RecordTable;
  private readonly columnsByName: ReadonlyMap<string, FieldColumn>;
  /** Every column, for SELECT and RETURNING lists. */
  private readonly selectList: string;
  private readonly statements;
  /** Nested in createMany's transaction this runs in a savepoint, so a failed item leaves nothing behind. */
  private readonly insertOne;

  constructor(
    private readonly db: SqliteDb,
    readonly collection: CollectionDef<F>,
    private readonly clock: Clock,
  ) {
    this.table = recordTable(collection);
    this.columnsByName = new Map(this.table.columns.map((c) => [c.name, c]));
    this.assertProvisioned();
    const { quoted, columns } = this.table;
    this.selectList = [...SYSTEM_COLUMNS.map((c) => c.name), ...columns.map((c) => c.quoted)].join(", ");
    const fieldList = columns.map((c) => c.quoted).join(", ");
    const placeholders = columns.map(() => ", ?").join("");
    this.statements = {
      insert: db.prepare<SqlValue[], Row>(
        `INSERT INTO ${quoted} (version, created_at, updated_at${fieldList ? ", " + fieldList : ""}) VALUES (?, ?, ?${placeholders}) RETURNING ${this.selectList}`,
      ),
      get: db.prepare<[number], Row>(`SELECT ${this.selectList} FROM ${quoted} WHERE id = ?`),
      exists: db.prepare<[number], { found: number }>(`SELECT 1 AS found FROM ${quoted} WHERE id = ?`),
      delete: db.prepare<[number, number], void>(`DELETE FROM ${quoted} WHERE id = ? AND version = ?`),
    };
    this.insertOne = db.transaction((data: Readonly<Record<string, unknown>>) => this.insert(data));
  }

  async create(data: RecordData<F>): Promise<StoredRecord<RecordData<F>>> {
    return this.insert(data);
  }

  async createMany(items: readonly RecordData<F>[]): Promise<Array<CreateResult<RecordData<F>>>> {
    // One transaction for the batch (one commit, not thousands), a savepoint per item. An invalid item fails
    // alone with its AppError; any other error is the database's, not the item's, so the whole batch rolls back.
    const createAll = this.db.transaction(() =>
      items.map((item): CreateResult<RecordData<F>> => {
        try {
          return { ok: true, record: this.insertOne(item) };
        } catch (error) {
          if (isAppError(error)) return { ok: false, error };
          throw error;
        }
      }),
    );
    return createAll.immediate();
  }

  async get(id: string): Promise<StoredRecord<RecordData<F>> | undefined> {
    const rowId = parsePositiveInteger(id);
    const row = rowId === undefined ? undefined : this.statements.get.get(rowId);
    return row ? this.toRecord(row) : undefined;
  }

  async update(id: string, changes: Partial<RecordData<F>>, expectedVersion: string): Promise<StoredRecord<RecordData<F>>> {
    const given: Readonly<Record<string, unknown>> = changes;
    validateRecordData(this.collection, given, "update");
    const rowId = parsePositiveInteger(id);
    if (rowId === undefined) throw this.notFound();
    const version = parsePositiveInteger(expectedVersion);
    // Only the fields given are written; a given field whose value is undefined is cleared to NULL.
    const changed = this.table.columns.filter((c) => Object.hasOwn(given, c.name));
    const assignments = changed.map((c) => `, ${c.quoted} = ?`).join("");
    // Prepared per call: the SET list depends on which fields changed, and preparing is cheap next to the write.
    const statement = this.db.prepare<SqlValue[], Row>(
      `UPDATE ${this.table.quoted} SET version = version + 1, updated_at = ?${assignments} WHERE id = ? AND version = ? RETURNING ${this.selectList}`,
    );
    const values = changed.map((c) => toColumnValue(c.field, given[c.name]));
    const now = stampFor(this.collection, this.clock.now()).toISOString();
    // The version check is in the WHERE clause, so check and write are one atomic statement. The transaction keeps
    // the follow-up "does it exist?" consistent with the failed write, to tell a conflict from a missing record.
    const row = this.db.transaction(() => {
      const updated = version === undefined ? undefined : statement.get(now, ...values, rowId, version);
      if (updated) return updated;
      throw this.statements.exists.get(rowId) ? AppError.conflict() : this.notFound(rowId);
    }).immediate();
    return this.toRecord(row);
  }

  async delete(id: string, expectedVersion: string): Promise<void> {
    this.db.transaction(() => this.deleteOne(id, expectedVersion)).immediate();
  }

  async deleteMany(items: readonly RecordRef[]): Promise<DeleteResult[]> {
    // One transaction for the lot (one commit, not thousands). A delete that fails wrote nothing, so no savepoints.
    const deleteAll = this.db.transaction(() =>
      items.map((item): DeleteResult => {
        try {
          this.deleteOne(item.id, item.version);
          return { ok: true };
        } catch (error) {
          if (isAppError(error)) return { ok: false, error };
          throw error;
        }
      }),
    );
    return deleteAll.immediate();
  }

  async query(query: RecordQuery<F>): Promise<RecordPage<RecordData<F>>> {
    validateRecordQuery(this.collection, query);
    const after = query.cursor ? decodeCursor(query.cursor) : 0;
    const clauses: string[] = [];
    const values: SqlValue[] = [];
    for (const condition of query.where ?? []) {
      const column = this.columnsByName.get(condition.field);
      if (!column) throw AppError.badRequest(`${condition.field} is not a field of ${this.collection.name}.`);
      clauses.push(`${column.quoted} = ?`);
      values.push(toConditionValue(column.name, column.field, condition.equals));
    }
    clauses.push("id > ?");
    // Keyset paging on the primary key: each page is an index range, however deep, and a record created or deleted
    // between pages neither repeats nor skips another. One row past the page tells us whether there is a next one.
    const rows = this.db
      .prepare<SqlValue[], Row>(`SELECT ${this.selectList} FROM ${this.table.quoted} WHERE ${clauses.join(" AND ")} ORDER BY id LIMIT ?`)
      .all(...values, after, query.pageSize + 1);
    const items = rows.slice(0, query.pageSize).map((row) => this.toRecord(row));
    const last = items[items.length - 1];
    return rows.length > query.pageSize && last ? { items, nextCursor: encodeCursor(Number(last.id)) } : { items };
  }

  /** Deletes one row at its version; call inside a transaction, so a failed delete and the check after it agree. */
  private deleteOne(id: string, expectedVersion: string): void {
    const rowId = parsePositiveInteger(id);
    if (rowId === undefined) throw this.notFound();
    const version = parsePositiveInteger(expectedVersion);
    if (version !== undefined && this.statements.delete.run(rowId, version).changes === 1) return;
    throw this.statements.exists.get(rowId) ? AppError.conflict() : this.notFound(rowId);
  }

  /** Validates, then inserts one record; throws AppError bad_request for invalid data, having written nothing. */
  private insert(data: Readonly<Record<string, unknown>>): StoredRecord<RecordData<F>> {
    validateRecordData(this.collection, data, "create");
    const now = stampFor(this.collection, this.clock.now()).toISOString();
    const values = this.table.columns.map((c) => toColumnValue(c.field, own(data, c.name)));
    const row = this.statements.insert.get(FIRST_VERSION, now, now, ...values);
    if (!row) throw new Error(`INSERT into ${this.table.name} returned no row.`);
    return this.toRecord(row);
  }

  private toRecord(row: Row): StoredRecord<RecordData<F>> {
    const data: Record<string, unknown> = {};
    for (const column of this.table.columns) {
      const value = fromColumnValue(column.field, row[column.name]);
      // NULL means absent: the key is left out rather than set to null or undefined.
      if (value !== undefined) data[column.name] = value;
    }
    return {
      id: String(row.id),
      version: String(row.version),
      createdAt: new Date(row.created_at),
      updatedAt: new Date(row.updated_at),
      data: data as RecordData<F>,
    };
  }

  private notFound(rowId?: number): AppError {
    return AppError.notFound(rowId === undefined ? `The ${this.collection.title} record` : `${this.collection.title} record ${rowId}`);
  }

  /** Fails at open, naming the fix, rather than with "no such column" at the first write. */
  private assertProvisioned(): void {
    const present = new Set(
      this.db
        .prepare<[string], { name: string }>("SELECT name FROM pragma_table_info(?)")
        .all(this.table.name)
        .map((c) => c.name.toLowerCase()),
    );
    if (present.size === 0) throw new Error(`Table ${this.table.name} for collection ${this.collection.name} does not exist: run the record provisioner.`);
    const missing = [...SYSTEM_COLUMNS.map((c) => c.name), ...this.table.columns.map((c) => c.name)].filter((name) => !present.has(name.toLowerCase()));
    if (missing.length > 0) throw new Error(`Table ${this.table.name} lacks columns ${missing.join(", ")}: run the record provisioner.`);
  }
}
