import { randomUUID } from "node:crypto";
import { SHAREPOINT_MAX_INDEXED_COLUMNS } from "../../graph/sharepoint/sharepoint-limits";
import { ODataSyntaxError, type FilterExpression, type ODataLiteral } from "./sharepoint-odata";

/**
 * The in-memory state behind the SharePoint fake: sites, lists, columns and items, with SharePoint's own rules for
 * column definitions and field values. Routes (sharepoint-fake.ts) translate HTTP to and from these.
 */

/** Most characters a single-line text column holds. */
export const FAKE_SINGLE_LINE_MAX = 255;
/** Most characters the fake keeps in a plain multi-line text column. */
export const FAKE_MULTI_LINE_MAX = 63_999;
/** Indexed columns a list may have (SharePoint's limit per list). */
export const FAKE_MAX_INDEXES = SHAREPOINT_MAX_INDEXED_COLUMNS;

/** Column kinds the fake understands; the built-in read-only ones only appear on the default columns. */
export type ColumnKind = "text" | "number" | "boolean" | "dateTime" | "choice" | "counter" | "computed" | "user";

/** A list column: its internal name, type and the settings SharePoint enforces. */
export interface FakeColumn {
  readonly id: string;
  readonly name: string;
  displayName: string;
  description: string;
  readonly kind: ColumnKind;
  /** text only. */
  readonly allowMultipleLines: boolean;
  maxLength: number;
  choices: string[];
  indexed: boolean;
  enforceUniqueValues: boolean;
  required: boolean;
  readonly readOnly: boolean;
  readonly hidden: boolean;
}

/** A stored value; absent values are simply missing from the map, as SharePoint omits empty fields. */
export type StoredValue = string | number | boolean;

/** A list item: id, eTag parts, system dates and column values. */
export interface FakeItem {
  readonly id: number;
  /** SharePoint's item GUID, the first half of the eTag. */
  readonly uniqueId: string;
  version: number;
  readonly created: string;
  modified: string;
  readonly values: Map<string, StoredValue>;
}

/** A generic list: its columns, items and unique indexes. */
export interface FakeList {
  readonly id: string;
  /** URL name, fixed when the list is created (later display-name changes do not move it). */
  readonly name: string;
  displayName: string;
  description: string;
  readonly template: string;
  readonly created: string;
  modified: string;
  readonly columns: FakeColumn[];
  readonly items: Map<number, FakeItem>;
  /** Item ids count up and are never reused, even after deletes. */
  nextItemId: number;
  /** For each column enforcing unique values: normalised value → item id (SharePoint's unique index). */
  readonly unique: Map<string, Map<string, number>>;
}

/** A site and its lists. */
export interface FakeSite {
  readonly id: string;
  readonly hostname: string;
  /** Server-relative path, e.g. `/sites/hr`. */
  readonly path: string;
  readonly displayName: string;
  readonly lists: FakeList[];
}

/** A rule broken by a request; the routes answer it with `status` and Graph's error `code`. */
export class SharePointRuleError extends Error {
  override readonly name = "SharePointRuleError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Current time at SharePoint's precision: whole seconds, UTC. */
export function spNow(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** The eTag of an item as Graph writes it, quotes included: `"<guid>,<version>"`. */
export function itemETag(item: FakeItem): string {
  return `"${item.uniqueId},${item.version}"`;
}

/** Compares an If-Match header with the item's eTag; `*` matches anything, weak prefixes and quotes are ignored. */
export function eTagMatches(header: string, item: FakeItem): boolean {
  const strip = (value: string): string => value.trim().replace(/^W\//, "").replace(/^"|"$/g, "");
  return header.trim() === "*" || strip(header) === strip(itemETag(item));
}

// Internal names of the columns every generic list starts with; a custom column may not reuse one, in any case.
const BUILT_IN: ReadonlyArray<Partial<FakeColumn> & { name: string; kind: ColumnKind }> = [
  { name: "Title", kind: "text", required: true, maxLength: FAKE_SINGLE_LINE_MAX },
  { name: "ID", kind: "counter", readOnly: true, indexed: true },
  { name: "ContentType", kind: "computed", readOnly: true },
  { name: "Created", kind: "dateTime", readOnly: true },
  { name: "Modified", kind: "dateTime", readOnly: true },
  { name: "Author", kind: "user", readOnly: true },
  { name: "Editor", kind: "user", readOnly: true },
  { name: "Attachments", kind: "boolean", readOnly: true },
  { name: "Edit", kind: "computed", readOnly: true },
  { name: "LinkTitle", kind: "computed", readOnly: true },
  { name: "LinkTitleNoMenu", kind: "computed", readOnly: true },
  { name: "DocIcon", kind: "computed", readOnly: true, hidden: true },
  { name: "ItemChildCount", kind: "computed", readOnly: true, hidden: true },
  { name: "FolderChildCount", kind: "computed", readOnly: true, hidden: true },
  { name: "_UIVersionString", kind: "computed", readOnly: true, hidden: true },
  { name: "_ComplianceFlags", kind: "computed", readOnly: true, hidden: true },
  { name: "Order", kind: "number", readOnly: true, hidden: true },
  { name: "GUID", kind: "computed", readOnly: true, hidden: true },
  { name: "FileRef", kind: "computed", readOnly: true, hidden: true },
  { name: "FileLeafRef", kind: "computed", readOnly: true, hidden: true },
  { name: "AppAuthor", kind: "user", readOnly: true, hidden: true },
  { name: "AppEditor", kind: "user", readOnly: true, hidden: true },
];

/** The default columns of a new `genericList`. */
export function builtInColumns(): FakeColumn[] {
  return BUILT_IN.map((c) => ({
    id: randomUUID(),
    displayName: c.name,
    description: "",
    allowMultipleLines: false,
    maxLength: c.maxLength ?? 0,
    choices: [],
    indexed: c.indexed ?? false,
    enforceUniqueValues: false,
    required: c.required ?? false,
    readOnly: c.readOnly ?? false,
    hidden: c.hidden ?? false,
    ...c,
  }));
}

const INTERNAL_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,31}$/;
type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

/** Builds a column from a Graph columnDefinition, enforcing SharePoint's rules for names, types and indexes. */
export function createColumn(list: Pick<FakeList, "columns"> & Partial<Pick<FakeList, "items" | "unique">>, definition: unknown): FakeColumn {
  if (!isObject(definition)) throw new SharePointRuleError(400, "invalidRequest", "A column definition must be an object.");
  const name = definition.name;
  if (typeof name !== "string" || !INTERNAL_NAME.test(name)) throw new SharePointRuleError(400, "invalidRequest", `Invalid column name ${JSON.stringify(name)}.`);
  if (list.columns.some((c) => c.name.toLowerCase() === name.toLowerCase())) {
    throw new SharePointRuleError(409, "nameAlreadyExists", `A column named '${name}' already exists in this list.`);
  }
  const facets = (["text", "number", "boolean", "dateTime", "choice"] as const).filter((f) => definition[f] !== undefined);
  if (facets.length !== 1) throw new SharePointRuleError(400, "invalidRequest", `Column '${name}' needs exactly one type facet (text, number, boolean, dateTime, choice).`);
  const kind = facets[0]!;
  const facet = isObject(definition[kind]) ? (definition[kind] as Json) : {};
  const allowMultipleLines = kind === "text" && facet.allowMultipleLines === true;
  const column: FakeColumn = {
    id: randomUUID(),
    name,
    displayName: typeof definition.displayName === "string" ? definition.displayName : name,
    description: typeof definition.description === "string" ? definition.description : "",
    kind,
    allowMultipleLines,
    maxLength: kind === "text" ? (allowMultipleLines ? FAKE_MULTI_LINE_MAX : FAKE_SINGLE_LINE_MAX) : 0,
    choices: [],
    indexed: false,
    enforceUniqueValues: false,
    required: false,
    readOnly: false,
    hidden: false,
  };
  applyColumnChanges(list, column, definition, true);
  return column;
}

/** Applies a PATCH (or the settable parts of a new definition) to a column, validating the result as a whole. */
export function applyColumnChanges(list: Pick<FakeList, "columns"> & Partial<Pick<FakeList, "items" | "unique">>, column: FakeColumn, changes: Json, creating = false): void {
  if (column.readOnly) throw new SharePointRuleError(400, "invalidRequest", `Column '${column.name}' is read-only.`);
  for (const facet of ["text", "number", "boolean", "dateTime", "choice"] as const) {
    if (changes[facet] !== undefined && facet !== column.kind) throw new SharePointRuleError(400, "invalidRequest", `The type of column '${column.name}' cannot be changed.`);
  }
  const next = { ...column };
  if (typeof changes.displayName === "string") next.displayName = changes.displayName;
  if (typeof changes.description === "string") next.description = changes.description;
  if (typeof changes.indexed === "boolean") next.indexed = changes.indexed;
  if (typeof changes.required === "boolean") next.required = changes.required;
  if (typeof changes.enforceUniqueValues === "boolean") next.enforceUniqueValues = changes.enforceUniqueValues;
  const facet = isObject(changes[column.kind]) ? (changes[column.kind] as Json) : undefined;
  if (column.kind === "text" && facet) {
    if (!creating && facet.allowMultipleLines !== undefined && facet.allowMultipleLines !== column.allowMultipleLines) {
      throw new SharePointRuleError(400, "invalidRequest", `Column '${column.name}' cannot switch between single and multiple lines here.`);
    }
    if (typeof facet.maxLength === "number") {
      if (!column.allowMultipleLines && (facet.maxLength < 1 || facet.maxLength > FAKE_SINGLE_LINE_MAX)) {
        throw new SharePointRuleError(400, "invalidRequest", `Single line of text holds 1 to ${FAKE_SINGLE_LINE_MAX} characters.`);
      }
      next.maxLength = facet.maxLength;
    }
  }
  if (column.kind === "choice" && facet && facet.choices !== undefined) {
    if (!Array.isArray(facet.choices) || facet.choices.some((c) => typeof c !== "string")) throw new SharePointRuleError(400, "invalidRequest", "choices must be strings.");
    next.choices = [...(facet.choices as string[])];
  }
  if (column.kind === "choice" && next.choices.length === 0) throw new SharePointRuleError(400, "invalidRequest", `Choice column '${column.name}' needs choices.`);
  if (next.indexed && column.allowMultipleLines) throw new SharePointRuleError(400, "invalidRequest", `Multiple lines of text column '${column.name}' cannot be indexed.`);
  if (next.enforceUniqueValues && !next.indexed) {
    throw new SharePointRuleError(400, "invalidRequest", `Column '${column.name}' must be indexed to enforce unique values.`);
  }
  const indexesAfter = list.columns.filter((c) => c.id !== column.id && c.indexed && c.kind !== "counter").length + (next.indexed ? 1 : 0);
  if (next.indexed && !column.indexed && indexesAfter > FAKE_MAX_INDEXES) {
    throw new SharePointRuleError(400, "invalidRequest", `A list can have at most ${FAKE_MAX_INDEXES} indexed columns.`);
  }
  let built: Map<string, number> | undefined;
  if (next.enforceUniqueValues && !column.enforceUniqueValues && list.items) {
    built = new Map();
    for (const item of list.items.values()) {
      const value = item.values.get(column.name);
      if (value === undefined) continue;
      if (built.has(uniqueKey(value))) throw new SharePointRuleError(400, "invalidRequest", `Column '${column.name}' has duplicate values, so it cannot enforce unique values.`);
      built.set(uniqueKey(value), item.id);
    }
  }
  Object.assign(column, next);
  if (list.unique) {
    if (built) list.unique.set(column.name, built);
    else if (!next.enforceUniqueValues) list.unique.delete(column.name);
  }
}

/** Graph's JSON for a column definition. */
export function renderColumn(column: FakeColumn): Json {
  const facet: Json =
    column.kind === "text"
      ? { text: { allowMultipleLines: column.allowMultipleLines, appendChangesToExistingText: false, linesForEditing: column.allowMultipleLines ? 6 : 0, maxLength: column.maxLength, ...(column.allowMultipleLines ? { textType: "plain" } : {}) } }
      : column.kind === "choice"
        ? { choice: { allowTextEntry: false, choices: [...column.choices], displayAs: "dropDownMenu" } }
        : column.kind === "number"
          ? { number: { decimalPlaces: "automatic", displayAs: "number" } }
          : column.kind === "boolean"
            ? { boolean: {} }
            : column.kind === "dateTime"
              ? { dateTime: { displayAs: "default", format: "dateTime" } }
              : {};
  return {
    id: column.id,
    name: column.name,
    displayName: column.displayName,
    description: column.description,
    columnGroup: BUILT_IN.some((b) => b.name === column.name) ? "Base Columns" : "Custom Columns",
    enforceUniqueValues: column.enforceUniqueValues,
    hidden: column.hidden,
    indexed: column.indexed,
    readOnly: column.readOnly,
    required: column.required,
    ...facet,
  };
}

/**
 * Checks and normalises field values for a create (`creating`) or a PATCH of fields: unknown and read-only fields are
 * refused, values must match the column type, empty text is stored as no value, dates keep whole seconds only.
 */
export function normaliseFields(list: FakeList, fields: unknown, creating: boolean, self?: FakeItem): Map<string, StoredValue | null> {
  if (!isObject(fields)) throw new SharePointRuleError(400, "invalidRequest", "fields must be an object.");
  const out = new Map<string, StoredValue | null>();
  for (const [name, raw] of Object.entries(fields)) {
    if (name.startsWith("@odata.")) continue;
    const column = list.columns.find((c) => c.name === name);
    if (!column) throw new SharePointRuleError(400, "invalidRequest", `Field '${name}' is not recognized`);
    if (column.readOnly) throw new SharePointRuleError(400, "invalidRequest", `Field '${name}' is read-only`);
    out.set(name, normaliseValue(column, raw));
  }
  for (const column of list.columns) {
    const value = out.has(column.name) ? out.get(column.name) : creating ? null : self?.values.get(column.name);
    if (column.required && (value === null || value === undefined)) throw new SharePointRuleError(400, "invalidRequest", `Field '${column.name}' is required.`);
    if (column.enforceUniqueValues && value !== null && value !== undefined && out.has(column.name)) {
      const holder = list.unique.get(column.name)?.get(uniqueKey(value));
      if (holder !== undefined && holder !== self?.id) {
        throw new SharePointRuleError(
          409,
          "nameAlreadyExists",
          `The list item could not be added or updated because duplicate values were found in the following field(s) in the list: [${column.name}].`,
        );
      }
    }
  }
  return out;
}

/** Writes values to an item, keeping the unique indexes in step; null clears a field. */
export function writeValues(list: FakeList, item: FakeItem, values: ReadonlyMap<string, StoredValue | null>): void {
  for (const [name, value] of values) {
    const index = list.unique.get(name);
    const old = item.values.get(name);
    if (index && old !== undefined) index.delete(uniqueKey(old));
    if (value === null) item.values.delete(name);
    else item.values.set(name, value);
    if (index && value !== null) index.set(uniqueKey(value), item.id);
  }
}

/** Removes an item, and its values from the unique indexes. */
export function removeItem(list: FakeList, item: FakeItem): void {
  for (const [name, index] of list.unique) {
    const value = item.values.get(name);
    if (value !== undefined) index.delete(uniqueKey(value));
  }
  list.items.delete(item.id);
}

// SharePoint compares text case-insensitively (its SQL collation), for uniqueness and for $filter alike.
function uniqueKey(value: StoredValue): string {
  return typeof value === "string" ? value.toLowerCase().replace(/ +$/, "") : `${typeof value}:${String(value)}`;
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;

function normaliseValue(column: FakeColumn, raw: unknown): StoredValue | null {
  if (raw === null) return null;
  const bad = (what: string): never => {
    throw new SharePointRuleError(400, "invalidRequest", `Field '${column.name}' ${what}.`);
  };
  switch (column.kind) {
    case "text":
    case "choice": {
      if (typeof raw !== "string") return bad("must be a string");
      // .NET counts UTF-16 code units, so an emoji costs two of the 255.
      if (column.kind === "text" && raw.length > column.maxLength) return bad(`exceeds its maximum length of ${column.maxLength}`);
      if (CONTROL.test(raw)) return bad("contains characters that are not allowed");
      // Choice values are not checked against the choices through the API: only forms enforce them.
      return raw === "" ? null : raw;
    }
    case "number":
      return typeof raw === "number" && Number.isFinite(raw) ? raw : bad("must be a number");
    case "boolean":
      return typeof raw === "boolean" ? raw : bad("must be true or false");
    case "dateTime": {
      const time = typeof raw === "string" ? Date.parse(raw) : Number.NaN;
      if (Number.isNaN(time)) return bad("must be an ISO 8601 date");
      return new Date(time).toISOString().replace(/\.\d{3}Z$/, "Z");
    }
    default:
      return bad("is read-only");
  }
}

/** The fieldValueSet Graph returns for an item: etag, id, the system fields and every non-empty column value. */
export function renderFields(item: FakeItem): Json {
  const fields: Json = {
    "@odata.etag": itemETag(item),
    id: String(item.id),
    ContentType: "Item",
    Modified: item.modified,
    Created: item.created,
    AuthorLookupId: "7",
    EditorLookupId: "7",
    _UIVersionString: `${item.version}.0`,
    Attachments: false,
    Edit: "",
    ItemChildCount: "0",
    FolderChildCount: "0",
  };
  for (const [name, value] of item.values) fields[name] = value;
  return fields;
}

/** Graph's JSON for a list item, with `fields` when expanded. */
export function renderItem(item: FakeItem, webUrl: string, withFields: boolean): Json {
  return {
    "@odata.etag": itemETag(item),
    id: String(item.id),
    eTag: itemETag(item),
    createdDateTime: item.created,
    lastModifiedDateTime: item.modified,
    webUrl: `${webUrl}/${item.id}_.000`,
    createdBy: { application: { displayName: "Council Hub" } },
    lastModifiedBy: { application: { displayName: "Council Hub" } },
    contentType: { id: "0x0100", name: "Item" },
    ...(withFields ? { fields: renderFields(item) } : {}),
  };
}

/** Whether an item matches a parsed filter, with SharePoint's comparison rules per column type. */
export function matchesFilter(list: FakeList, item: FakeItem, expression: FilterExpression): boolean {
  if (expression.kind !== "compare") {
    const left = matchesFilter(list, item, expression.left);
    return expression.kind === "and" ? left && matchesFilter(list, item, expression.right) : left || matchesFilter(list, item, expression.right);
  }
  const column = list.columns.find((c) => c.name === expression.column);
  if (!column) throw new SharePointRuleError(400, "invalidRequest", `Field '${expression.column}' is not recognized`);
  const value = column.kind === "counter" ? item.id : item.values.get(column.name);
  const equal = compare(column, value, expression.literal);
  return expression.op === "eq" ? equal : !equal;
}

function compare(column: FakeColumn, value: StoredValue | undefined, literal: ODataLiteral): boolean {
  if (literal.kind === "null") return value === undefined;
  const mismatch = (): never => {
    throw new ODataSyntaxError(`Field '${column.name}' cannot be compared with a ${literal.kind} literal.`);
  };
  switch (column.kind) {
    case "text":
    case "choice":
      if (literal.kind !== "string") return mismatch();
      return typeof value === "string" && uniqueKey(value) === uniqueKey(literal.value);
    case "number":
    case "counter":
      if (literal.kind !== "number") return mismatch();
      return value === literal.value;
    case "boolean":
      // Yes/No columns compare with 1 and 0. `eq true` / `eq 'true'` are accepted but match the opposite items
      // (SharePoint/sp-dev-docs#4750 and #5594), so the fake does the same to catch a store that sends them.
      if (literal.kind === "number") return value === (literal.value === 1);
      if (literal.kind === "boolean") return value === !literal.value;
      if (literal.kind === "string" && (literal.value === "true" || literal.value === "false")) return value === (literal.value !== "true");
      return mismatch();
    case "dateTime": {
      if (literal.kind !== "string") return mismatch();
      const time = Date.parse(literal.value);
      if (Number.isNaN(time)) return mismatch();
      return typeof value === "string" && Date.parse(value) === Math.floor(time / 1000) * 1000;
    }
    default:
      return mismatch();
  }
}
