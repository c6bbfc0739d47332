/**
 * Limits and names of SharePoint lists as seen through Microsoft Graph, named once so they can be checked against
 * "SharePoint limits" and "Manage large lists and libraries" (learn.microsoft.com). The list view threshold itself is
 * SHAREPOINT_LIST_VIEW_THRESHOLD in ../graph-limits.
 */

/** Largest page of list items Graph returns; a larger `$top` is clamped to it. */
export const SHAREPOINT_MAX_PAGE_SIZE = 5000;

/** Indexed columns one list may have; provisioning refuses a collection that would need more. */
export const SHAREPOINT_MAX_INDEXED_COLUMNS = 20;

/**
 * `Prefer` value that lets `$filter` use a non-indexed column on a list under the threshold. Our queries only filter
 * on indexed columns (core refuses the rest), so this only keeps a freshly provisioned list usable while SharePoint
 * finishes building an index; past 5,000 items a non-indexed filter fails with or without it.
 */
export const HONOR_NON_INDEXED_QUERIES = "HonorNonIndexedQueriesWarningMayFailRandomly";

/**
 * Column holding the client-generated idempotency key of each item. Indexed (and unique where allowed), so a create
 * whose answer was lost can be found again instead of written twice. Not a collection field: core never sees it.
 */
export const HUB_KEY_FIELD = "hubKey";

/** Length of a hub key (a UUID). */
export const HUB_KEY_LENGTH = 36;

/** Highest SharePoint list item id; ids are positive 32-bit integers. */
export const SHAREPOINT_MAX_ITEM_ID = 2_147_483_647;
