import { AppError, type CollectionDef, type StoredRecord } from "../../core";
import { fromFieldValues } from "./field-values";

/** The parts of a Graph listItem the store reads. */
export interface GraphListItem {
  readonly id: string;
  readonly eTag?: string;
  readonly "@odata.etag"?: string;
  readonly createdDateTime?: string;
  readonly lastModifiedDateTime?: string;
  readonly fields?: GraphFieldValueSet;
}

/** A Graph fieldValueSet: column values plus SharePoint's own (`@odata.etag`, `id`, `Created`, `Modified`, …). */
export type GraphFieldValueSet = Readonly<Record<string, unknown>> & { readonly "@odata.etag"?: string };

/** A page of list items. */
export interface GraphItemPage {
  readonly value: readonly GraphListItem[];
  readonly "@odata.nextLink"?: string;
}

function date(value: unknown, fallback: unknown): Date {
  const text = typeof value === "string" ? value : typeof fallback === "string" ? fallback : undefined;
  const parsed = text ? new Date(text) : undefined;
  if (!parsed || Number.isNaN(parsed.getTime())) throw new AppError("internal", "SharePoint returned an item without dates.");
  return parsed;
}

/** A fieldValueSet (from PATCH …/fields or an expanded item) → StoredRecord; the version is the item's eTag. */
export function recordFromFields<D>(collection: CollectionDef, id: string, fields: GraphFieldValueSet, item?: GraphListItem): StoredRecord<D> {
  const version = fields["@odata.etag"] ?? item?.eTag ?? item?.["@odata.etag"];
  if (!version) throw new AppError("internal", "SharePoint returned an item without an eTag.");
  return {
    id,
    version,
    createdAt: date(fields.Created, item?.createdDateTime),
    updatedAt: date(fields.Modified, item?.lastModifiedDateTime),
    data: fromFieldValues(collection, fields) as D,
  };
}

/** An expanded listItem → StoredRecord. */
export function recordFromItem<D>(collection: CollectionDef, item: GraphListItem): StoredRecord<D> {
  if (!item.fields) throw new AppError("internal", "SharePoint returned an item without its fields.");
  return recordFromFields<D>(collection, String(item.id), item.fields, item);
}
