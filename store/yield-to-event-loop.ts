/** Resolves on the event loop's next turn: long work in steps lets the host answer requests between them. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Long work in slices of at most `ms` each: the loop asks `spent` as it goes (cheap: one clock read) and, when the
 * slice is used up, awaits `next()`, which gives the event loop a turn and starts a new slice. So requests wait for
 * at most about one slice, however much work each step does (a page of the index load is 0.1 ms or 5 ms).
 */
export class TimeSlice {
  private started = performance.now();

  constructor(private readonly ms: number) {}

  get spent(): boolean {
    return performance.now() - this.started >= this.ms;
  }

  async next(): Promise<void> {
    await yieldToEventLoop();
    this.started = performance.now();
  }
}
