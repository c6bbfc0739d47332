import type { AuthenticationResult, OnBehalfOfRequest } from "@azure/msal-node";
import type { AuthenticationProviderOptions } from "@microsoft/microsoft-graph-client";
import { decodeJwt } from "jose";
import type { Principal } from "../../core";
import type { AccessTokenProvider } from "../token-provider";
import { DEFAULT_AUTHORITY_HOST } from "./confidential-client";
import { oboFailure } from "./obo-errors";
import { UserTokenCache, type UserTokenCacheOptions } from "./user-token-cache";

/** The one MSAL method the on-behalf-of provider uses (a ConfidentialClientApplication has it). */
export interface OboClient {
  acquireTokenOnBehalfOf(request: OnBehalfOfRequest): Promise<AuthenticationResult | null>;
}

/** Whose token is wanted: the principal `authenticate` validated from the same bearer token. */
export type OboUser = Pick<Principal, "id" | "tenantId">;

/** Options for {@link createOboTokenProvider}. */
export interface OboTokenProviderOptions extends UserTokenCacheOptions {
  /** MSAL confidential client of the API's app registration (see `createConfidentialClient`). */
  readonly msal: OboClient;
  /** Delegated scopes asked for when a caller names none, e.g. `https://graph.microsoft.com/User.Read`. */
  readonly scopes: readonly string[];
  /** Entra sign-in host (default {@link DEFAULT_AUTHORITY_HOST}); the user's tenant id is appended per request. */
  readonly authorityHost?: string;
}

/** Delegated Graph tokens for signed-in users. */
export interface OboTokenProvider {
  /**
   * A Graph token for `user`, exchanged on their behalf from `userAssertion` (their validated API token). Throws an
   * AppError: 403 `consent_required` (details list the scopes), 401 if Entra refuses the assertion, else 503.
   */
  getTokenFor(userAssertion: string, user: OboUser, scopes?: readonly string[]): Promise<string>;
  /** The same, as the Graph client's auth provider for one request: `createGraphClient({ tokenProvider })`. */
  forUser(userAssertion: string, user: OboUser): AccessTokenProvider;
}

/**
 * On-behalf-of tokens with a cache keyed by the validated user (tenant id + object id + scopes), never by the raw
 * assertion alone: a user's token is reused across their requests and can never be handed to anyone else. MSAL's
 * own cache is keyed by the assertion's hash and is skipped (`skipCache`), so expiry is decided in one place.
 *
 * @example
 * const obo = createOboTokenProvider({ msal: createConfidentialClient(config), scopes: ["https://graph.microsoft.com/User.Read"] });
 * router.get("/", async (_req, res) => {
 *   const graph = createGraphClient({ tokenProvider: obo.forUser(bearerTokenOf(res), principalOf(res)) });
 *   res.json(await graph.api("/me").get());
 * });
 */
export function createOboTokenProvider(options: OboTokenProviderOptions): OboTokenProvider {
  const cache = new UserTokenCache(options);
  const now = options.now ?? Date.now;
  const authorityHost = (options.authorityHost ?? DEFAULT_AUTHORITY_HOST).replace(/\/+$/, "");

  async function getTokenFor(userAssertion: string, user: OboUser, scopes: readonly string[] = options.scopes): Promise<string> {
    const tenantId = user.tenantId.toLowerCase();
    const objectId = user.id.toLowerCase();
    assertAssertionIsFor(userAssertion, tenantId, objectId);
    const key = [tenantId, objectId, [...scopes].map((s) => s.toLowerCase()).sort().join(" ")].join("|");
    return cache.get(key, async () => {
      let result: AuthenticationResult | null;
      try {
        // The exchange must go to the tenant that issued the assertion: a partner tenant's user is not the home tenant's.
        const authority = `${authorityHost}/${tenantId}`;
        result = await options.msal.acquireTokenOnBehalfOf({ oboAssertion: userAssertion, scopes: [...scopes], authority, skipCache: true });
      } catch (error) {
        throw oboFailure(error, scopes);
      }
      if (!result?.accessToken) throw new Error(`MSAL returned no on-behalf-of token for scopes ${scopes.join(", ")}.`);
      // Entra answers for the assertion's user; check anyway, since a mix-up here would leak another user's data.
      if ((result.tenantId && result.tenantId.toLowerCase() !== tenantId) || (result.uniqueId && result.uniqueId.toLowerCase() !== objectId)) {
        throw new Error("The on-behalf-of token was issued for a different user than the one who asked.");
      }
      return { accessToken: result.accessToken, expiresAt: result.expiresOn?.getTime() ?? now() };
    });
  }

  return {
    getTokenFor,
    forUser(userAssertion, user) {
      return { getAccessToken: (graphOptions?: AuthenticationProviderOptions) => getTokenFor(userAssertion, user, graphOptions?.scopes?.length ? graphOptions.scopes : undefined) };
    },
  };
}

/**
 * The cache key comes from `user`, the exchange from the assertion: if a caller ever paired one user's token with
 * another's principal, the cache would serve the wrong person. Refuse that pairing outright (a bug, hence a 500).
 */
function assertAssertionIsFor(userAssertion: string, tenantId: string, objectId: string): void {
  let claims: Record<string, unknown>;
  try {
    claims = decodeJwt(userAssertion);
  } catch (error) {
    throw new Error("The on-behalf-of assertion is not a JWT.", { cause: error });
  }
  const tid = typeof claims.tid === "string" ? claims.tid.toLowerCase() : undefined;
  const oid = typeof claims.oid === "string" ? claims.oid.toLowerCase() : undefined;
  if (tid !== tenantId || oid !== objectId) throw new Error("The on-behalf-of assertion belongs to a different user than the principal given.");
}
