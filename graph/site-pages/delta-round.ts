import { GraphError, type Client } from "@microsoft/microsoft-graph-client";
import { DELTA_EXPIRED_STATUS, MAX_DELTA_PAGES } from "./site-pages-limits";

/** A Site Pages list item as the delta feed returns it: only what the sync reads. */
export interface DeltaListItem {
  readonly id: string;
  readonly eTag?: string;
  readonly webUrl?: string;
  readonly lastModifiedDateTime?: string;
  /** Present only because the sync `$select`s it (Graph omits it by default); `listItemUniqueId` is the sitePage id. */
  readonly sharepointIds?: { readonly listItemUniqueId?: string };
  /** The documented marker of a deleted item in listItem delta. */
  readonly deleted?: { readonly state?: string };
  /** The marker other Graph delta feeds use; accepted too, so a service change cannot resurrect deleted pages. */
  readonly "@removed"?: { readonly reason?: string };
}

/** One delta page: changed items and exactly one of the two links. */
interface DeltaPage {
  readonly value?: readonly DeltaListItem[];
  readonly "@odata.nextLink"?: string;
  readonly "@odata.deltaLink"?: string;
}

/** The outcome of following a delta feed from one link to its end. */
export type DeltaRound =
  | {
      readonly kind: "complete";
      /** Latest state of each item that changed, by item id (the feed may repeat an item; the last one wins). */
      readonly items: ReadonlyMap<string, DeltaListItem>;
      /** Where the next run starts. */
      readonly deltaLink: string;
      /** Graph calls made (retries inside the SDK's RetryHandler are not counted). */
      readonly requests: number;
    }
  | {
      /** 410 Gone: the token is too old or the service reset; the caller must enumerate everything again. */
      readonly kind: "expired";
      /** The `Location` Graph sent to start the fresh enumeration, if any. */
      readonly restartLink?: string;
      readonly requests: number;
    };

/** True when a delta item says the item no longer exists. */
export function isDeletedItem(item: DeltaListItem): boolean {
  return item.deleted !== undefined || item["@removed"] !== undefined;
}

/**
 * Follows a delta feed from `startLink` (a path, a nextLink or a deltaLink) until Graph hands back a deltaLink.
 *
 * Why not the SDK's PageIterator: it hides page boundaries, and a delta round must count its pages (work has to be
 * provably proportional to changes) and fail as a whole on a 410 halfway through. Each page is still fetched with
 * the SDK client, so auth, RetryHandler (429/503/504 with Retry-After) and redirects apply unchanged.
 * `isTrustedLink` vets every link Graph returns before the bearer token is sent to it.
 */
export async function readDeltaRound(client: Client, startLink: string, isTrustedLink: (link: string) => boolean): Promise<DeltaRound> {
  const items = new Map<string, DeltaListItem>();
  let link = startLink;
  let requests = 0;
  for (let pages = 0; pages < MAX_DELTA_PAGES; pages++) {
    let page: DeltaPage;
    requests++;
    try {
      page = (await client.api(link).get()) as DeltaPage;
    } catch (error) {
      if (error instanceof GraphError && error.statusCode === DELTA_EXPIRED_STATUS) {
        const location = error.headers?.get("Location") ?? undefined;
        return { kind: "expired", requests, ...(location && isTrustedLink(location) ? { restartLink: location } : {}) };
      }
      throw error;
    }
    for (const item of page.value ?? []) {
      // "Use the last occurrence you see": delete first so the map's order follows the latest occurrence too.
      items.delete(item.id);
      items.set(item.id, item);
    }
    const deltaLink = page["@odata.deltaLink"];
    if (deltaLink) {
      if (!isTrustedLink(deltaLink)) throw new Error("Graph returned a deltaLink outside this site's Site Pages list; refusing to store it.");
      return { kind: "complete", items, deltaLink, requests };
    }
    const nextLink = page["@odata.nextLink"];
    if (!nextLink) throw new Error("A delta page had neither @odata.nextLink nor @odata.deltaLink.");
    if (!isTrustedLink(nextLink)) throw new Error("Graph returned a nextLink outside this site's Site Pages list; refusing to follow it.");
    link = nextLink;
  }
  throw new Error(`The delta feed did not end within ${MAX_DELTA_PAGES} pages.`);
}
