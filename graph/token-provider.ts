import { ConfidentialClientApplication, type ClientCredentialRequest, type AuthenticationResult } from "@azure/msal-node";
import type { AuthenticationProvider, AuthenticationProviderOptions } from "@microsoft/microsoft-graph-client";
import { GRAPH_DEFAULT_SCOPE } from "./graph-limits";

/**
 * What the Graph client needs to authenticate a call: the SDK's own `AuthenticationProvider` shape, so any
 * provider here plugs straight into `AuthenticationHandler` and tests can swap in a static one.
 */
export type AccessTokenProvider = AuthenticationProvider;

/** The one MSAL method the client-credentials provider uses; injected so tests never reach Entra ID. */
export type ClientCredentialClient = {
  acquireTokenByClientCredential(request: ClientCredentialRequest): Promise<AuthenticationResult | null>;
};

/** Options for {@link MsalClientCredentialsTokenProvider}. */
export interface MsalTokenProviderOptions {
  /** An MSAL ConfidentialClientApplication (or a fake with the same method). */
  readonly client: ClientCredentialClient;
  /** Scopes asked for when the caller passes none; app-only tokens must use `<resource>/.default`. */
  readonly scopes?: readonly string[];
}

/**
 * App-only (daemon) tokens for Graph via the OAuth client-credentials grant. MSAL caches the token and refreshes it
 * shortly before expiry, so calling this for every request costs a cache lookup, not a round trip to Entra ID.
 */
export class MsalClientCredentialsTokenProvider implements AccessTokenProvider {
  private readonly client: ClientCredentialClient;
  private readonly scopes: readonly string[];

  constructor(options: MsalTokenProviderOptions) {
    this.client = options.client;
    this.scopes = options.scopes ?? [GRAPH_DEFAULT_SCOPE];
  }

  /** Returns a bearer token; delegated scopes such as `User.Read` are refused because this grant cannot use them. */
  async getAccessToken(options?: AuthenticationProviderOptions): Promise<string> {
    const scopes = options?.scopes?.length ? options.scopes : this.scopes;
    // Entra ID answers AADSTS1002012 for a non-.default scope on this grant; fail here with the fix in the message.
    const delegated = scopes.filter((scope) => !scope.endsWith("/.default"));
    if (delegated.length > 0) {
      throw new Error(
        `Client-credentials tokens need "<resource>/.default" scopes, not ${delegated.join(", ")}; ` +
          `grant application permissions to the app registration and ask for ${GRAPH_DEFAULT_SCOPE}.`,
      );
    }
    const result = await this.client.acquireTokenByClientCredential({ scopes: [...scopes] });
    if (!result?.accessToken) {
      throw new Error(`MSAL returned no access token for scopes ${scopes.join(", ")}.`);
    }
    return result.accessToken;
  }
}

/** What a council tenant's app registration supplies for app-only Graph access (the secret from `SECRET_` env). */
export interface ClientCredentialsConfig {
  /** Directory (tenant) id of the council's Microsoft 365 tenant. */
  readonly tenantId: string;
  /** Application (client) id of the Entra ID app registration. */
  readonly clientId: string;
  /** Client secret; comes from a `SECRET_` env entry or Key Vault, never from a committed file. */
  readonly clientSecret: string;
  /** Entra ID login host; override only for sovereign clouds. */
  readonly authorityHost?: string;
}

/** Builds the production provider; constructing MSAL makes no network call, the first token request does. */
export function createMsalTokenProvider(config: ClientCredentialsConfig, scopes?: readonly string[]): MsalClientCredentialsTokenProvider {
  const authorityHost = config.authorityHost ?? "https://login.microsoftonline.com";
  const client = new ConfidentialClientApplication({
    auth: {
      clientId: config.clientId,
      clientSecret: config.clientSecret,
      authority: `${authorityHost}/${config.tenantId}`,
    },
  });
  return new MsalClientCredentialsTokenProvider({ client, scopes });
}

/**
 * A provider that always returns the same token and remembers the scopes it was asked for: for tests and for the
 * local fake Graph, where no real identity is involved.
 */
export class StaticTokenProvider implements AccessTokenProvider {
  /** Scopes of every call, in order, so tests can assert how often a token was requested. */
  readonly requests: Array<readonly string[] | undefined> = [];

  constructor(private readonly token: string) {}

  /** Returns the fixed token. */
  async getAccessToken(options?: AuthenticationProviderOptions): Promise<string> {
    this.requests.push(options?.scopes);
    return this.token;
  }
}
