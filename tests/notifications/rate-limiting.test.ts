import { backoffDelay, decideRetry, DEFAULT_RETRY_SETTINGS, parseRetryAfterMs, SlidingWindowLimiter, TEAMS_TENANT_WINDOWS, TEAMS_THREAD_WINDOWS } from "../../bot";

describe("Teams limits as windows", () => {
  it("are the published per-thread and our per-tenant figures", () => {
    expect(TEAMS_THREAD_WINDOWS).toEqual([
      { limit: 7, windowMs: 1000 },
      { limit: 8, windowMs: 2000 },
      { limit: 60, windowMs: 30_000 },
      { limit: 1800, windowMs: 3_600_000 },
    ]);
    expect(TEAMS_TENANT_WINDOWS).toEqual([{ limit: 30, windowMs: 1000 }]);
  });
});

describe("SlidingWindowLimiter", () => {
  it("counts any window, not calendar seconds", () => {
    const limiter = new SlidingWindowLimiter([{ limit: 2, windowMs: 1000 }]);
    limiter.record("k", 900);
    limiter.record("k", 1100);
    // A fixed per-second bucket would allow a send at 1200; the sliding window waits until 900 has left it.
    expect(limiter.nextAllowedAt("k", 1200)).toBe(1900);
    expect(limiter.nextAllowedAt("other", 1200)).toBe(1200);
  });

  it("keeps the hour window: the 1,801st send of an hour waits for the first to expire", () => {
    const limiter = new SlidingWindowLimiter(TEAMS_THREAD_WINDOWS);
    let t = 0;
    for (let i = 0; i < 1800; i++) {
      t = limiter.nextAllowedAt("thread", t);
      limiter.record("thread", t);
    }
    expect(t).toBeLessThan(3_600_000);
    expect(limiter.nextAllowedAt("thread", t)).toBe(3_600_000);
  });

  it("honours a block and never shortens it", () => {
    const limiter = new SlidingWindowLimiter([{ limit: 5, windowMs: 1000 }]);
    limiter.blockUntil("k", 5000);
    limiter.blockUntil("k", 3000);
    expect(limiter.nextAllowedAt("k", 0)).toBe(5000);
    limiter.sweep(6000);
    expect(limiter.nextAllowedAt("k", 6000)).toBe(6000);
  });

  it("refuses a nonsensical window", () => {
    expect(() => new SlidingWindowLimiter([{ limit: 0, windowMs: 1000 }])).toThrow(RangeError);
  });
});

describe("retry decisions", () => {
  const random = (): number => 0.5;

  it.each([429, 412, 502, 503, 504])("retries %i until the last attempt", (status) => {
    expect(decideRetry({ ok: false, status }, 1, DEFAULT_RETRY_SETTINGS, random)).toMatchObject({ kind: "retry", delayMs: 2000 });
    expect(decideRetry({ ok: false, status }, 4, DEFAULT_RETRY_SETTINGS, random)).toMatchObject({ kind: "fail", reason: status === 429 ? "throttled" : "unavailable" });
  });

  it.each([
    [403, "recipientUnreachable", true],
    [404, "recipientUnreachable", true],
    [400, "rejected", false],
    [401, "rejected", false],
    [500, "unavailable", false],
  ] as const)("fails %i at once as %s (stale: %s)", (status, reason, stale) => {
    expect(decideRetry({ ok: false, status }, 1, DEFAULT_RETRY_SETTINGS, random)).toEqual({ kind: "fail", reason, stale });
  });

  it("honours Retry-After exactly and holds the conversation on 429", () => {
    expect(decideRetry({ ok: false, status: 429, retryAfterMs: 7500 }, 1, DEFAULT_RETRY_SETTINGS, random)).toEqual({ kind: "retry", delayMs: 7500, throttled: true });
  });

  it("backs off exponentially, capped, with ±20% jitter", () => {
    const delays = [1, 2, 3, 4, 5].map((attempt) => backoffDelay(attempt, DEFAULT_RETRY_SETTINGS, random));
    expect(delays).toEqual([2000, 4000, 8000, 16_000, 20_000]);
    expect(backoffDelay(1, DEFAULT_RETRY_SETTINGS, () => 0)).toBe(1600);
    expect(backoffDelay(1, DEFAULT_RETRY_SETTINGS, () => 0.999999)).toBe(2400);
  });

  it("reads Retry-After as seconds or an HTTP date", () => {
    expect(parseRetryAfterMs("2.5", 0)).toBe(2500);
    expect(parseRetryAfterMs("Mon, 03 Mar 2025 09:00:10 GMT", Date.UTC(2025, 2, 3, 9, 0, 0))).toBe(10_000);
    expect(parseRetryAfterMs("soon", 0)).toBeUndefined();
    expect(parseRetryAfterMs(undefined, 0)).toBeUndefined();
  });
});
