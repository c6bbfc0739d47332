import { AppError, type CollectionDef, type JsonValue } from "../../core";

/** A value as SharePoint's fieldValueSet carries it; null clears a field. */
export type SharePointValue = string | number | boolean | null;

/**
 * Record data (already validated by core) → SharePoint field values. Internal names are the field names; dates go as
 * ISO 8601 UTC; json is serialised into its multi-line text column. In `update` mode an undefined or null value
 * becomes null, which is how Graph clears a field; in `create` mode it is simply left out.
 */
export function toFieldValues(collection: CollectionDef, data: Readonly<Record<string, unknown>>, mode: "create" | "update"): Record<string, SharePointValue> {
  const out: Record<string, SharePointValue> = {};
  for (const [name, value] of Object.entries(data)) {
    const field = collection.fields[name];
    if (!field) continue; // core's validation already refused unknown fields
    if (value === undefined || value === null) {
      if (mode === "update") out[name] = null;
      continue;
    }
    switch (field.type) {
      case "dateTime":
        out[name] = (value as Date).toISOString();
        break;
      case "json":
        out[name] = JSON.stringify(value as JsonValue);
        break;
      default:
        out[name] = value as string | number | boolean;
    }
  }
  return out;
}

/**
 * SharePoint field values → record data: only declared fields are read (SharePoint adds its own, such as Title and
 * Modified), missing or null values stay absent. A value of the wrong shape means the list was edited outside Council
 * Hub (say, text typed into a json column in the browser): that is a 500 naming the field, never a silent guess.
 */
export function fromFieldValues(collection: CollectionDef, fields: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(collection.fields)) {
    const raw = fields[name];
    if (raw === undefined || raw === null) continue;
    const corrupt = (): never => {
      throw new AppError("internal", `A ${collection.title} record holds a value Council Hub cannot read.`, {
        cause: new Error(`${collection.name}.${name}: unexpected ${typeof raw} from SharePoint`),
      });
    };
    switch (field.type) {
      case "number": {
        // Graph returns numbers as JSON numbers; a numeric string is accepted for columns created by hand.
        const n = typeof raw === "number" ? raw : typeof raw === "string" && raw.trim() !== "" ? Number(raw) : Number.NaN;
        data[name] = Number.isFinite(n) ? n : corrupt();
        break;
      }
      case "boolean":
        data[name] = typeof raw === "boolean" ? raw : corrupt();
        break;
      case "dateTime": {
        const date = typeof raw === "string" ? new Date(raw) : undefined;
        data[name] = date && !Number.isNaN(date.getTime()) ? date : corrupt();
        break;
      }
      case "json":
        try {
          data[name] = typeof raw === "string" ? (JSON.parse(raw) as JsonValue) : corrupt();
        } catch {
          corrupt();
        }
        break;
      default:
        data[name] = typeof raw === "string" ? raw : corrupt();
    }
  }
  return data;
}
