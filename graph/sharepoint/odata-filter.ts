import { AppError, type CollectionDef, type FieldDef, type RecordCondition } from "../../core";

/** A field name as it may appear in `fields/<name>`; declarations are checked by core, this is a second lock. */
const SAFE_NAME = /^[A-Za-z][A-Za-z0-9]{0,31}$/;

/** A string as an OData literal: single-quoted, with each quote inside doubled. Nothing else needs escaping. */
export function quoteODataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * One condition value as the OData literal SharePoint expects for the field's column type. Booleans are sent as
 * 1/0: SharePoint matches Yes/No columns against `eq true` inverted (SharePoint/sp-dev-docs#4750, #5594).
 */
export function odataLiteral(field: FieldDef, value: string | number | boolean): string {
  switch (field.type) {
    case "number":
      if (typeof value !== "number" || !Number.isFinite(value)) throw AppError.badRequest("A number field is compared with a finite number.");
      return String(value);
    case "boolean":
      return value === true ? "1" : "0";
    case "dateTime": {
      const time = typeof value === "string" ? Date.parse(value) : Number.NaN;
      if (Number.isNaN(time)) throw AppError.badRequest("A date field is compared with an ISO 8601 date.");
      return quoteODataString(new Date(time).toISOString());
    }
    default:
      return quoteODataString(String(value));
  }
}

/** Builds `$filter` from validated conditions: `fields/a eq 'x' and fields/b eq 1`, or undefined when there are none. */
export function buildItemFilter<F extends Record<string, FieldDef>>(collection: CollectionDef<F>, where: readonly RecordCondition<F>[] | undefined): string | undefined {
  if (!where || where.length === 0) return undefined;
  return where
    .map(({ field, equals }) => {
      if (!SAFE_NAME.test(field)) throw AppError.badRequest(`${field} is not a field of ${collection.name}.`);
      return `fields/${field} eq ${odataLiteral(collection.fields[field]!, equals)}`;
    })
    .join(" and ");
}

/**
 * Whether record data matches every condition exactly. SharePoint compares text case-insensitively and ignores
 * trailing spaces (its SQL collation); SQLite does neither. Re-checking each page keeps both stores' answers
 * identical, at the price of pages sometimes shorter than pageSize.
 */
export function matchesExactly<F extends Record<string, FieldDef>>(collection: CollectionDef<F>, where: readonly RecordCondition<F>[] | undefined, data: Readonly<Record<string, unknown>>): boolean {
  return (where ?? []).every(({ field, equals }) => {
    const value = data[field];
    if (collection.fields[field]?.type === "dateTime") return value instanceof Date && value.getTime() === Date.parse(String(equals));
    return value === equals;
  });
}
