import { errors as joseErrors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from "jose";
import { AppError, isRole, type Principal, type Role } from "../../core";
import { SigningKeysUnavailableError, TenantNotAllowedError } from "./auth-errors";

/** Only RS256: rejects "none", HS256 keyed with a public key, and any algorithm Entra does not use for access tokens. */
export const ALLOWED_ALGORITHMS = ["RS256"] as const;
/** Seconds of clock skew tolerated between this host and the issuer. */
export const CLOCK_TOLERANCE_SECONDS = 60;
/** Claims every token must carry, whoever issued it. */
export const ALWAYS_REQUIRED_CLAIMS = ["exp", "iat", "tid"] as const;

const TENANT_REFUSED = "Your organisation is not allowed to use this app.";

/** What a token must satisfy; built by `entraValidatorSettings` in production and by the dev issuer locally. */
export interface TokenValidatorOptions {
  /** Signing keys: the dev issuer's local JWKS, or the Entra tenant's remote JWKS (cached, refreshed on unknown kid). */
  readonly keys: JWTVerifyGetKey;
  /** Every issuer (`iss`) accepted. */
  readonly issuers: readonly string[];
  /** When set, `iss` must also be one of these for the token's own `tid`, so one allowed tenant cannot speak for another. */
  readonly issuersForTenant?: (tenantId: string) => readonly string[];
  /** Accepted audiences (`aud`); one must match exactly. */
  readonly audiences: readonly string[];
  /** Tenant ids (`tid` claim) whose users may call the API. */
  readonly allowedTenants: readonly string[];
  /** Scope the token must carry in `scp` (delegated Entra tokens), if any. */
  readonly requiredScope?: string;
  /** Claims that must be present besides {@link ALWAYS_REQUIRED_CLAIMS} (Entra: `oid`). */
  readonly requiredClaims?: readonly string[];
}

/** Checks bearer tokens for the API. */
export interface TokenValidator {
  /** Verifies a bearer token and returns who it is for. Throws a 401 AppError on any failure. */
  validate(token: string): Promise<Principal>;
}

/**
 * The one validator every API request goes through, in dev and in production alike: signature against a JWKS,
 * algorithm allow-list, issuer, audience, expiry and not-before, then tenant (bound to the issuer) and scope.
 */
export function createTokenValidator(options: TokenValidatorOptions): TokenValidator {
  const allowedTenants = new Set(options.allowedTenants.map((t) => t.toLowerCase()));
  return {
    async validate(token) {
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, options.keys, {
          algorithms: [...ALLOWED_ALGORITHMS],
          issuer: [...options.issuers],
          audience: [...options.audiences],
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
          requiredClaims: [...ALWAYS_REQUIRED_CLAIMS, ...(options.requiredClaims ?? [])],
        }));
      } catch (error) {
        throw AppError.unauthorized(failureMessage(error), error);
      }
      const tenantId = stringClaim(payload, "tid")?.toLowerCase();
      if (!tenantId || !allowedTenants.has(tenantId)) throw AppError.unauthorized(TENANT_REFUSED);
      if (options.issuersForTenant && !options.issuersForTenant(tenantId).includes(payload.iss ?? "")) {
        throw AppError.unauthorized(TENANT_REFUSED, new Error(`Issuer ${payload.iss} does not belong to tenant ${tenantId}.`));
      }
      if (options.requiredScope) {
        // Exact, space-separated match: "access_as_user_extra" must not pass as "access_as_user".
        const scopes = (stringClaim(payload, "scp") ?? "").split(" ");
        if (!scopes.includes(options.requiredScope)) throw AppError.unauthorized("Your sign-in does not grant access to this app.");
      }
      // v2 tokens carry preferred_username; v1 tokens carry upn, or only unique_name for guests.
      const upn = stringClaim(payload, "preferred_username") ?? stringClaim(payload, "upn") ?? stringClaim(payload, "unique_name");
      if (!upn) throw AppError.unauthorized("Your sign-in has no user name.");
      const claimed = Array.isArray(payload.roles) ? payload.roles.filter((r): r is Role => typeof r === "string" && isRole(r)) : [];
      // Everyone who can sign in is staff; the other roles come from Entra app-role assignments.
      const roles: Role[] = claimed.includes("staff") ? claimed : ["staff", ...claimed];
      return { upn, name: stringClaim(payload, "name") ?? upn, roles, id: stringClaim(payload, "oid") ?? upn, tenantId };
    },
  };
}

/** A user-safe reason; the full error travels as the AppError's cause, which the error handler logs. */
function failureMessage(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return "Your sign-in has expired. Sign in again.";
  if (error instanceof TenantNotAllowedError) return TENANT_REFUSED;
  if (error instanceof SigningKeysUnavailableError) return "Your sign-in could not be checked just now. Sign in again in a few minutes.";
  return "Your sign-in could not be verified. Sign in again.";
}

function stringClaim(payload: JWTPayload, name: string): string | undefined {
  const value = payload[name];
  return typeof value === "string" && value.length > 0 ? value : undefined;
}
