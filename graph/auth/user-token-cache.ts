/** Refresh a cached token this long before it expires, so a Graph call never starts with a token about to lapse. */
export const TOKEN_REFRESH_MARGIN_MS = 5 * 60 * 1000;
/** Most users whose tokens are held at once; beyond it the least recently used goes, bounding memory on a busy host. */
export const MAX_CACHED_USER_TOKENS = 10_000;

/** A token and the epoch ms at which it expires. */
export interface ExpiringToken {
  readonly accessToken: string;
  readonly expiresAt: number;
}

/** Options for {@link UserTokenCache}. */
export interface UserTokenCacheOptions {
  /** Clock in epoch ms (default `Date.now`). */
  readonly now?: () => number;
  /** Overrides {@link MAX_CACHED_USER_TOKENS}. */
  readonly maxEntries?: number;
  /** Overrides {@link TOKEN_REFRESH_MARGIN_MS}. */
  readonly refreshMarginMs?: number;
}

/**
 * Tokens keyed by who they belong to. Callers build the key from a *validated* identity, so an entry can only ever
 * be handed back to the user it was issued for. Concurrent requests for one key share one fetch; a failed fetch
 * caches nothing.
 */
export class UserTokenCache {
  private readonly entries = new Map<string, ExpiringToken>();
  private readonly inFlight = new Map<string, Promise<ExpiringToken>>();
  private readonly settings: Required<UserTokenCacheOptions>;

  constructor(options: UserTokenCacheOptions = {}) {
    this.settings = {
      now: options.now ?? Date.now,
      maxEntries: options.maxEntries ?? MAX_CACHED_USER_TOKENS,
      refreshMarginMs: options.refreshMarginMs ?? TOKEN_REFRESH_MARGIN_MS,
    };
  }

  /** Number of tokens held (for tests and metrics). */
  get size(): number {
    return this.entries.size;
  }

  /** The cached token for `key` if still fresh, else the one `fetch` gets (shared with concurrent callers). */
  async get(key: string, fetch: () => Promise<ExpiringToken>): Promise<string> {
    const cached = this.entries.get(key);
    if (cached && this.fresh(cached)) {
      this.touch(key, cached);
      return cached.accessToken;
    }
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = fetch().finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    const token = await pending;
    if (this.fresh(token)) this.store(key, token);
    return token.accessToken;
  }

  /** Forgets one key, e.g. after Graph answers 401 for its token. */
  delete(key: string): void {
    this.entries.delete(key);
  }

  private fresh(token: ExpiringToken): boolean {
    return token.expiresAt - this.settings.refreshMarginMs > this.settings.now();
  }

  private store(key: string, token: ExpiringToken): void {
    this.entries.delete(key);
    if (this.entries.size >= this.settings.maxEntries) {
      for (const [k, t] of this.entries) if (!this.fresh(t)) this.entries.delete(k);
      // Map iterates in insertion order and every use re-inserts, so the first key is the least recently used.
      const leastRecent = this.entries.keys().next();
      if (this.entries.size >= this.settings.maxEntries && !leastRecent.done) this.entries.delete(leastRecent.value);
    }
    this.entries.set(key, token);
  }

  /** Re-inserting moves the key to the back of the eviction order. */
  private touch(key: string, token: ExpiringToken): void {
    this.entries.delete(key);
    this.entries.set(key, token);
  }
}
