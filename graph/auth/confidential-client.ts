import { ConfidentialClientApplication, type INetworkModule } from "@azure/msal-node";
import type { ClientCredentialsConfig } from "../token-provider";

/** Entra ID's sign-in host in the commercial cloud; override only for sovereign clouds. */
export const DEFAULT_AUTHORITY_HOST = "https://login.microsoftonline.com";

/** Optional wiring for {@link createConfidentialClient}. */
export interface ConfidentialClientOptions {
  /**
   * MSAL's HTTP client. Left unset in production; tests pass one that answers Entra's discovery and token endpoints
   * locally, so MSAL's real request building, response parsing and caching all run.
   */
  readonly networkClient?: INetworkModule;
}

/**
 * The MSAL confidential client for the API's app registration: one per process, shared by the on-behalf-of and
 * client-credentials providers. Constructing it makes no network call; the first token request does.
 */
export function createConfidentialClient(config: ClientCredentialsConfig, options: ConfidentialClientOptions = {}): ConfidentialClientApplication {
  const authorityHost = (config.authorityHost ?? DEFAULT_AUTHORITY_HOST).replace(/\/+$/, "");
  return new ConfidentialClientApplication({
    auth: { clientId: config.clientId, clientSecret: config.clientSecret, authority: `${authorityHost}/${config.tenantId}` },
    ...(options.networkClient ? { system: { networkClient: options.networkClient } } : {}),
  });
}
