/**
 * Limits and tuning of the site pages sync, named once. Sources: "listItem: delta" and "Get sitePage" in the
 * Microsoft Graph v1.0 reference, and "Microsoft Graph throttling limits" (SharePoint's per-app budget).
 */

/**
 * Page contents fetched at once. Each changed page costs one GET; a few in parallel make a first sync of a
 * thousand-page intranet take seconds rather than minutes, while staying far below SharePoint's per-app throttling
 * (which counts requests per minute across the tenant, so bursts are what trip it).
 */
export const PAGE_FETCH_CONCURRENCY = 4;

/**
 * Most delta pages one run follows before giving up. The delta feed ends with a deltaLink; a feed that keeps
 * returning nextLinks past this (200 items a page, so a million items) is a service fault, not a big intranet, and
 * looping forever would hold the sync lock and the token budget.
 */
export const MAX_DELTA_PAGES = 5000;

/** Statuses Graph answers when a delta token can no longer be used: start again with a full enumeration. */
export const DELTA_EXPIRED_STATUS = 410;

/** The guidance origin of a site's pages: `GuidancePages.fingerprints` and removals are scoped by it. */
export function sitePagesOrigin(siteId: string): string {
  return `sharepoint:${siteId}`;
}
