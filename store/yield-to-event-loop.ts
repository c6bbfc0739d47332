/** Resolves on the event loop's next turn: long work in steps lets the host answer requests between them. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
