import { RetryHandlerOptions, type ShouldRetry } from "@microsoft/microsoft-graph-client";

/** How the store retries; shared by every list of one factory. */
export interface RetryPolicy {
  /** Retries after 429/503/504, by the SDK's RetryHandler or by the store (0–10). */
  readonly maxRetries: number;
  /** Seconds to wait when no Retry-After comes back. */
  readonly retryDelaySeconds: number;
  /** Multiplies the waits the store makes itself (batch steps, ambiguous creates): 1 in production, tiny in tests. */
  readonly delayScale: number;
}

/** What the SDK's RetryHandler saw while it retried one call. */
export class AttemptLog {
  /** A 503/504 was retried: an earlier attempt may have been carried out, so a 412 or 404 may be our own doing. */
  ambiguous = false;
}

const notAborted = (options: RequestInit | undefined): boolean => !options?.signal?.aborted;

/**
 * For creates (POST items, POST $batch of creates): the SDK retries only 429, which Graph sends before doing
 * anything. A 503/504 comes back to the store, which looks the key up before sending again: re-POSTing blindly
 * after a lost answer is exactly how a record gets written twice.
 */
export function throttlingOnly(policy: RetryPolicy): RetryHandlerOptions {
  const shouldRetry: ShouldRetry = (_delay, _attempt, _request, options, response) => notAborted(options) && response.status === 429;
  return new RetryHandlerOptions(policy.retryDelaySeconds, policy.maxRetries, shouldRetry);
}

/**
 * For conditional writes (PATCH/DELETE with If-Match): a repeat can never apply twice, so the SDK retries every
 * retryable status, and the log remembers a 503/504 so a later 412/404 can be recognised as our own earlier attempt.
 */
export function observingRetries(policy: RetryPolicy, log: AttemptLog): RetryHandlerOptions {
  const shouldRetry: ShouldRetry = (_delay, _attempt, _request, options, response) => {
    if (response.status !== 429) log.ambiguous = true;
    return notAborted(options);
  };
  return new RetryHandlerOptions(policy.retryDelaySeconds, policy.maxRetries, shouldRetry);
}

/** Waits `seconds` (scaled by the policy) before the store retries on its own. */
export function waitBeforeRetry(policy: RetryPolicy, seconds: number | undefined): Promise<void> {
  const ms = Math.max(0, (seconds ?? policy.retryDelaySeconds) * policy.delayScale * 1000);
  return ms === 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms));
}
