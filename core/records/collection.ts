import { councilMidnight } from "../shared/calendar-day";

/**
 * Record collections are declared once, here in core, and that one declaration drives both storage
 * implementations: SQLite tables (store/) and SharePoint lists (graph/). Each capability (adjustment cases,
 * technology proposals, surveys, news, …) declares its collections with `defineCollection`.
 */

/** The kinds of field a record may hold. Each maps to a SQLite column type and a SharePoint column type. */
export type FieldType = "text" | "longText" | "number" | "boolean" | "dateTime" | "choice" | "json";

export interface FieldDef {
  readonly type: FieldType;
  /** A record cannot be created without it. */
  readonly required?: boolean;
  /** Queryable with `RecordQuery` (an index in SQLite; an indexed column in SharePoint, needed past 5,000 items). */
  readonly indexed?: boolean;
  /** Health or disability data (UK GDPR Article 9): need-to-know access, every read and write audited. */
  readonly specialCategory?: boolean;
  /** Allowed values, for `choice` fields. */
  readonly choices?: readonly string[];
  /** Longest text accepted (SharePoint single-line text holds at most 255 characters). */
  readonly maxLength?: number;
}

export interface CollectionDef<F extends Record<string, FieldDef> = Record<string, FieldDef>> {
  /** Stable id, lower-case letters, digits and hyphens: table and list names derive from it. Never rename. */
  readonly name: string;
  /** Display name, e.g. the SharePoint list title. */
  readonly title: string;
  readonly description: string;
  readonly fields: F;
  /**
   * How precisely a store stamps records' created and updated times. "day" keeps the council's calendar day only
   * (stored as midnight UTC of that date), for collections where the moment of an event could identify who caused
   * it (the anonymous query log). Default
   * "instant". Stores that cannot control their own stamps (SharePoint's Created column) say so where they are set up.
   */
  readonly timestamps?: "instant" | "day";
}

/**
 * A record store's clock for a collection: the instant, or the day only when the collection asks for that. The day
 * is the council's (London) calendar day, the same day the query log and feedback record, so a question asked at
 * 00:30 BST is not stamped as the day before.
 */
export function stampFor(def: Pick<CollectionDef, "timestamps">, now: Date): Date {
  return def.timestamps === "day" ? councilMidnight(now) : now;
}

/** Most characters a SharePoint single-line text column holds. */
export const SINGLE_LINE_TEXT_MAX = 255;
/** Field names must be plain identifiers: they become SQLite column and SharePoint internal names. */
const FIELD_NAME = /^[a-z][a-zA-Z0-9]{0,31}$/;
const COLLECTION_NAME = /^[a-z][a-z0-9-]{1,39}$/;
/** Names SharePoint and our stores use for their own columns. */
/** Compared in lower case: SharePoint internal names and SQLite column names both ignore case. */
const RESERVED_FIELDS = new Set(["id", "version", "createdat", "updatedat", "title", "created", "modified", "author", "editor", "etag", "constructor", "prototype", "__proto__", "tostring", "valueof", "hasownproperty"]);

/** Declares a collection, checking the declaration itself so mistakes fail at start, not at the first write. */
export function defineCollection<const F extends Record<string, FieldDef>>(def: CollectionDef<F>): CollectionDef<F> {
  if (!COLLECTION_NAME.test(def.name)) throw new Error(`Collection name "${def.name}" must be lower-case letters, digits and hyphens.`);
  const seen = new Set<string>();
  for (const [name, field] of Object.entries(def.fields)) {
    if (seen.has(name.toLowerCase())) throw new Error(`${def.name}: field names "${name}" and another differ only in case; stores would see one column.`);
    seen.add(name.toLowerCase());
    if (!FIELD_NAME.test(name)) throw new Error(`${def.name}: field name "${name}" must be a camelCase identifier of at most 32 characters.`);
    if (RESERVED_FIELDS.has(name.toLowerCase())) throw new Error(`${def.name}: field name "${name}" is reserved.`);
    if (field.type === "choice" && (!field.choices || field.choices.length === 0)) throw new Error(`${def.name}.${name}: a choice field needs choices.`);
    if (field.type === "text" && field.maxLength !== undefined && field.maxLength > SINGLE_LINE_TEXT_MAX) {
      throw new Error(`${def.name}.${name}: text holds at most ${SINGLE_LINE_TEXT_MAX} characters; use longText.`);
    }
    if (field.indexed && (field.type === "longText" || field.type === "json")) throw new Error(`${def.name}.${name}: ${field.type} fields cannot be indexed.`);
  }
  return def;
}

/** The fields of a collection that hold special-category data. */
export function specialCategoryFields(def: CollectionDef): string[] {
  return Object.entries(def.fields).filter(([, f]) => f.specialCategory).map(([name]) => name);
}

/** JSON-safe values a `json` field may hold. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

type ValueOf<T extends FieldType> = T extends "number" ? number : T extends "boolean" ? boolean : T extends "dateTime" ? Date : T extends "json" ? JsonValue : string;

type RequiredKeys<F extends Record<string, FieldDef>> = { [K in keyof F]: F[K]["required"] extends true ? K : never }[keyof F];
type OptionalKeys<F extends Record<string, FieldDef>> = Exclude<keyof F, RequiredKeys<F>>;

/** The data of a record of collection F, typed from its declaration. */
export type RecordData<F extends Record<string, FieldDef>> = { [K in RequiredKeys<F>]: ValueOf<F[K]["type"]> } & {
  [K in OptionalKeys<F>]?: ValueOf<F[K]["type"]>;
};

/** A stored record: the data plus what the store keeps about it. */
export interface StoredRecord<D> {
  /** Store-assigned id (SQLite row id, SharePoint item id), opaque to core. */
  readonly id: string;
  /** Opaque version (a counter in SQLite, the item eTag in SharePoint): pass it back to update or delete. */
  readonly version: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly data: D;
}
