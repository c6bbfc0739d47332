import type { FlattenedJWSInput, JWSHeaderParameters, JWTVerifyGetKey } from "jose";
import { TenantNotAllowedError } from "./auth-errors";
import { createJwksKeySet, type JwksKeySet, type JwksKeySetOptions } from "./jwks-key-set";
import type { TokenValidatorOptions } from "./token-validator";

/** Entra ID's sign-in host in the commercial cloud, which UK councils on Microsoft 365 use. */
export const ENTRA_LOGIN_HOST = "https://login.microsoftonline.com";
/** Where each tenant publishes its token signing keys; `{tenantId}` is filled in per allowed tenant. */
export const ENTRA_JWKS_URI_TEMPLATE = `${ENTRA_LOGIN_HOST}/{tenantId}/discovery/v2.0/keys`;
/** The delegated scope the Teams tab's SSO token must carry (exposed by the app registration's "Expose an API"). */
export const ENTRA_API_SCOPE = "access_as_user";

const TENANT_PLACEHOLDER = "{tenantId}";
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** The app registration and tenants whose tokens the API accepts (HubConfig's `entra`). */
export interface EntraSettings {
  readonly tenantId: string;
  readonly clientId: string;
  /** Tenant ids whose users may sign in; the home tenant first. */
  readonly allowedTenants: readonly string[];
}

/** Where and how signing keys are fetched; everything defaults to Entra's public endpoint. */
export interface EntraKeyOptions extends Omit<JwksKeySetOptions, "uri"> {
  /** JWKS URL template with `{tenantId}` (default {@link ENTRA_JWKS_URI_TEMPLATE}); https only, except on loopback. */
  readonly jwksUri?: string;
}

/** The issuers Entra uses for a tenant: v2.0 access tokens, and v1.0 ones (apps whose manifest has no token version). */
export function entraIssuers(tenantId: string): readonly string[] {
  return [`${ENTRA_LOGIN_HOST}/${tenantId}/v2.0`, `https://sts.windows.net/${tenantId}/`];
}

/**
 * Validator settings for Entra ID access tokens: v2 and v1 issuers bound to the token's own tenant, audiences
 * (client id, api://clientId, api://host/clientId as Teams SSO uses), the `access_as_user` scope, and each allowed
 * tenant's JWKS, cached and re-fetched when a token names an unknown `kid` (key rollover).
 */
export function entraValidatorSettings(entra: EntraSettings, apiHost?: string, keyOptions: EntraKeyOptions = {}): TokenValidatorOptions {
  // Entra writes tenant ids in lower case in `tid` and `iss`; config may not, and issuers are compared exactly.
  const tenants = [...new Set(entra.allowedTenants.map((t) => t.toLowerCase()))];
  return {
    keys: entraKeyResolver(tenants, keyOptions),
    issuers: tenants.flatMap(entraIssuers),
    issuersForTenant: entraIssuers,
    audiences: [entra.clientId, `api://${entra.clientId}`, ...(apiHost ? [`api://${apiHost}/${entra.clientId}`] : [])],
    allowedTenants: tenants,
    requiredScope: ENTRA_API_SCOPE,
    // The object id is the user's stable key (and the OBO token cache's); a delegated Entra token always has one.
    requiredClaims: ["oid"],
  };
}

/**
 * A jose key resolver that picks the JWKS of the tenant the token claims to come from. Only allow-listed tenants
 * get a key set, so a token from anywhere else fails before any fetch; the signature and the tenant-bound issuer
 * are still checked afterwards, so reading the unverified `tid` here only chooses where to look.
 */
export function entraKeyResolver(allowedTenants: readonly string[], options: EntraKeyOptions = {}): JWTVerifyGetKey {
  const { jwksUri = ENTRA_JWKS_URI_TEMPLATE, ...keySetOptions } = options;
  assertSafeJwksUri(jwksUri);
  const allowed = new Set(allowedTenants.map((t) => t.toLowerCase()));
  const keySets = new Map<string, JwksKeySet>();
  return async (header: JWSHeaderParameters, token: FlattenedJWSInput) => {
    const tenantId = unverifiedTenant(token);
    if (!tenantId || !allowed.has(tenantId)) throw new TenantNotAllowedError(`Tenant ${tenantId ?? "(none)"} is not allowed.`);
    const uri = jwksUri.replaceAll(TENANT_PLACEHOLDER, encodeURIComponent(tenantId));
    let keySet = keySets.get(uri);
    if (!keySet) {
      keySet = createJwksKeySet({ ...keySetOptions, uri });
      keySets.set(uri, keySet);
    }
    return keySet.getKey(header, token);
  };
}

/** Keys fetched over plain HTTP could be swapped in transit, which would let anyone mint tokens we accept. */
function assertSafeJwksUri(template: string): void {
  const url = new URL(template.replaceAll(TENANT_PLACEHOLDER, "tenant"));
  if (url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname))) return;
  throw new Error(`The JWKS URL must use https (plain http is allowed only on loopback for tests): ${template}`);
}

function unverifiedTenant(token: FlattenedJWSInput): string | undefined {
  try {
    // A compact JWT's payload arrives still base64url-encoded; anything else is not a token we issue keys for.
    if (typeof token.payload !== "string") return undefined;
    const payload: unknown = JSON.parse(Buffer.from(token.payload, "base64url").toString("utf8"));
    const tid = typeof payload === "object" && payload !== null ? (payload as Record<string, unknown>).tid : undefined;
    return typeof tid === "string" && tid.length > 0 ? tid.toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}
