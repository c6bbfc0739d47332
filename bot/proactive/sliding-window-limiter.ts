import type { RateWindow } from "./rate-windows";

/**
 * Sliding-window rate limits per key (a conversation, a tenant): remembers when each send started and says when the
 * next may start. Sliding rather than fixed windows because Teams counts "any N seconds", so 7 sends at 0.9 s and 7
 * more at 1.1 s would break a 7-per-second limit that a fixed per-second bucket allows.
 *
 * It never waits itself: the caller asks `nextAllowedAt`, sleeps, and calls `record` in the same synchronous step
 * as starting the send, so concurrent senders cannot both take the last slot.
 */
export class SlidingWindowLimiter {
  private readonly history = new Map<string, number[]>();
  private readonly blocked = new Map<string, number>();
  private readonly longestWindowMs: number;

  constructor(private readonly windows: readonly RateWindow[]) {
    if (windows.some((w) => !(w.limit >= 1 && w.windowMs > 0))) throw new RangeError("Every rate window needs a limit of at least 1 and a positive length.");
    this.longestWindowMs = Math.max(0, ...windows.map((w) => w.windowMs));
  }

  /**
   * The earliest time (epoch ms, never before `now`) at which one more send on `key` keeps every window within its
   * limit and respects any block. A send at `t` counts in the window (t', t' + windowMs] for every later t'.
   */
  nextAllowedAt(key: string, now: number): number {
    let at = Math.max(now, this.blocked.get(key) ?? now);
    const times = this.history.get(key) ?? [];
    for (const { limit, windowMs } of this.windows) {
      // With n sends on record, the window has room once the limit-th most recent one has left it.
      if (times.length >= limit) at = Math.max(at, times[times.length - limit] + windowMs);
    }
    return at;
  }

  /** Records a send started at `at` (which callers keep non-decreasing per key). */
  record(key: string, at: number): void {
    const times = this.history.get(key) ?? [];
    times.push(at);
    // Sends older than the longest window can no longer limit anything.
    const firstLive = times.findIndex((t) => t > at - this.longestWindowMs);
    if (firstLive > 0) times.splice(0, firstLive);
    this.history.set(key, times);
  }

  /** Holds every send on `key` until `until` (e.g. a 429's Retry-After); a later block never shortens an earlier one. */
  blockUntil(key: string, until: number): void {
    this.blocked.set(key, Math.max(until, this.blocked.get(key) ?? until));
  }

  /** Forgets keys with nothing left that could limit a send after `now`, so idle conversations do not pile up. */
  sweep(now: number): void {
    for (const [key, times] of this.history) {
      if (times.length === 0 || times[times.length - 1] <= now - this.longestWindowMs) this.history.delete(key);
    }
    for (const [key, until] of this.blocked) {
      if (until <= now) this.blocked.delete(key);
    }
  }
}
