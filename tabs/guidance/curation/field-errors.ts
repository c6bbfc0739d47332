import type { ApiErrorDetail } from "../../shared/api-types";

/**
 * Groups a 400's field details by the form field they belong to, using the first segment of each detail's path
 * ("triggers.2" → "triggers"), so each message can sit next to its field. Details that name no known field are
 * returned under "" for a summary above the form.
 */
export function fieldErrors(details: readonly ApiErrorDetail[], fields: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { path, message } of details) {
    const [head = "", index] = path.split(".");
    const key = fields.includes(head) ? head : "";
    const text = index !== undefined && /^\d+$/.test(index) ? `Item ${Number(index) + 1}: ${message}` : message;
    out[key] = out[key] ? `${out[key]} ${text}` : text;
  }
  return out;
}
