import { SINGLE_LINE_TEXT_MAX, type CollectionDef, type FieldDef } from "../../core";
import { HUB_KEY_FIELD, HUB_KEY_LENGTH } from "./sharepoint-limits";

/** The type facet of a Graph columnDefinition: exactly one is set per column. */
export type ColumnFacet =
  | { readonly text: { readonly allowMultipleLines: boolean; readonly maxLength?: number; readonly textType?: "plain" } }
  | { readonly number: Record<string, never> }
  | { readonly boolean: Record<string, never> }
  | { readonly dateTime: { readonly format: "dateTime" } }
  | { readonly choice: { readonly choices: readonly string[]; readonly allowTextEntry: false; readonly displayAs: "dropDownMenu" } };

/** A Graph columnDefinition as we create it (internal name = field name). */
export type ColumnDefinition = {
  readonly name: string;
  readonly displayName: string;
  readonly description?: string;
  readonly required: boolean;
  readonly indexed: boolean;
  readonly enforceUniqueValues: boolean;
} & ColumnFacet;

/** The facet's key, e.g. "text"; used to tell whether an existing column has the type we need. */
export function facetOf(column: ColumnFacet): "text" | "number" | "boolean" | "dateTime" | "choice" {
  if ("text" in column) return "text";
  if ("number" in column) return "number";
  if ("boolean" in column) return "boolean";
  if ("dateTime" in column) return "dateTime";
  return "choice";
}

/**
 * Maps one declared field to its SharePoint column: text → single line (≤255), longText and json → plain multiple
 * lines (json holds serialised JSON), number, boolean (Yes/No), dateTime, choice. Plain text, never rich text: rich
 * text would rewrite what we store as HTML.
 */
export function columnFor(name: string, field: FieldDef): ColumnDefinition {
  const base = { name, displayName: name, required: field.required === true, indexed: field.indexed === true, enforceUniqueValues: false };
  switch (field.type) {
    case "text":
      return { ...base, text: { allowMultipleLines: false, maxLength: field.maxLength ?? SINGLE_LINE_TEXT_MAX } };
    case "longText":
    case "json":
      return { ...base, text: { allowMultipleLines: true, textType: "plain" } };
    case "number":
      return { ...base, number: {} };
    case "boolean":
      return { ...base, boolean: {} };
    case "dateTime":
      return { ...base, dateTime: { format: "dateTime" } };
    case "choice":
      return { ...base, choice: { choices: [...(field.choices ?? [])], allowTextEntry: false, displayAs: "dropDownMenu" } };
  }
}

/**
 * The idempotency-key column. `unique` makes SharePoint itself refuse a second item with the same key, which closes the
 * race a look-up alone leaves open; but a list with a unique column cannot break permission inheritance on items, so a
 * collection needing item-level permissions must provision without it.
 */
export function hubKeyColumn(unique: boolean): ColumnDefinition {
  return {
    name: HUB_KEY_FIELD,
    displayName: "Hub key",
    description: "Council Hub idempotency key. Do not edit.",
    required: false,
    indexed: true,
    enforceUniqueValues: unique,
    text: { allowMultipleLines: false, maxLength: HUB_KEY_LENGTH },
  };
}

/** Refuses a collection that declares a field with the hub key's name: the store would overwrite it. */
export function assertHubKeyFree(collection: CollectionDef): void {
  if (Object.keys(collection.fields).some((name) => name.toLowerCase() === HUB_KEY_FIELD.toLowerCase())) {
    throw new Error(`${collection.name}: "${HUB_KEY_FIELD}" is reserved for the SharePoint store's idempotency key.`);
  }
}

/** Every column a collection's list needs: one per field, plus the hub key. */
export function columnsFor(collection: CollectionDef, uniqueHubKey: boolean): ColumnDefinition[] {
  assertHubKeyFree(collection);
  return [...Object.entries(collection.fields).map(([name, field]) => columnFor(name, field)), hubKeyColumn(uniqueHubKey)];
}
