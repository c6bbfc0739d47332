import { isDeletedItem, type DeltaListItem } from "./delta-round";
import type { SyncedItem } from "./delta-state-store";
import { sitePageId } from "./site-page-id";

/** A page whose content must be read. */
export interface FetchJob {
  readonly itemId: string;
  readonly pageId: string;
  /** The sitePage id (`sharepointIds.listItemUniqueId`). */
  readonly uniqueId: string;
  readonly eTag: string;
}

/** What one run must do, worked out from the delta items before any page is fetched. */
export interface SyncPlan {
  readonly fetch: readonly FetchJob[];
  /** Page ids to remove locally (filtered against `seen` and the local index before applying). */
  readonly removals: Set<string>;
  /** The next state's item map, without the fetch jobs (their entries are set once their outcome is known). */
  readonly items: Map<string, SyncedItem>;
  /** Page ids that exist remotely after this round: never removed, even if another item used to hold the id. */
  readonly seen: Set<string>;
  readonly unchanged: number;
  /** Items that are not pages (folders, images, templates outside SitePages). */
  readonly skipped: number;
  readonly failed: Array<{ readonly id: string; readonly reason: string }>;
}

/**
 * Decides, without any I/O, what a delta round means for the local index. `full` is true when the round enumerated
 * the whole list (first run or after a 410): then every local page of the origin not seen is stale. An item whose
 * eTag matches the last read and whose page is still in the local index is not fetched again, which is what makes a
 * resync after 410 cost the changed pages rather than all of them.
 */
export function planSync(
  round: ReadonlyMap<string, DeltaListItem>,
  previous: Readonly<Record<string, SyncedItem>>,
  full: boolean,
  local: ReadonlyMap<string, string>,
): SyncPlan {
  const plan: SyncPlan = {
    fetch: [],
    removals: new Set(),
    items: new Map(full ? [] : Object.entries(previous)),
    seen: new Set(),
    unchanged: 0,
    skipped: 0,
    failed: [],
  };
  const fetch: FetchJob[] = [];
  let unchanged = 0;
  let skipped = 0;
  for (const [itemId, item] of round) {
    const before = previous[itemId];
    if (isDeletedItem(item)) {
      if (before) plan.removals.add(before.pageId);
      plan.items.delete(itemId);
      continue;
    }
    const pageId = item.webUrl ? sitePageId(item.webUrl) : undefined;
    if (!pageId) {
      // Moved out of the library or never a page: whatever it was before is gone from the index.
      if (before) plan.removals.add(before.pageId);
      plan.items.delete(itemId);
      skipped++;
      continue;
    }
    plan.seen.add(pageId);
    // A rename keeps the item but changes its URL, so the page under the old id must go.
    if (before && before.pageId !== pageId) plan.removals.add(before.pageId);
    const eTag = item.eTag ?? "";
    if (before && before.pageId === pageId && eTag !== "" && before.eTag === eTag && local.has(pageId)) {
      plan.items.set(itemId, before);
      unchanged++;
      continue;
    }
    const uniqueId = item.sharepointIds?.listItemUniqueId;
    if (!uniqueId) {
      plan.failed.push({ id: pageId, reason: "The delta item has no sharepointIds.listItemUniqueId, so its page cannot be read." });
      // Keep tracking the item as it was, so a later delete still finds its page.
      if (before) plan.items.set(itemId, before);
      continue;
    }
    fetch.push({ itemId, pageId, uniqueId, eTag });
  }
  if (full) for (const id of local.keys()) if (!plan.seen.has(id)) plan.removals.add(id);
  return { ...plan, fetch, unchanged, skipped };
}
