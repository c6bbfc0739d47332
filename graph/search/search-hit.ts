import type { SearchHit } from "../../core";
import { sitePageId } from "../site-pages/site-page-id";
import { snippetFromSummary } from "./search-snippet";

/** A hit as `POST /search/query` returns it for `listItem` (the properties read here). */
export interface GraphSearchHit {
  readonly hitId?: string;
  /** 1-based position in the whole result set: lower is better. */
  readonly rank?: number;
  readonly summary?: string;
  readonly resource?: {
    readonly "@odata.type"?: string;
    readonly name?: string;
    readonly webUrl?: string;
    /** The managed properties asked for in `fields`, keys in camel case. */
    readonly fields?: Readonly<Record<string, unknown>>;
  };
}

/** One entity type's results. Graph omits `hits` altogether when there are none. */
export interface GraphHitsContainer {
  readonly hits?: readonly GraphSearchHit[];
  readonly total?: number;
  readonly moreResultsAvailable?: boolean;
}

/** The body of a `POST /search/query` answer. */
export interface GraphSearchResponse {
  readonly value?: ReadonlyArray<{ readonly hitsContainers?: readonly GraphHitsContainer[] }>;
}

/** Decimal places kept in a score, as the SQLite engine does: enough to order, short enough to log. */
const SCORE_PRECISION = 10_000;

/**
 * Maps a search hit to core's SearchHit, or undefined when it is not a site page (the local index could not open it).
 * `position` (1-based) stands in for a missing rank. Score is 1/rank: higher is better, strictly decreasing with rank,
 * and comparable across the rounds of one search.
 */
export function toSearchHit(hit: GraphSearchHit, position: number): SearchHit | undefined {
  const webUrl = hit.resource?.webUrl;
  const id = webUrl ? sitePageId(webUrl) : undefined;
  if (!webUrl || !id) return undefined;
  const rank = typeof hit.rank === "number" && hit.rank >= 1 ? hit.rank : position;
  const fieldTitle = hit.resource?.fields?.title;
  const title = (typeof fieldTitle === "string" && fieldTitle.trim()) || hit.resource?.name?.replace(/\.aspx$/i, "").trim() || id;
  return { id, title, snippet: snippetFromSummary(hit.summary), score: Math.round(SCORE_PRECISION / rank) / SCORE_PRECISION, url: webUrl };
}
