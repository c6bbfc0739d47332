import type { Clock } from "../../../core";
import type { Sleep } from "../../../bot/proactive";

/** 2025-03-03T09:00:00Z: a Monday morning, when announcements go out. */
export const VIRTUAL_START_MS = Date.UTC(2025, 2, 3, 9, 0, 0);

/**
 * Time that moves only when the code under test sleeps: `sleep(ms)` returns with the clock `ms` later (unless its
 * signal aborts first, i.e. something woke the sleeper). Pacing over minutes then costs the test nothing, and the
 * timestamps it asserts are exact.
 *
 * Network calls take no virtual time: a sleep first waits, in real time, for every call wrapped in `track` to finish,
 * so a request in flight is stamped (by the fake server) at the virtual moment it was sent, not after the clock has
 * jumped ahead.
 */
export class VirtualClock implements Clock {
  /** Every wait that moved the clock, in order, in milliseconds. */
  readonly sleeps: number[] = [];
  private inFlight = 0;
  private settled: Array<() => void> = [];

  constructor(private ms: number = VIRTUAL_START_MS) {}

  now(): Date {
    return new Date(this.ms);
  }

  /** Milliseconds since the epoch. */
  nowMs(): number {
    return this.ms;
  }

  /** Milliseconds since the clock started at VIRTUAL_START_MS. */
  elapsed(at: number = this.ms): number {
    return at - VIRTUAL_START_MS;
  }

  advance(ms: number): void {
    this.ms += ms;
  }

  /** Marks a network call as in flight until it settles. */
  async track<T>(call: Promise<T>): Promise<T> {
    this.inFlight += 1;
    try {
      return await call;
    } finally {
      this.inFlight -= 1;
      for (const notify of this.settled.splice(0)) notify();
    }
  }

  readonly sleep: Sleep = async (ms, signal) => {
    while (this.inFlight > 0 && !signal.aborted) {
      await new Promise<void>((resolve) => {
        this.settled.push(resolve);
        signal.addEventListener("abort", () => resolve(), { once: true });
      });
    }
    if (signal.aborted || ms <= 0) return;
    this.sleeps.push(ms);
    this.ms += ms;
  };
}
