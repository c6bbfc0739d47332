import { AppError } from "../shared/app-error";
import type { CollectionDef, FieldDef, JsonValue } from "./collection";
import { MAX_QUERY_PAGE_SIZE, type RecordCondition, type RecordQuery } from "./record-store";

/** Longest text any field stores: SharePoint multi-line text columns hold 63,999 characters in practice. */
export const LONG_TEXT_MAX = 63_999;

type Problem = { path: string; message: string };

/**
 * Checks record data against its collection's declaration, the same way for every store, so SQLite and SharePoint
 * accept and refuse exactly the same records. `create` needs every required field; `update` checks only the fields
 * given, and refuses to clear a required one. Unknown fields are refused: they would be silently dropped otherwise.
 */
export function validateRecordData(def: CollectionDef, data: Record<string, unknown>, mode: "create" | "update"): void {
  const problems: Problem[] = [];
  for (const key of Object.keys(data)) if (!Object.hasOwn(def.fields, key)) problems.push({ path: key, message: "is not a field of " + def.name });
  for (const [name, field] of Object.entries(def.fields)) {
    const present = Object.hasOwn(data, name);
    const value = present ? data[name] : undefined;
    if (value === undefined || value === null) {
      if (field.required && (mode === "create" || present)) problems.push({ path: name, message: "is required" });
      continue;
    }
    const problem = checkValue(field, value);
    if (problem) problems.push({ path: name, message: problem });
  }
  if (problems.length > 0) {
    throw AppError.badRequest(`The ${def.title} record is not valid: ${problems.map((p) => `${p.path} ${p.message}`).join("; ")}`, problems);
  }
}

function checkValue(field: FieldDef, value: unknown): string | undefined {
  switch (field.type) {
    case "text":
    case "longText":
    case "choice": {
      if (typeof value !== "string") return "must be text";
      const max = field.maxLength ?? (field.type === "longText" ? LONG_TEXT_MAX : 255);
      if ([...value].length > max) return `must be at most ${max} characters`;
      if (field.type === "choice" && !field.choices?.includes(value)) return `must be one of ${field.choices?.join(", ")}`;
      // SharePoint refuses C0 control characters (other than tab and line breaks); refuse them everywhere alike.
      // eslint-disable-next-line no-control-regex
      if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(value)) return "must not contain control characters";
      return undefined;
    }
    case "number":
      return typeof value === "number" && Number.isFinite(value) ? undefined : "must be a finite number";
    case "boolean":
      return typeof value === "boolean" ? undefined : "must be true or false";
    case "dateTime":
      return value instanceof Date && !Number.isNaN(value.getTime()) ? undefined : "must be a valid date";
    case "json": {
      try {
        const text = JSON.stringify(value as JsonValue);
        return text.length > LONG_TEXT_MAX ? `must serialise to at most ${LONG_TEXT_MAX} characters` : undefined;
      } catch {
        return "must be JSON-serialisable";
      }
    }
  }
}

/** Checks a query: page size in range, conditions on indexed fields with values of the field's type. */
export function validateRecordQuery<F extends Record<string, FieldDef>>(def: CollectionDef<F>, query: RecordQuery<F>): void {
  if (!Number.isInteger(query.pageSize) || query.pageSize < 1 || query.pageSize > MAX_QUERY_PAGE_SIZE) {
    throw AppError.badRequest(`pageSize must be a whole number from 1 to ${MAX_QUERY_PAGE_SIZE}.`);
  }
  for (const condition of query.where ?? []) checkCondition(def, condition);
}

function checkCondition<F extends Record<string, FieldDef>>(def: CollectionDef<F>, condition: RecordCondition<F>): void {
  const field: FieldDef | undefined = Object.hasOwn(def.fields, condition.field) ? def.fields[condition.field] : undefined;
  if (!field) throw AppError.badRequest(`${condition.field} is not a field of ${def.name}.`);
  // Unindexed queries fail in SharePoint once a list passes 5,000 items: refuse them everywhere, so they fail in dev.
  if (!field.indexed) throw AppError.badRequest(`${def.name}.${condition.field} is not indexed, so it cannot be queried.`);
  const expected = field.type === "number" ? "number" : field.type === "boolean" ? "boolean" : "string";
  if (typeof condition.equals !== expected) throw AppError.badRequest(`${def.name}.${condition.field} is compared with a ${expected}.`);
  if (typeof condition.equals === "number" && !Number.isFinite(condition.equals)) throw AppError.badRequest(`${def.name}.${condition.field} is compared with a finite number.`);
}
