import type { Client } from "@microsoft/microsoft-graph-client";
import type { CollectionDef } from "../../core";
import type { RetryPolicy } from "./retry-policy";
import { SHAREPOINT_MAX_ITEM_ID } from "./sharepoint-limits";

/** Everything the store's operations on one list share. */
export interface ListContext {
  readonly client: Client;
  readonly collection: CollectionDef;
  /** `/sites/{siteId}/lists/{listId}/items`, versionless, ids URL-encoded. */
  readonly itemsPath: string;
  /** Origin of the Graph endpoint, e.g. `https://graph.microsoft.com`: the only host a cursor may point at. */
  readonly graphOrigin: string;
  readonly policy: RetryPolicy;
  /** `$batch` requests in flight at once during createMany. */
  readonly batchConcurrency: number;
  /** Makes a new idempotency key. */
  readonly newKey: () => string;
}

/** Encodes one path segment; commas stay as they are, since Graph site ids are `host,guid,guid`. */
export function pathSegment(value: string): string {
  return encodeURIComponent(value).replace(/%2C/gi, ",");
}

/** The items path of a list. */
export function itemsPathOf(siteId: string, listId: string): string {
  return `/sites/${pathSegment(siteId)}/lists/${pathSegment(listId)}/items`;
}

const ITEM_ID = /^[1-9]\d{0,9}$/;

/**
 * Whether `id` can be a SharePoint item id. Checked before an id goes into a URL, so `../../lists` or `1?$expand=x`
 * can never address anything but one item.
 */
export function isItemId(id: string): boolean {
  return ITEM_ID.test(id) && Number(id) <= SHAREPOINT_MAX_ITEM_ID;
}

/** Builds a query string with each value percent-encoded; `$` stays literal in names, as Graph writes them. */
export function queryString(params: Readonly<Record<string, string | number | undefined>>): string {
  return Object.entries(params)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => `${name}=${encodeURIComponent(String(value))}`)
    .join("&");
}
