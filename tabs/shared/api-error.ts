import type { ApiErrorDetail } from "./api-types";

/** Codes the host sends, plus two of our own: `network` (no answer at all) and `unexpected_response` (not our API). */
export type ApiErrorCode =
  | "bad_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "payload_too_large"
  | "unavailable"
  | "internal"
  | "network"
  | "unexpected_response";

const HOST_CODES: ReadonlySet<string> = new Set<ApiErrorCode>([
  "bad_request",
  "unauthorized",
  "forbidden",
  "not_found",
  "conflict",
  "payload_too_large",
  "unavailable",
  "internal",
]);

/** Used when a body carries no usable code, e.g. a proxy's HTML 502 page. */
const CODE_BY_STATUS: Readonly<Record<number, ApiErrorCode>> = {
  400: "bad_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  409: "conflict",
  413: "payload_too_large",
  503: "unavailable",
};

/**
 * The one error every API call rejects with. `message` is safe to show a user: the host writes it for people,
 * and our own fallbacks are written the same way.
 */
export class ApiError extends Error {
  override readonly name = "ApiError";

  constructor(
    /** HTTP status; 0 when the host could not be reached. */
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    /** Field-level problems for bad input. */
    readonly details: readonly ApiErrorDetail[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** True when the session is no longer valid and the user must sign in again. */
  get isUnauthorized(): boolean {
    return this.status === 401;
  }
}

/** Narrows an unknown rejection to an ApiError. */
export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

/** Builds an ApiError from a failed response's status and (already parsed, possibly absent) body. */
export function apiErrorFromBody(status: number, body: unknown): ApiError {
  const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  const code = error && typeof error.code === "string" && HOST_CODES.has(error.code) ? (error.code as ApiErrorCode) : fallbackCode(status);
  const message = error && typeof error.message === "string" && error.message.trim() ? error.message : fallbackMessage(status);
  const details = error && Array.isArray(error.details) ? error.details.filter(isDetail) : [];
  return new ApiError(status, code, message, details);
}

function fallbackCode(status: number): ApiErrorCode {
  return CODE_BY_STATUS[status] ?? (status >= 500 ? "internal" : "unexpected_response");
}

function fallbackMessage(status: number): string {
  if (status === 401) return "Your session has ended. Sign in again.";
  if (status === 403) return "You do not have permission to do that.";
  if (status === 404) return "That was not found.";
  if (status >= 500) return "Council Hub had a problem. Try again in a minute.";
  return `Council Hub sent an answer it did not expect (HTTP ${status}).`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isDetail(value: unknown): value is ApiErrorDetail {
  return isRecord(value) && typeof value.path === "string" && typeof value.message === "string";
}
