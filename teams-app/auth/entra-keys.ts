import { createRemoteJWKSet } from "jose";

/** How long fetched Entra signing keys are trusted before re-fetching, and the least time between re-fetches. */
export const JWKS_CACHE_MAX_AGE_MS = 24 * 60 * 60 * 1000;
export const JWKS_COOLDOWN_MS = 5 * 60 * 1000;

/**
 * Entra ID token settings for a tenant: v2 and v1 issuers, audiences (client id or api://…/clientId) and the
 * tenant's JWKS, cached and re-fetched when a token names an unknown `kid` (key rollover).
 */
export function entraValidatorSettings(entra: { tenantId: string; clientId: string; allowedTenants: readonly string[] }, apiHost?: string) {
  return {
    keys: createRemoteJWKSet(new URL(`https://login.microsoftonline.com/${entra.tenantId}/discovery/v2.0/keys`), {
      cacheMaxAge: JWKS_CACHE_MAX_AGE_MS,
      cooldownDuration: JWKS_COOLDOWN_MS,
    }),
    issuers: entra.allowedTenants.flatMap((t) => [`https://login.microsoftonline.com/${t}/v2.0`, `https://sts.windows.net/${t}/`]),
    audiences: [entra.clientId, `api://${entra.clientId}`, ...(apiHost ? [`api://${apiHost}/${entra.clientId}`] : [])],
    allowedTenants: entra.allowedTenants,
    requiredScope: "access_as_user",
  } as const;
}
