import { errors as joseErrors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from "jose";
import { AppError, isRole, type Principal, type Role } from "../../core";

/** Only RS256: rejects "none", HS256 keyed with a public key, and any algorithm Entra does not use for access tokens. */
export const ALLOWED_ALGORITHMS = ["RS256"] as const;
/** Seconds of clock skew tolerated between this host and the issuer. */
export const CLOCK_TOLERANCE_SECONDS = 60;

export interface TokenValidatorOptions {
  /** Signing keys: the dev issuer's local JWKS, or the Entra tenant's remote JWKS (cached, refreshed on unknown kid). */
  readonly keys: JWTVerifyGetKey;
  readonly issuers: readonly string[];
  readonly audiences: readonly string[];
  /** Tenant ids (`tid` claim) whose users may call the API. */
  readonly allowedTenants: readonly string[];
  /** Scope the token must carry in `scp` (delegated Entra tokens), if any. */
  readonly requiredScope?: string;
}

export interface TokenValidator {
  /** Verifies a bearer token and returns who it is for. Throws a 401 AppError on any failure. */
  validate(token: string): Promise<Principal>;
}

/**
 * The one validator every API request goes through, in dev and in production alike: signature against a JWKS,
 * algorithm allow-list, issuer, audience, expiry and not-before, then tenant and scope.
 */
export function createTokenValidator(options: TokenValidatorOptions): TokenValidator {
  return {
    async validate(token) {
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, options.keys, {
          algorithms: [...ALLOWED_ALGORITHMS],
          issuer: [...options.issuers],
          audience: [...options.audiences],
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
          requiredClaims: ["exp", "iat", "tid"],
        }));
      } catch (error) {
        throw AppError.unauthorized(error instanceof joseErrors.JWTExpired ? "Your sign-in has expired. Sign in again." : "Your sign-in could not be verified. Sign in again.", error);
      }
      const tenantId = stringClaim(payload, "tid");
      if (!tenantId || !options.allowedTenants.includes(tenantId)) throw AppError.unauthorized("Your organisation is not allowed to use this app.");
      if (options.requiredScope) {
        const scopes = (stringClaim(payload, "scp") ?? "").split(" ");
        if (!scopes.includes(options.requiredScope)) throw AppError.unauthorized("Your sign-in does not grant access to this app.");
      }
      const upn = stringClaim(payload, "preferred_username") ?? stringClaim(payload, "upn");
      if (!upn) throw AppError.unauthorized("Your sign-in has no user name.");
      const claimed = Array.isArray(payload.roles) ? payload.roles.filter((r): r is Role => typeof r === "string" && isRole(r)) : [];
      // Everyone who can sign in is staff; the other roles come from Entra app-role assignments.
      const roles: Role[] = claimed.includes("staff") ? claimed : ["staff", ...claimed];
      return { upn, name: stringClaim(payload, "name") ?? upn, roles, id: stringClaim(payload, "oid") ?? upn, tenantId };
    },
  };
}

function stringClaim(payload: JWTPayload, name: string): string | undefined {
  const value = payload[name];
  return typeof value === "string" && value.length > 0 ? value : undefined;
}
