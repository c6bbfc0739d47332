import { GraphError } from "@microsoft/microsoft-graph-client";
import { AppError } from "../../core";

/** Statuses Graph asks clients to retry after waiting (Retry-After). */
const RETRYABLE = new Set([429, 503, 504]);

/** What a failed Graph call tells the store: status (-1 when no HTTP answer came back), message, Retry-After. */
export interface GraphFailure {
  readonly status: number;
  readonly message: string;
  /** Retry-After in seconds, when sent. */
  readonly retryAfterSeconds?: number;
}

/** Reads a failure from a GraphError (or anything else thrown on the way: a network error is status -1). */
export function graphFailure(error: unknown): GraphFailure {
  if (error instanceof GraphError) {
    return { status: error.statusCode, message: error.message, retryAfterSeconds: parseRetryAfter(error.headers?.get("Retry-After") ?? null) };
  }
  return { status: -1, message: error instanceof Error ? error.message : String(error) };
}

/** Parses Retry-After as seconds or an HTTP date; anything unreadable counts as not sent. */
export function parseRetryAfter(value: string | null): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}

/** 429, 503, 504: Graph says "wait and try again". */
export function isRetryable(status: number): boolean {
  return RETRYABLE.has(status);
}

/**
 * Whether a failed write may nevertheless have been carried out: any 5xx or no answer at all. A 429 never was
 * (throttling refuses before doing anything), nor was any other 4xx.
 */
export function mayHaveBeenWritten(status: number): boolean {
  return status === -1 || status >= 500;
}

/**
 * Whether a create failed because another item already holds its hub key: SharePoint's "duplicate values were found"
 * (a 409 from Graph; some tenants have answered 400 with the same text, so both are recognised).
 */
export function isDuplicateKey(failure: GraphFailure): boolean {
  return failure.status === 409 || (failure.status === 400 && /duplicate values/i.test(failure.message));
}

/**
 * The AppError for a Graph failure. Graph's own message goes into `cause` only (it can name internal columns and
 * ids); the user sees a plain sentence. 401/403 mean the app registration lacks a permission: an operator problem, so
 * a 500, not a 403 the user would misread as their own.
 */
export function toAppError(failure: GraphFailure, what: string): AppError {
  const cause = new Error(`Graph ${failure.status}: ${failure.message}`);
  switch (true) {
    case failure.status === 400:
      return new AppError("bad_request", `SharePoint refused the ${what}.`, { cause });
    case failure.status === 404:
      return new AppError("not_found", `The ${what} was not found.`, { cause });
    case failure.status === 409 || failure.status === 412:
      return new AppError("conflict", "This record was changed by someone else. Reload it and try again.", { cause });
    case failure.status === 413:
      return new AppError("payload_too_large", `The ${what} is too large for SharePoint.`, { cause });
    case failure.status === -1 || isRetryable(failure.status):
      return new AppError("unavailable", "SharePoint is busy or unreachable. Try again in a minute.", { cause });
    default:
      return new AppError("internal", `SharePoint could not handle the ${what}.`, { cause });
  }
}
