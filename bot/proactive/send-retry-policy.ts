import type { NotificationFailureReason } from "../../core";
import { MAX_RETRY_DELAY_SECONDS } from "../../graph/graph-limits";

/** What one attempt at sending to the Bot Connector came back with. */
export type SendAttemptResult =
  | { readonly ok: true; readonly activityId?: string }
  | {
      readonly ok: false;
      /** HTTP status; absent when no HTTP answer came back (connection refused or reset, timeout). */
      readonly status?: number;
      /** The Retry-After header, in milliseconds, when one was sent. */
      readonly retryAfterMs?: number;
      /** The connector's error code (e.g. `BotNotInConversationRoster`), for operators. */
      readonly code?: string;
    };

/** The retry settings of the proactive send queue. */
export interface RetrySettings {
  /** Attempts per message, the first included. */
  readonly maxAttempts: number;
  /** Wait after the first failed attempt when the connector gives no Retry-After; doubled after each further one. */
  readonly baseDelayMs: number;
  /** Ceiling of the doubled wait. */
  readonly maxDelayMs: number;
  /** ± this fraction of random spread on each wait, so messages that failed together do not retry together. */
  readonly jitterRatio: number;
  /** Longest Retry-After the queue honours by holding the message; a longer one fails it as throttled instead. */
  readonly maxRetryAfterMs: number;
}

/**
 * Defaults after the Teams guidance ("Rate limiting for bots"), whose example is exponential backoff with 3 retries
 * between 2 and 20 seconds and a random ±20%; Retry-After is honoured up to the Graph SDK's own 180-second ceiling.
 */
export const DEFAULT_RETRY_SETTINGS: RetrySettings = {
  maxAttempts: 4,
  baseDelayMs: 2000,
  maxDelayMs: 20_000,
  jitterRatio: 0.2,
  maxRetryAfterMs: MAX_RETRY_DELAY_SECONDS * 1000,
};

/**
 * Statuses worth another try. Teams asks bots to retry 429, 412, 502 and 504; 503 is "try later" by definition. A
 * 500 is not retried: the message may have been stored before the failure, and a retry would duplicate it.
 */
const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([412, 429, 502, 503, 504]);

/** 403 (bot not in the conversation roster, blocked, uninstalled) and 404 (conversation gone): the person cannot be reached. */
const UNREACHABLE_STATUSES: ReadonlySet<number> = new Set([403, 404]);

/** What the queue does after an attempt. */
export type RetryDecision =
  | { readonly kind: "sent" }
  /** Try again after `delayMs`; `throttled` when Teams asked the whole conversation to slow down. */
  | { readonly kind: "retry"; readonly delayMs: number; readonly throttled: boolean }
  /** Give up; `stale` when the conversation reference no longer works. */
  | { readonly kind: "fail"; readonly reason: NotificationFailureReason; readonly stale: boolean };

/**
 * Decides what follows attempt number `attempt` (1-based) of a message. `random` returns [0, 1), injected so tests
 * can pin the jitter.
 */
export function decideRetry(result: SendAttemptResult, attempt: number, settings: RetrySettings, random: () => number): RetryDecision {
  if (result.ok) return { kind: "sent" };
  const { status, retryAfterMs } = result;
  if (status !== undefined && UNREACHABLE_STATUSES.has(status)) return { kind: "fail", reason: "recipientUnreachable", stale: true };
  const retryable = status === undefined || RETRYABLE_STATUSES.has(status);
  const throttled = status === 429;
  const exhaustedReason: NotificationFailureReason = throttled ? "throttled" : "unavailable";
  if (!retryable) return { kind: "fail", reason: status !== undefined && status >= 500 ? "unavailable" : "rejected", stale: false };
  if (attempt >= settings.maxAttempts) return { kind: "fail", reason: exhaustedReason, stale: false };
  if (retryAfterMs !== undefined) {
    // Honour the server's wait exactly: it knows when the window reopens. Beyond our ceiling, holding the message
    // would stall everything queued behind it in this conversation, so it fails and the caller may try later.
    if (retryAfterMs > settings.maxRetryAfterMs) return { kind: "fail", reason: exhaustedReason, stale: false };
    return { kind: "retry", delayMs: retryAfterMs, throttled };
  }
  return { kind: "retry", delayMs: backoffDelay(attempt, settings, random), throttled };
}

/** Exponential backoff with jitter: base · 2^(attempt−1), capped, then spread by ±jitterRatio. */
export function backoffDelay(attempt: number, settings: RetrySettings, random: () => number): number {
  const exponential = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** (attempt - 1));
  const spread = 1 - settings.jitterRatio + 2 * settings.jitterRatio * random();
  return Math.round(exponential * spread);
}

/** Reads Retry-After (seconds, fractions allowed, or an HTTP date) as milliseconds; unreadable counts as absent. */
export function parseRetryAfterMs(value: string | null | undefined, nowMs: number): number | undefined {
  if (value === null || value === undefined || value.trim() === "") return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}
