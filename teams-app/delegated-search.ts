import type { INetworkModule } from "@azure/msal-node";
import type { GuidanceSearchEngine, Principal, VocabularySource } from "../core";
import { createConfidentialClient, createGraphClient, createMicrosoftSearch, createOboTokenProvider } from "../graph";
import type { HubConfig } from "./config";
import type { Logger } from "./logger";

/** Makes the search engine for one signed-in user's request. */
export type DelegatedSearch = (bearerToken: string, principal: Principal) => Promise<GuidanceSearchEngine>;

/**
 * Delegated scope for the on-behalf-of exchange: `.default` asks for the delegated Graph permissions the council's
 * admin consented to (Sites.Read.All or Sites.Selected), and nothing more.
 */
export const DELEGATED_GRAPH_SCOPES = ["https://graph.microsoft.com/.default"] as const;

/**
 * The site's web URL from SHAREPOINT_SITE written as `host:/sites/path` (what Microsoft Search scopes by). A Graph site
 * id ("host,guid,guid") names no path, so it gives undefined and the tab keeps the local index.
 */
export function siteWebUrl(site: string): string | undefined {
  const match = /^([A-Za-z0-9.-]+):(\/[^\s"]*)$/.exec(site.trim());
  return match ? `https://${match[1]}${match[2]!.replace(/\/+$/, "")}` : undefined;
}

/** Test seams: Entra and Graph are unreachable here, so tests answer MSAL's token calls and Graph's HTTPS in-process. */
export interface DelegatedSearchSeams {
  /** MSAL's network client (production: MSAL's own HTTPS client to login.microsoftonline.com). */
  readonly msalNetwork?: INetworkModule;
  /** Graph's fetch (production: the SDK's own). */
  readonly graphFetch?: typeof fetch;
}

/** Options for {@link createDelegatedSearch}: what it searches with, and the test seams. */
export interface DelegatedSearchOptions extends DelegatedSearchSeams {
  /** The comms team's live search vocabulary, so Microsoft Search expands questions as the local index does. */
  readonly vocabulary?: VocabularySource;
}

/**
 * Microsoft 365 only: the tab's guidance search through Microsoft Search on the user's behalf (OBO), so results are
 * security-trimmed to what that person may read in SharePoint. The bot keeps the local index (its own ranking).
 * Undefined in dev mode or without Graph credentials and an intranet site.
 */
export function createDelegatedSearch(config: HubConfig, log: Logger, options: DelegatedSearchOptions = {}): DelegatedSearch | undefined {
  const site = config.sitePages.site;
  const siteUrl = site ? siteWebUrl(site) : undefined;
  if (config.authMode !== "entra" || !config.entra || !config.graph.clientSecret || !siteUrl) {
    if (config.authMode === "entra" && site && !siteUrl) log("warn", "SHAREPOINT_SITE is a site id, not host:/path: the Guidance tab searches the local index");
    return undefined;
  }
  const msal = createConfidentialClient(
    { tenantId: config.entra.tenantId, clientId: config.entra.clientId, clientSecret: config.graph.clientSecret },
    options.msalNetwork ? { networkClient: options.msalNetwork } : {},
  );
  const obo = createOboTokenProvider({ msal, scopes: DELEGATED_GRAPH_SCOPES });
  const search = createMicrosoftSearch({ siteUrl, ...(options.vocabulary ? { vocabulary: options.vocabulary } : {}) });
  return async (bearerToken, principal) => {
    // Exchange first, outside the Graph SDK: a consent_required 403 then reaches the tab intact (the SDK would wrap it).
    await obo.getTokenFor(bearerToken, principal);
    return search.forUser(createGraphClient({ tokenProvider: obo.forUser(bearerToken, principal), baseUrl: config.graph.baseUrl, ...(options.graphFetch ? { fetch: options.graphFetch } : {}) }));
  };
}
