import type { Client } from "@microsoft/microsoft-graph-client";
import { AppError } from "../../core";
import { resolveSite } from "../sharepoint/site-lookup";
import { findSitePagesList } from "./site-pages-list";

/** A Graph list id. Checked before it goes into a URL, so `--list ../drives` can never address anything but a list. */
const LIST_ID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** True when `value` has the shape of a Graph list id (a GUID). */
export function isGraphListId(value: string): boolean {
  return LIST_ID.test(value);
}

/** What a sync of one site's pages needs to know about where they live. */
export interface SitePagesTarget {
  /** Graph site id, e.g. `council.sharepoint.com,<site guid>,<web guid>`. */
  readonly siteId: string;
  /** The site's name or URL, for messages. */
  readonly siteName: string;
  /** Id of the Site Pages library. */
  readonly listId: string;
  /** True when the list id came from a lookup (one extra Graph call) rather than from the caller. */
  readonly listLookedUp: boolean;
}

/**
 * Resolves `site` (`hostname:/sites/name` or a Graph site id) and the Site Pages list of it: one GET for the site,
 * and one paged read of its lists unless `listId` is given. A malformed `listId` is a 400 before any request.
 *
 * @example
 * const { siteId, listId } = await resolveSitePagesTarget(client, "council.sharepoint.com:/sites/intranet");
 */
export async function resolveSitePagesTarget(client: Client, site: string, listId?: string): Promise<SitePagesTarget> {
  // Lower case, as Graph writes list ids: the sync's state key contains the id, and `--list ABC…` must find the state
  // a looked-up `abc…` left.
  const givenList = listId?.trim().toLowerCase();
  if (givenList !== undefined && !isGraphListId(givenList)) throw AppError.badRequest(`"${listId}" is not a list id: give the Site Pages list's GUID, or leave it out to look it up.`);
  const found = await resolveSite(client, site);
  const siteName = found.webUrl ?? found.displayName ?? site.trim();
  if (givenList !== undefined) return { siteId: found.id, siteName, listId: givenList, listLookedUp: false };
  const list = await findSitePagesList(client, found.id);
  return { siteId: found.id, siteName, listId: list.id, listLookedUp: true };
}
