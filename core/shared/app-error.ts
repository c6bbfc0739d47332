/**
 * The one typed error of Council Hub. Every edge (API, bot, CLI) maps it in a single handler:
 * `status` picks the HTTP status, `message` is safe to show a user, `cause` is logged and never shown.
 */
export type AppErrorCode =
  | "bad_request"
  | "unauthorized"
  | "forbidden"
  /** Signed in, but Microsoft 365 needs the user's (or an admin's) consent before we may act for them. */
  | "consent_required"
  | "not_found"
  | "conflict"
  | "payload_too_large"
  | "unavailable"
  | "internal";

const STATUS: Record<AppErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  consent_required: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unavailable: 503,
  internal: 500,
};

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly status: number;
  /** Field-level problems for bad input, e.g. `[{ path: "q", message: "Required" }]`. Safe to show. */
  readonly details?: ReadonlyArray<{ path: string; message: string }>;

  constructor(code: AppErrorCode, message: string, options: { cause?: unknown; details?: ReadonlyArray<{ path: string; message: string }> } = {}) {
    super(message, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.status = STATUS[code];
    this.details = options.details;
  }

  static badRequest(message: string, details?: ReadonlyArray<{ path: string; message: string }>): AppError {
    return new AppError("bad_request", message, { details });
  }
  static unauthorized(message = "Sign in to continue.", cause?: unknown): AppError {
    return new AppError("unauthorized", message, { cause });
  }
  static forbidden(message = "You do not have permission to do that."): AppError {
    return new AppError("forbidden", message);
  }
  static notFound(what: string): AppError {
    return new AppError("not_found", `${what} was not found.`);
  }
  /** Someone else changed the record first (SQLite version check or SharePoint eTag 412). */
  static conflict(message = "This record was changed by someone else. Reload it and try again."): AppError {
    return new AppError("conflict", message);
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
