import type { CollectionDef, FieldDef, FieldType } from "../../core";

/**
 * How a collection declaration maps onto a SQLite table. The store and the provisioner both read it, so the
 * table they create and the statements they prepare can never disagree.
 */

/** SQLite storage classes our STRICT tables use. */
export type ColumnType = "TEXT" | "REAL" | "INTEGER";

/** The column type each field type is stored as: booleans as 0/1, dates as ISO-8601 UTC text, JSON as text. */
export const COLUMN_TYPES: Readonly<Record<FieldType, ColumnType>> = {
  text: "TEXT",
  longText: "TEXT",
  choice: "TEXT",
  number: "REAL",
  boolean: "INTEGER",
  dateTime: "TEXT",
  json: "TEXT",
};

/** Prefix of every record table, keeping them apart from the hand-written tables in migrations.ts. */
export const RECORD_TABLE_PREFIX = "rec_";

/** The store's own columns, in table order, before the field columns. */
export const SYSTEM_COLUMNS: readonly { readonly name: string; readonly definition: string }[] = [
  // AUTOINCREMENT, not a plain rowid: a deleted record's id must never come back, or a stale link would open
  // someone else's record.
  { name: "id", definition: "INTEGER PRIMARY KEY AUTOINCREMENT" },
  { name: "version", definition: "INTEGER NOT NULL" },
  { name: "created_at", definition: "TEXT NOT NULL" },
  { name: "updated_at", definition: "TEXT NOT NULL" },
];

/** Re-checked here although defineCollection checks too: a CollectionDef is only an interface, and names reach SQL. */
const SAFE_COLLECTION_NAME = /^[a-z][a-z0-9-]*$/;
const SAFE_FIELD_NAME = /^[A-Za-z][A-Za-z0-9]*$/;

/** One field's column. */
export interface FieldColumn {
  /** The field name, which is also the column name. */
  readonly name: string;
  /** The column name quoted for SQL. */
  readonly quoted: string;
  readonly type: ColumnType;
  readonly field: FieldDef;
}

/** A collection's table: its quoted name and field columns, in declaration order. */
export interface RecordTable {
  readonly name: string;
  readonly quoted: string;
  readonly columns: readonly FieldColumn[];
}

/** Quotes an identifier for SQL; names are checked first, so this is belt and braces. */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** The table a collection lives in: `rec_` plus its name with hyphens as underscores. */
export function recordTableName(collection: CollectionDef): string {
  if (!SAFE_COLLECTION_NAME.test(collection.name)) throw new Error(`Collection name "${collection.name}" cannot name a table.`);
  return RECORD_TABLE_PREFIX + collection.name.replace(/-/g, "_");
}

/** The index kept for an indexed field. Index names share one namespace per database, so the table name leads. */
export function recordIndexName(table: string, field: string): string {
  return `${table}__${field}`;
}

/** Maps a collection declaration to its table, refusing names SQLite would treat as the same column. */
export function recordTable(collection: CollectionDef): RecordTable {
  const name = recordTableName(collection);
  // SQLite column names ignore case, so "dueAt" and "dueat" would be one column; system columns are lower snake case.
  const seen = new Set(SYSTEM_COLUMNS.map((c) => c.name));
  const columns = Object.entries(collection.fields).map(([field, def]): FieldColumn => {
    if (!SAFE_FIELD_NAME.test(field)) throw new Error(`${collection.name}: field name "${field}" cannot name a column.`);
    if (seen.has(field.toLowerCase())) throw new Error(`${collection.name}: field "${field}" clashes with another column (SQLite ignores case).`);
    seen.add(field.toLowerCase());
    return { name: field, quoted: quoteIdentifier(field), type: COLUMN_TYPES[def.type], field: def };
  });
  return { name, quoted: quoteIdentifier(name), columns };
}
