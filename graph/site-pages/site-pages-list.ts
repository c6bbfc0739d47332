import type { Client } from "@microsoft/microsoft-graph-client";
import { AppError } from "../../core";
import { iteratePages } from "../page-iterator";
import { graphFailure, toAppError } from "../sharepoint/graph-errors";
import { pathSegment, queryString } from "../sharepoint/list-context";

/**
 * The URL name SharePoint gives every site's page library. Fixed at site creation and never translated, unlike the
 * display name ("Site Pages", "Pages du site", "Websiteseiten"…), which is why the lookup matches on this.
 */
export const SITE_PAGES_LIST_NAME = "SitePages";
/** `list.template` of a page library; checked too, so a custom list someone named "SitePages" is never synced. */
export const SITE_PAGES_TEMPLATE = "webPageLibrary";

/**
 * Properties the lookup reads. `list` (the listInfo facet with the template) is not returned unless selected;
 * `system` is selected so that lists with the system facet, hidden by default, are considered too.
 */
const LISTS_SELECT = "id,name,displayName,webUrl,list,system";

/** A site's page library, as the lookup found it. */
export interface SitePagesList {
  /** The list id (a GUID): what `SitePagesSync` needs as `listId`. */
  readonly id: string;
  /** Always `SitePages` (in whatever case SharePoint reports). */
  readonly name: string;
  /** Localised title, for messages only. */
  readonly displayName?: string;
  readonly webUrl?: string;
}

/** The parts of a Graph `list` the lookup reads. */
interface GraphListSummary {
  readonly id: string;
  readonly name?: string;
  readonly displayName?: string;
  readonly webUrl?: string;
  readonly list?: { readonly template?: string };
}

/**
 * Finds a site's Site Pages library: `GET /sites/{siteId}/lists?$select=id,name,displayName,webUrl,list,system`,
 * paged, matched on the URL name `SitePages` and the `webPageLibrary` template.
 *
 * Why list and match here rather than `GET /sites/{id}/lists/{list-title}` or a `$filter`: Graph documents the
 * single-list form for the list *title*, which is the localised display name, and documents no `$filter` on a site's
 * lists; a site has tens of lists, so one page of them is the reliable, documented way. Throws a 404 AppError naming
 * `--list` when the site has no page library (a classic site without publishing, or a lookup without permission).
 */
export async function findSitePagesList(client: Client, siteId: string): Promise<SitePagesList> {
  const path = `/sites/${pathSegment(siteId)}/lists?${queryString({ $select: LISTS_SELECT })}`;
  try {
    for await (const list of iteratePages<GraphListSummary>(client, path)) {
      if (isSitePagesLibrary(list)) {
        return { id: list.id, name: list.name ?? SITE_PAGES_LIST_NAME, ...(list.displayName ? { displayName: list.displayName } : {}), ...(list.webUrl ? { webUrl: list.webUrl } : {}) };
      }
    }
  } catch (error) {
    throw toAppError(graphFailure(error), `lists of SharePoint site ${siteId}`);
  }
  throw new AppError("not_found", `The SharePoint site ${siteId} has no Site Pages library (a list named ${SITE_PAGES_LIST_NAME}). Give its list id with --list.`);
}

/** True for the page library: URL name `SitePages` and, when Graph reports one, the page library template. */
export function isSitePagesLibrary(list: { readonly name?: string; readonly list?: { readonly template?: string } }): boolean {
  if (list.name?.toLowerCase() !== SITE_PAGES_LIST_NAME.toLowerCase()) return false;
  // A payload without the facet is taken on the name alone; when the facet is there it must agree, so a custom list
  // someone created under the same URL name is never mistaken for the library.
  return list.list?.template === undefined || list.list.template === SITE_PAGES_TEMPLATE;
}
