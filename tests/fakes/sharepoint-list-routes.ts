import type { FakeRequest, FakeResponse } from "./graph-fake";
import { isObject, notEmulated, ok, type Json, type Target } from "./sharepoint-http";
import { applyColumnChanges, createColumn, renderColumn, SharePointRuleError, spNow, type FakeList, type FakeSite } from "./sharepoint-model";

// Sites, lists and columns: the schema side of the SharePoint fake.

/** A list by id, URL name or display name (Graph accepts a title where an id goes). */
export function findList(site: FakeSite, key: string): FakeList | undefined {
  const lower = key.toLowerCase();
  return site.lists.find((l) => l.id === lower || l.name.toLowerCase() === lower || l.displayName.toLowerCase() === lower);
}

/** Graph's JSON for a site. */
export function renderSite(site: FakeSite): Json {
  return {
    id: site.id,
    name: site.displayName,
    displayName: site.displayName,
    webUrl: `https://${site.hostname}${site.path}`,
    siteCollection: { hostname: site.hostname },
  };
}

/** Graph's JSON for a list, with its columns when expanded. */
export function renderList(site: FakeSite, list: FakeList, withColumns: boolean): Json {
  return {
    "@odata.etag": `"${list.id},${list.modified}"`,
    id: list.id,
    name: list.name,
    displayName: list.displayName,
    description: list.description,
    createdDateTime: list.created,
    lastModifiedDateTime: list.modified,
    webUrl: `https://${site.hostname}${site.path}/Lists/${encodeURIComponent(list.name)}`,
    list: { contentTypesEnabled: false, hidden: false, template: list.template },
    ...(withColumns ? { columns: list.columns.map(renderColumn) } : {}),
  };
}

/** PATCH of a list's display name or description. */
export function updateList(site: FakeSite, list: FakeList, body: unknown): FakeResponse {
  if (!isObject(body)) throw new SharePointRuleError(400, "invalidRequest", "Body must be an object.");
  if (typeof body.displayName === "string") {
    const clash = site.lists.find((l) => l !== list && l.displayName.toLowerCase() === (body.displayName as string).toLowerCase());
    if (clash) throw new SharePointRuleError(409, "nameAlreadyExists", `A list named '${body.displayName}' already exists.`);
    list.displayName = body.displayName;
  }
  if (typeof body.description === "string") list.description = body.description;
  list.modified = spNow();
  return ok(renderList(site, list, false));
}

/** Routes `…/lists/{id}/columns[/{id}]`. */
export function columnsTarget(request: FakeRequest, listOrThrow: () => FakeList, segments: string[]): Target {
  const { method } = request;
  if (segments.length === 0) {
    if (method === "GET") return { kind: "read", run: () => ok({ value: listOrThrow().columns.map(renderColumn) }) };
    if (method === "POST") {
      return {
        kind: "schema",
        run: () => {
          const list = listOrThrow();
          const column = createColumn(list, request.body);
          list.columns.push(column);
          return ok(renderColumn(column), 201);
        },
      };
    }
    return notEmulated(request);
  }
  const columnOrThrow = () => {
    const key = segments[0]!.toLowerCase();
    const column = listOrThrow().columns.find((c) => c.id === key || c.name.toLowerCase() === key);
    if (!column) throw new SharePointRuleError(404, "itemNotFound", "The column was not found.");
    return column;
  };
  if (segments.length === 1 && method === "GET") return { kind: "read", run: () => ok(renderColumn(columnOrThrow())) };
  if (segments.length === 1 && method === "PATCH") {
    return {
      kind: "schema",
      run: () => {
        if (!isObject(request.body)) throw new SharePointRuleError(400, "invalidRequest", "Body must be an object.");
        const column = columnOrThrow();
        applyColumnChanges(listOrThrow(), column, request.body);
        return ok(renderColumn(column));
      },
    };
  }
  return notEmulated(request);
}
