import type { CollectionDef } from "../../core";
import type { SqliteDb } from "../sqlite-database";
import { quoteIdentifier, recordIndexName, recordTable, SYSTEM_COLUMNS, type RecordTable } from "./record-schema";

/**
 * What provisioning changed (or, in a dry run, would change) for one collection. The SharePoint provisioner in
 * graph/ reports the same shape; this type moves to core once both exist.
 */
export interface ProvisionChange {
  /** The collection's declared name. */
  readonly collection: string;
  /** One line per change, e.g. "add column rec_cases.dueAt TEXT"; empty when already up to date. */
  readonly changes: readonly string[];
}

export interface ProvisionOptions {
  /** Report what would change and change nothing. */
  readonly dryRun?: boolean;
}

interface Step {
  readonly description: string;
  readonly sql: string;
}

/**
 * Creates and updates record tables from collection declarations. Only ever adds (tables, columns, indexes), so it is
 * safe to run at every start: a second run changes nothing, and no run drops or rewrites data. A field whose column
 * exists with another type is refused, since SQLite cannot change a column's type without rebuilding the table.
 */
export class SqliteProvisioner {
  constructor(private readonly db: SqliteDb) {}

  /** Brings every collection's table up to its declaration, all in one transaction; returns what changed. */
  async provision(collections: readonly CollectionDef[], options: ProvisionOptions = {}): Promise<ProvisionChange[]> {
    return this.provisionNow(collections, options);
  }

  /** `provision`, synchronously: SQLite is in-process, so the host can provision while it builds its services. */
  provisionNow(collections: readonly CollectionDef[], options: ProvisionOptions = {}): ProvisionChange[] {
    const names = new Set<string>();
    for (const collection of collections) {
      if (names.has(collection.name)) throw new Error(`Collection ${collection.name} is declared twice.`);
      names.add(collection.name);
    }
    // Plan everything before changing anything, so a refused declaration leaves the database as it was.
    const plans = collections.map((collection) => ({ collection: collection.name, steps: this.plan(recordTable(collection)) }));
    if (!options.dryRun) {
      this.db.transaction(() => {
        for (const step of plans.flatMap((p) => p.steps)) this.db.exec(step.sql);
      })();
    }
    return plans.map((p) => ({ collection: p.collection, changes: p.steps.map((s) => s.description) }));
  }

  private plan(table: RecordTable): Step[] {
    const existing = this.db.prepare<[string], { name: string; type: string }>("SELECT name, type FROM pragma_table_info(?)").all(table.name);
    const steps = existing.length === 0 ? [createTable(table)] : this.addColumns(table, existing);
    const indexes = new Set(
      this.db
        .prepare<[string], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? COLLATE NOCASE")
        .all(table.name)
        .map((i) => i.name.toLowerCase()),
    );
    for (const column of table.columns.filter((c) => c.field.indexed)) {
      const index = recordIndexName(table.name, column.name);
      if (indexes.has(index.toLowerCase())) continue;
      steps.push({
        description: `create index ${index} on ${table.name}.${column.name}`,
        sql: `CREATE INDEX IF NOT EXISTS ${quoteIdentifier(index)} ON ${table.quoted} (${column.quoted})`,
      });
    }
    return steps;
  }

  private addColumns(table: RecordTable, existing: readonly { name: string; type: string }[]): Step[] {
    const types = new Map(existing.map((c) => [c.name.toLowerCase(), c.type.toUpperCase()]));
    const foreign = SYSTEM_COLUMNS.filter((c) => !types.has(c.name));
    if (foreign.length > 0) throw new Error(`Table ${table.name} exists but is not a record table (no ${foreign.map((c) => c.name).join(", ")}).`);
    const steps: Step[] = [];
    for (const column of table.columns) {
      const type = types.get(column.name.toLowerCase());
      if (type === undefined) {
        // No NOT NULL, even for required fields: existing rows have no value. Validation enforces required.
        steps.push({ description: `add column ${table.name}.${column.name} ${column.type}`, sql: `ALTER TABLE ${table.quoted} ADD COLUMN ${column.quoted} ${column.type}` });
      } else if (type !== column.type) {
        throw new Error(`${table.name}.${column.name} is ${type} but its field is declared ${column.field.type} (${column.type}): add a new field instead.`);
      }
    }
    // Columns of fields no longer declared are left alone: dropping them would lose data.
    return steps;
  }
}

function createTable(table: RecordTable): Step {
  const columns = [...SYSTEM_COLUMNS.map((c) => `${c.name} ${c.definition}`), ...table.columns.map((c) => `${c.quoted} ${c.type}`)];
  // STRICT: SQLite refuses a value of the wrong type instead of quietly storing it, as the declaration promises.
  return { description: `create table ${table.name}`, sql: `CREATE TABLE IF NOT EXISTS ${table.quoted} (${columns.join(", ")}) STRICT` };
}
