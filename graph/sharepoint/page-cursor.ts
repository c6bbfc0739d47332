import { AppError } from "../../core";
import { queryString, type ListContext } from "./list-context";

/** Longer than any nextLink SharePoint issues; a longer cursor is refused before it is parsed. */
const MAX_CURSOR_LENGTH = 8192;
/** Query parameters a list-item nextLink may carry; anything else means the cursor was not ours. */
const ALLOWED_PARAMS = new Set(["$expand", "expand", "$filter", "$top", "$skiptoken"]);

const invalid = (): AppError => AppError.badRequest("The cursor is not valid for this query. Start the query again without one.");

/**
 * Turns a cursor (the `@odata.nextLink` of the previous page) back into a request path, or refuses it with a 400.
 * The link must point at this Graph origin, this site and list's items, carry this query's `$filter` and a
 * `$skiptoken`, and nothing else. The request is then rebuilt from those checked parts, so a tampered cursor can
 * neither send the bearer token to another host (SSRF) nor widen the filter to read other records. The page size is
 * the current query's: SharePoint's skiptoken is a position (the last item id), as SQLite's cursor is.
 */
export function pathFromCursor(ctx: ListContext, cursor: string, filter: string | undefined, pageSize: number): string {
  if (cursor.length > MAX_CURSOR_LENGTH) throw invalid();
  let url: URL;
  let path: string;
  try {
    url = new URL(cursor);
    path = decodeURIComponent(url.pathname);
  } catch {
    throw invalid();
  }
  if (url.origin !== ctx.graphOrigin || url.username !== "" || url.password !== "" || url.hash !== "") throw invalid();
  if (path.toLowerCase() !== `/v1.0${decodeURIComponent(ctx.itemsPath)}`.toLowerCase()) throw invalid();
  const names = [...url.searchParams.keys()];
  if (names.some((name) => !ALLOWED_PARAMS.has(name)) || new Set(names).size !== names.length) throw invalid();
  const expand = url.searchParams.get("$expand") ?? url.searchParams.get("expand");
  const skiptoken = url.searchParams.get("$skiptoken");
  if (expand !== "fields") throw invalid();
  if ((url.searchParams.get("$filter") ?? undefined) !== filter) throw invalid();
  if (!skiptoken || !/^[\x21-\x7e]{1,2048}$/.test(skiptoken)) throw invalid();
  return `${ctx.itemsPath}?${queryString({ $expand: "fields", $filter: filter, $top: pageSize, $skiptoken: skiptoken })}`;
}
