import { AuthError, InteractionRequiredAuthError } from "@azure/msal-node";
import { AppError } from "../../core";

/** Entra's error number for "the user or administrator has not consented to use the application". */
export const AADSTS_CONSENT_REQUIRED = "65001";
/** MSAL and Entra error codes meaning "a person must act in a browser (consent, MFA, sign-in) before this works". */
export const INTERACTION_ERROR_CODES: ReadonlySet<string> = new Set(["consent_required", "interaction_required"]);

/** What the tab reads from a `consent_required` body: `details` entries with these paths. */
export const CONSENT_DETAIL_PATHS = { scope: "scopes", claims: "claims" } as const;

const CONSENT_MESSAGE =
  "Council Hub needs your permission to use Microsoft 365 on your behalf. Approve the request when asked (or ask the IT Service Desk to grant consent for the council), then try again.";

/** True when Entra refused the exchange until the user (or an admin) consents or completes an interactive step. */
export function isConsentRequired(error: unknown): error is AuthError {
  if (!(error instanceof AuthError)) return false;
  const errorNo = "errorNo" in error ? String(error.errorNo ?? "") : "";
  return (
    INTERACTION_ERROR_CODES.has(error.errorCode) ||
    error.subError === "consent_required" ||
    errorNo === AADSTS_CONSENT_REQUIRED ||
    error.errorMessage.includes(`AADSTS${AADSTS_CONSENT_REQUIRED}`)
  );
}

/**
 * Turns an on-behalf-of failure into the error the API answers with. Consent → 403 `consent_required` whose
 * details list the scopes to request (and any claims challenge), so the tab can ask for exactly those; a rejected
 * assertion → 401 (sign in again); anything else (Entra unreachable, bad client secret) → 503, cause logged.
 *
 * @example
 * // Body the tab receives:
 * // { "error": { "code": "consent_required", "message": "…",
 * //   "details": [{ "path": "scopes", "message": "https://graph.microsoft.com/User.Read" }] } }
 */
export function oboFailure(error: unknown, scopes: readonly string[]): AppError {
  if (isConsentRequired(error)) {
    const claims = error instanceof InteractionRequiredAuthError && error.claims ? [{ path: CONSENT_DETAIL_PATHS.claims, message: error.claims }] : [];
    return new AppError("consent_required", CONSENT_MESSAGE, {
      cause: error,
      details: [...scopes.map((scope) => ({ path: CONSENT_DETAIL_PATHS.scope, message: scope })), ...claims],
    });
  }
  if (error instanceof AuthError && error.errorCode === "invalid_grant") {
    return AppError.unauthorized("Your sign-in could not be used to reach Microsoft 365. Sign in again.", error);
  }
  return new AppError("unavailable", "Microsoft 365 could not be reached. Try again in a few minutes.", { cause: error });
}
