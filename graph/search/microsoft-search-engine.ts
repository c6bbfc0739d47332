import type { Client } from "@microsoft/microsoft-graph-client";
import { ExpansionTable, expandQuery, liveExpansionTable, type GuidanceSearchEngine, type ParsedQuery, type SearchHit, type VocabularySource } from "../../core";
import { kqlQueryString, MAX_KQL_QUERY_LENGTH } from "./kql-query";
import { searchFailure } from "./search-errors";
import { toSearchHit, type GraphSearchResponse } from "./search-hit";

/** Largest `size` Microsoft Search accepts for SharePoint and OneDrive entity types in one request. */
export const MAX_SEARCH_PAGE_SIZE = 500;
/**
 * Requests one search may make. A second is needed only when hits of the first were dropped (not site pages) and
 * more results exist; beyond two the user is better served by a narrower query than by a slower answer.
 */
export const MAX_SEARCH_ROUNDS = 2;
/** Managed properties asked for: the page title (the hit's `name` is the file name) and the file name as fallback. */
export const SEARCH_FIELDS = ["title", "filename"] as const;
/** SharePoint's content class of pages in a Site Pages library: keeps documents and list rows out of the results. */
const SITE_PAGE_CONTENT_CLASS = "STS_ListItem_WebPageLibrary";
/** Where Microsoft Search puts the query string in the template. */
const SEARCH_TERMS = "{searchTerms}";

/** Options for {@link createMicrosoftSearch}. */
export interface MicrosoftSearchOptions {
  /** Absolute URL of the intranet site, e.g. `https://council.sharepoint.com/sites/intranet`: results are its pages only. */
  readonly siteUrl: string;
  /**
   * The comms team's search vocabulary (synonyms, acronyms), read on every search: a question's words are ORed with
   * their equivalents, so an edit applies from the next search. None: questions are searched as typed.
   */
  readonly vocabulary?: VocabularySource;
}

/** Microsoft Search for guidance, bound to a signed-in user per request. */
export interface MicrosoftSearch {
  /**
   * A search engine that runs as the user whose delegated (on-behalf-of) token `client` carries, so Microsoft
   * Search trims results to pages that user may open. Build one per request; never share it between users.
   */
  forUser(client: Client): GuidanceSearchEngine;
}

/**
 * Guidance search on the Microsoft Search API (`POST /search/query`) over the intranet's site pages, delegated so
 * results are security-trimmed by Microsoft 365 itself. Hit ids are the same page ids the site pages sync gives
 * the local index, so a result opens the locally indexed page.
 *
 * Why `listItem` and not also `driveItem`: a site page is a file in the Site Pages library, so asking for both would
 * return every page twice, plus documents the guidance index does not hold.
 *
 * @example
 * const search = createMicrosoftSearch({ siteUrl: config.intranetSiteUrl, vocabulary: services.searchCuration.vocabulary });
 * // per request, with the caller's token:
 * const graph = createGraphClient({ tokenProvider: obo.forUser(bearerTokenOf(res), principalOf(res)) });
 * const hits = await search.forUser(graph).search(parseQuery(q));
 */
export function createMicrosoftSearch(options: MicrosoftSearchOptions): MicrosoftSearch {
  const queryTemplate = scopeTemplate(options.siteUrl);
  // The template's characters count towards KQL's limit once {searchTerms} is replaced.
  const maxQueryLength = MAX_KQL_QUERY_LENGTH - (queryTemplate.length - SEARCH_TERMS.length);
  const noVocabulary = new ExpansionTable({ entries: [] });
  const table = options.vocabulary ? liveExpansionTable(options.vocabulary) : () => noVocabulary;
  const queryString = (query: ParsedQuery): string => kqlQueryString(expandQuery(query, table()), maxQueryLength);
  return { forUser: (client) => ({ search: (query) => searchPages(client, queryTemplate, queryString(query), query.top) }) };
}

/** KQL that keeps the user's terms and restricts them to the site's pages. */
function scopeTemplate(siteUrl: string): string {
  let url: URL;
  try {
    url = new URL(siteUrl);
  } catch (error) {
    throw new TypeError(`siteUrl must be an absolute URL, got ${JSON.stringify(siteUrl)}`, { cause: error });
  }
  // Checked decoded: URL() percent-encodes a quote, which KQL would still read as the end of the path string.
  const path = tryDecode(url.pathname);
  if (url.protocol !== "https:" || url.search || url.hash || url.username || path === undefined || /["\s]/.test(path)) {
    throw new TypeError(`siteUrl must be a plain https URL of a SharePoint site, got ${JSON.stringify(siteUrl)}`);
  }
  const pages = `${url.origin}${url.pathname.replace(/\/+$/, "")}/SitePages`;
  return `(${SEARCH_TERMS}) contentclass:${SITE_PAGE_CONTENT_CLASS} path:"${pages}"`;
}

/**
 * `queryString` comes from kqlQueryString: lower-cased words, quoted phrases and balanced brackets with no colons,
 * so nothing a user types (or a comms editor puts in the vocabulary) can break out of the site scope or make the
 * KQL invalid.
 */
async function searchPages(client: Client, queryTemplate: string, queryString: string, top: number): Promise<SearchHit[]> {
  const size = Math.min(top, MAX_SEARCH_PAGE_SIZE);
  const hits: SearchHit[] = [];
  const seen = new Set<string>();
  for (let round = 0, from = 0; round < MAX_SEARCH_ROUNDS && hits.length < top; round++, from += size) {
    const body = { requests: [{ entityTypes: ["listItem"], query: { queryString, queryTemplate }, from, size, fields: [...SEARCH_FIELDS] }] };
    let response: GraphSearchResponse;
    try {
      response = (await client.api("/search/query").post(body)) as GraphSearchResponse;
    } catch (error) {
      throw searchFailure(error);
    }
    const container = response.value?.[0]?.hitsContainers?.[0];
    const page = container?.hits ?? [];
    page.forEach((raw, i) => {
      const hit = toSearchHit(raw, from + i + 1);
      if (hit && !seen.has(hit.id)) {
        seen.add(hit.id);
        hits.push(hit);
      }
    });
    if (page.length === 0 || !container?.moreResultsAvailable) break;
  }
  return hits.slice(0, top);
}

function tryDecode(path: string): string | undefined {
  try {
    return decodeURIComponent(path);
  } catch {
    return undefined;
  }
}
