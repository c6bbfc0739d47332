import { randomUUID } from "node:crypto";
import { SHAREPOINT_LIST_VIEW_THRESHOLD } from "../../graph/graph-limits";
import { HONOR_NON_INDEXED_QUERIES, SHAREPOINT_MAX_PAGE_SIZE } from "../../graph/sharepoint/sharepoint-limits";
import type { FakeRequest, FakeResponse } from "./graph-fake";
import { isObject, ok, wantsExpand, type Json } from "./sharepoint-http";
import { eTagMatches, matchesFilter, normaliseFields, renderFields, renderItem, SharePointRuleError, spNow, writeValues, type FakeItem, type FakeList, type FakeSite } from "./sharepoint-model";
import { filterColumns, parseFilter } from "./sharepoint-odata";

// List items: creates, conditional updates and deletes, and paged, filtered reads.

/** Page size of list items when the request gives no `$top` (what Graph uses for list items). */
export const FAKE_DEFAULT_ITEM_PAGE = 200;
/** Largest page of list items Graph returns, whatever `$top` asks for. */
export const FAKE_MAX_ITEM_PAGE = SHAREPOINT_MAX_PAGE_SIZE;
/** The Prefer value that lets a query filter on a non-indexed column (until the list passes the threshold). */
export const HONOR_NON_INDEXED_PREFER = HONOR_NON_INDEXED_QUERIES;

/** 412 unless If-Match (when sent) names the item's current eTag. */
export function checkIfMatch(request: FakeRequest, item: FakeItem): void {
  const ifMatch = request.headers["if-match"];
  if (ifMatch !== undefined && !eTagMatches(ifMatch, item)) {
    throw new SharePointRuleError(412, "resourceModified", `The request ETag value '${ifMatch}' does not match the object's ETag value.`);
  }
}

/** POST …/items: 201 with the new item and its fields. */
export function createItem(request: FakeRequest, site: FakeSite, list: FakeList): FakeResponse {
  if (!isObject(request.body)) throw new SharePointRuleError(400, "invalidRequest", "Body must be an object with fields.");
  const values = normaliseFields(list, request.body.fields ?? {}, true);
  const now = spNow();
  const item: FakeItem = { id: list.nextItemId++, uniqueId: randomUUID(), version: 1, created: now, modified: now, values: new Map() };
  writeValues(list, item, values);
  list.items.set(item.id, item);
  return ok(renderItem(item, `https://${site.hostname}${site.path}/Lists/${list.name}`, true), 201);
}

/** PATCH …/items/{id}/fields: the new fieldValueSet, eTag version + 1. */
export function updateFields(request: FakeRequest, list: FakeList, item: FakeItem): FakeResponse {
  checkIfMatch(request, item);
  writeValues(list, item, normaliseFields(list, request.body, false, item));
  item.version++;
  item.modified = spNow();
  return ok(renderFields(item));
}

const SKIPTOKEN = /^Paged=TRUE&p_ID=(\d{1,10})$/;

/** GET …/items: filtered, in id order, `$top` per page, nextLink with a skiptoken. */
export function listItems(request: FakeRequest, site: FakeSite, list: FakeList): FakeResponse {
  const { query } = request;
  const rawFilter = query.get("$filter");
  const filter = rawFilter === null ? undefined : parseFilter(rawFilter);
  if (filter) {
    const prefer = (request.headers.prefer ?? "").toLowerCase().includes(HONOR_NON_INDEXED_PREFER.toLowerCase());
    for (const name of filterColumns(filter)) {
      const column = list.columns.find((c) => c.name === name);
      if (!column) throw new SharePointRuleError(400, "invalidRequest", `Field '${name}' is not recognized`);
      if (column.indexed) continue;
      if (!prefer) {
        throw new SharePointRuleError(
          400,
          "invalidRequest",
          `Field '${name}' cannot be referenced in filter or orderby as it is not indexed. Provide the 'Prefer: ${HONOR_NON_INDEXED_PREFER}' header to allow this, but be warned that such queries may fail on large lists.`,
        );
      }
      if (list.items.size > SHAREPOINT_LIST_VIEW_THRESHOLD) {
        throw new SharePointRuleError(400, "notSupported", "The attempted operation is prohibited because it exceeds the list view threshold.");
      }
    }
  }
  const rawTop = query.get("$top");
  const top = rawTop === null ? FAKE_DEFAULT_ITEM_PAGE : Number(rawTop);
  if (!Number.isInteger(top) || top < 1) throw new SharePointRuleError(400, "invalidRequest", `Invalid $top '${rawTop}'.`);
  const pageSize = Math.min(top, FAKE_MAX_ITEM_PAGE);
  const rawSkip = query.get("$skiptoken");
  let after = 0;
  if (rawSkip !== null) {
    const decoded = SKIPTOKEN.exec(Buffer.from(rawSkip, "base64").toString("utf8"));
    if (!decoded) throw new SharePointRuleError(400, "invalidRequest", "Invalid $skiptoken.");
    after = Number(decoded[1]);
  }
  const page: FakeItem[] = [];
  let more = false;
  // Items are kept in id order (ids only grow), which is also the order Graph pages them in.
  for (const item of list.items.values()) {
    if (item.id <= after || (filter && !matchesFilter(list, item, filter))) continue;
    if (page.length === pageSize) {
      more = true;
      break;
    }
    page.push(item);
  }
  const webUrl = `https://${site.hostname}${site.path}/Lists/${list.name}`;
  const body: Json = { value: page.map((item) => renderItem(item, webUrl, wantsExpand(request, "fields"))) };
  if (more) {
    const parts: string[] = [];
    for (const [key, value] of query) if (key !== "$skiptoken") parts.push(`${key}=${encodeURIComponent(value)}`);
    parts.push(`$skiptoken=${Buffer.from(`Paged=TRUE&p_ID=${page[page.length - 1]!.id}`).toString("base64")}`);
    body["@odata.nextLink"] = `${request.baseUrl}/v1.0${request.path}?${parts.join("&")}`;
  }
  return ok(body);
}
