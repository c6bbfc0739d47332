import type { Clock } from "../../shared/clock";

/** Reports a background failure that must not reach the caller (a search must never fail because a refresh did). */
export type BackgroundErrorHandler = (error: unknown, what: string) => void;

/** Options for {@link RefreshingValue}. */
export interface RefreshingValueOptions<T> {
  /** Reads the value from its store. */
  readonly load: () => Promise<T>;
  /** How old the value may get before a read starts a refresh in the background. */
  readonly maxAgeMs: number;
  readonly clock: Clock;
  /** What the value is, for error reports. */
  readonly what: string;
  readonly onError: BackgroundErrorHandler;
  /** Called with each newly loaded value (e.g. to hand a vocabulary to the engine). */
  readonly onLoaded?: (value: T) => void;
}

/**
 * A value read from a store and kept in memory, for data read on every search but edited rarely (best bets, the
 * vocabulary). The first read waits for the load; after that a read never waits: a stale value is served while a
 * refresh runs in the background, so other processes' edits arrive within `maxAgeMs` without a store round trip on
 * the search path. A failed refresh keeps the last good value and is reported, never thrown to a reader.
 */
export class RefreshingValue<T> {
  private value: T | undefined;
  private loadedAt = Number.NEGATIVE_INFINITY;
  private failedAt = Number.NEGATIVE_INFINITY;
  /** The background (or first) load in flight, shared by concurrent readers: a burst of searches costs one read. */
  private inflight: Promise<T> | undefined;
  /** Loads are numbered so a slow old load finishing late never overwrites a newer value. */
  private started = 0;
  private applied = 0;
  /** Set by close(): the store is going away, so nothing new is read from it. */
  private closed = false;
  /** Every load in flight, background or explicit: close() waits for all of them. */
  private readonly pending = new Set<Promise<T>>();

  constructor(private readonly options: RefreshingValueOptions<T>) {}

  /**
   * The value, loading it on first use. When that load fails, `fallback` is served and the load is not tried again
   * for `maxAgeMs`: while the store is down, searches must not each wait for it to fail.
   */
  async get(fallback: T): Promise<T> {
    if (this.closed) return this.value ?? fallback;
    if (this.value === undefined) {
      if (this.options.clock.now().getTime() - this.failedAt < this.options.maxAgeMs) return fallback;
      try {
        return await this.shared();
      } catch (error) {
        this.failedAt = this.options.clock.now().getTime();
        this.options.onError(error, this.options.what);
        return fallback;
      }
    }
    if (this.options.clock.now().getTime() - this.loadedAt >= this.options.maxAgeMs && !this.inflight) {
      this.shared().catch((error: unknown) => this.options.onError(error, this.options.what));
    }
    return this.value;
  }

  /**
   * Loads now, ignoring any load already in flight (it may have read the store before an edit this process just
   * made), and resolves with the fresh value. Call after an edit, and at start.
   */
  async refresh(): Promise<T> {
    if (this.closed) {
      // Shutting down: the last value, as nothing more may be read (an editor's save landed; the host is stopping).
      if (this.value !== undefined) return this.value;
      throw new Error(`${this.options.what}: closed`);
    }
    const mine = ++this.started;
    const loading = this.options.load();
    this.pending.add(loading);
    let value: T;
    try {
      value = await loading;
    } finally {
      this.pending.delete(loading);
    }
    if (mine > this.applied) {
      this.applied = mine;
      this.value = value;
      this.loadedAt = this.options.clock.now().getTime();
      this.options.onLoaded?.(value);
    }
    return this.value ?? value;
  }

  /**
   * Stops reading the store (a host shutting down): later reads and refreshes serve the last value, and this resolves
   * once every load in flight (background or explicit) has finished, so the store can be closed after it without a
   * load failing on a closed store.
   */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.pending]);
  }

  private shared(): Promise<T> {
    this.inflight ??= this.refresh().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }
}
