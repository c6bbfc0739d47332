import type { Client } from "@microsoft/microsoft-graph-client";
import { AppError } from "../core";
import { createGraphClient, createMsalTokenProvider } from "../graph";
import type { HubConfig } from "./config";

/** True when configuration has what app-only Graph calls need (tenant, client id and secret). */
export function hasGraphCredentials(config: HubConfig): boolean {
  return Boolean(config.entra && config.graph.clientSecret);
}

/**
 * The app-only Graph client (client-credentials tokens for the council's app registration), used for provisioning,
 * SharePoint-list records, site-page sync and activity-feed notifications. Throws a 400 naming what to set.
 */
export function graphClientFromConfig(config: HubConfig): Client {
  if (!config.entra || !config.graph.clientSecret) {
    throw AppError.badRequest(
      "hub provision needs Graph app credentials: set ENTRA_TENANT_ID, ENTRA_CLIENT_ID and SECRET_ENTRA_CLIENT_SECRET (GRAPH_BASE_URL to use another endpoint).",
    );
  }
  const tokenProvider = createMsalTokenProvider({ tenantId: config.entra.tenantId, clientId: config.entra.clientId, clientSecret: config.graph.clientSecret });
  return createGraphClient({ tokenProvider, baseUrl: config.graph.baseUrl });
}
