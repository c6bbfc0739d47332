import type { CollectionDef } from "../../core";
import { columnsFor, type ColumnDefinition } from "../sharepoint/column-definitions";
import { SHAREPOINT_MAX_INDEXED_COLUMNS } from "../sharepoint/sharepoint-limits";

/** The list a collection should have: URL name, title, description and columns (the fields plus the hub key). */
export interface ListSchema {
  /** The collection name, which is also the list's URL name (fixed at creation, so renaming the title is safe). */
  readonly name: string;
  readonly displayName: string;
  readonly description: string;
  readonly columns: readonly ColumnDefinition[];
}

/** Derives a collection's list schema; refuses one needing more indexes than SharePoint allows on a list. */
export function listSchemaFor(collection: CollectionDef, uniqueHubKey: boolean): ListSchema {
  const columns = columnsFor(collection, uniqueHubKey);
  const indexed = columns.filter((c) => c.indexed).length;
  if (indexed > SHAREPOINT_MAX_INDEXED_COLUMNS) {
    throw new Error(`${collection.name}: ${indexed} indexed columns (with the hub key); a SharePoint list allows ${SHAREPOINT_MAX_INDEXED_COLUMNS}.`);
  }
  return { name: collection.name, displayName: collection.title, description: collection.description, columns };
}

/** A short, human description of a column for plans: "single line of text, indexed, required". */
export function describeColumn(column: ColumnDefinition): string {
  const type =
    "text" in column
      ? column.text.allowMultipleLines
        ? "multiple lines of plain text"
        : `single line of text (≤${column.text.maxLength ?? 255})`
      : "number" in column
        ? "number"
        : "boolean" in column
          ? "yes/no"
          : "dateTime" in column
            ? "date and time"
            : `choice of ${column.choice.choices.join("/")}`;
  return [type, column.indexed ? "indexed" : "", column.enforceUniqueValues ? "unique" : "", column.required ? "required" : ""].filter(Boolean).join(", ");
}
