import { GraphError } from "@microsoft/microsoft-graph-client";
import { AppError } from "../../core";

/** Statuses after which the SDK's RetryHandler has already waited and retried; what is left is an outage. */
const BUSY = new Set([429, 503, 504]);

/**
 * The AppError for a failed Microsoft Search call. Graph's own text goes into `cause` only (it can quote KQL and
 * internal names); the user sees a plain sentence. An AppError (already mapped) passes through unchanged.
 */
export function searchFailure(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (!(error instanceof GraphError)) return new AppError("unavailable", "Microsoft Search could not be reached. Try again in a minute.", { cause: error });
  const cause = new Error(`Graph ${error.statusCode} ${error.code ?? ""}: ${error.message}`, { cause: error });
  switch (true) {
    case error.statusCode === 400:
      return new AppError("bad_request", "Microsoft Search could not run that search. Try different words.", { cause });
    case error.statusCode === 401:
      return AppError.unauthorized("Your sign-in could not be used to search Microsoft 365. Sign in again.", cause);
    case error.statusCode === 403:
      // Delegated: Graph refused this user (or the app lacks the delegated permission); either way not a retry.
      return new AppError("forbidden", "Microsoft 365 did not allow Council Hub to search on your behalf.", { cause });
    case error.statusCode === -1 || BUSY.has(error.statusCode) || error.statusCode >= 500:
      return new AppError("unavailable", "Microsoft Search is busy or unreachable. Try again in a minute.", { cause });
    default:
      return new AppError("internal", "Microsoft Search returned an unexpected answer.", { cause });
  }
}
