import { AppError, type FieldDef, type JsonValue } from "../../core";

/** A value better-sqlite3 binds or returns for our column types. */
export type SqlValue = string | number | null;

/** Turns a validated field value into its column value; absent (undefined or null) is NULL. */
export function toColumnValue(field: FieldDef, value: unknown): SqlValue {
  if (value === undefined || value === null) return null;
  switch (field.type) {
    case "boolean":
      return value ? 1 : 0;
    case "dateTime":
      // toISOString is always UTC with milliseconds, so equal instants are equal text and equality queries work.
      return (value as Date).toISOString();
    case "json":
      return JSON.stringify(value as JsonValue);
    case "number":
      return value as number;
    default:
      return value as string;
  }
}

/** Turns a column value back into a field value; NULL is `undefined`, so the key is left out of the record. */
export function fromColumnValue(field: FieldDef, value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  switch (field.type) {
    case "boolean":
      return value === 1;
    case "dateTime":
      return new Date(value as string);
    case "json":
      return JSON.parse(value as string) as JsonValue;
    default:
      return value;
  }
}

/** ISO-8601 with a date, a time and an explicit offset: a date without one would be read in the server's zone. */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Turns a query condition's value (already type-checked by validateRecordQuery) into the value its column holds.
 * dateTime conditions arrive as text: normalised to the stored form, so "…T09:30Z" finds "…T09:30:00.000Z".
 */
export function toConditionValue(name: string, field: FieldDef, equals: string | number | boolean): SqlValue {
  if (field.type === "boolean") return equals ? 1 : 0;
  if (field.type === "dateTime") {
    const date = new Date(equals as string);
    if (!ISO_DATE_TIME.test(equals as string) || Number.isNaN(date.getTime())) {
      throw AppError.badRequest(`${name} is compared with an ISO-8601 date and time with an offset, such as 2026-12-01T09:30:00Z.`);
    }
    return date.toISOString();
  }
  return equals as string | number;
}
