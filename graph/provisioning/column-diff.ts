import { facetOf, type ColumnDefinition } from "../sharepoint/column-definitions";

/** The parts of a Graph columnDefinition provisioning compares. */
export interface GraphColumn {
  readonly id: string;
  readonly name: string;
  readonly indexed?: boolean;
  readonly required?: boolean;
  readonly enforceUniqueValues?: boolean;
  readonly readOnly?: boolean;
  readonly text?: { readonly allowMultipleLines?: boolean; readonly maxLength?: number };
  readonly number?: object;
  readonly boolean?: object;
  readonly dateTime?: object;
  readonly choice?: { readonly choices?: readonly string[] };
}

/** What must change on an existing column: a PATCH body and a description, or a problem no PATCH can fix. */
export type ColumnDiff =
  | { readonly kind: "same" }
  | { readonly kind: "patch"; readonly body: Record<string, unknown>; readonly summary: string }
  | { readonly kind: "incompatible"; readonly reason: string };

function existingFacet(column: GraphColumn): string | undefined {
  return (["text", "number", "boolean", "dateTime", "choice"] as const).find((facet) => column[facet] !== undefined);
}

/**
 * Compares an existing column with the declared one. Index, required, unique values, choices and text length are
 * changed in place; a different type is never "fixed" (that would mean dropping the column and its data), so it is
 * reported for a person to resolve. Display names are left alone: site owners may rename columns for their views.
 */
export function diffColumn(existing: GraphColumn, desired: ColumnDefinition): ColumnDiff {
  const facet = facetOf(desired);
  if (existing.readOnly) return { kind: "incompatible", reason: `${existing.name} is a read-only SharePoint column` };
  if (existingFacet(existing) !== facet) return { kind: "incompatible", reason: `${existing.name} is a ${existingFacet(existing) ?? "different"} column, declared ${facet}` };
  if ("text" in desired && (existing.text?.allowMultipleLines ?? false) !== desired.text.allowMultipleLines) {
    return { kind: "incompatible", reason: `${existing.name} is ${existing.text?.allowMultipleLines ? "multi" : "single"}-line text, declared otherwise` };
  }
  const body: Record<string, unknown> = {};
  const notes: string[] = [];
  if ((existing.indexed ?? false) !== desired.indexed) {
    body.indexed = desired.indexed;
    notes.push(desired.indexed ? "add index" : "remove index");
  }
  if ((existing.enforceUniqueValues ?? false) !== desired.enforceUniqueValues) {
    body.enforceUniqueValues = desired.enforceUniqueValues;
    notes.push(desired.enforceUniqueValues ? "enforce unique values" : "allow duplicate values");
  }
  if ((existing.required ?? false) !== desired.required) {
    body.required = desired.required;
    notes.push(desired.required ? "make required" : "make optional");
  }
  if ("choice" in desired && JSON.stringify(existing.choice?.choices ?? []) !== JSON.stringify(desired.choice.choices)) {
    body.choice = { choices: desired.choice.choices };
    notes.push(`choices ${desired.choice.choices.join("/")}`);
  }
  if ("text" in desired && !desired.text.allowMultipleLines && desired.text.maxLength !== undefined && existing.text?.maxLength !== desired.text.maxLength) {
    body.text = { maxLength: desired.text.maxLength };
    notes.push(`at most ${desired.text.maxLength} characters`);
  }
  return notes.length === 0 ? { kind: "same" } : { kind: "patch", body, summary: notes.join(", ") };
}
