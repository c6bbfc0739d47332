/**
 * Maps `inputs` through `fn` with at most `limit` calls in flight, keeping the input order in the result. A small
 * pool rather than `Promise.all`, so a thousand changed pages are not a thousand simultaneous Graph calls.
 */
export async function mapConcurrently<T, R>(inputs: readonly T[], limit: number, fn: (input: T) => Promise<R>): Promise<R[]> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a whole number of at least 1, got ${limit}`);
  const results = new Array<R>(inputs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    // Single-threaded JS: reading and bumping `next` cannot interleave, so each input is taken exactly once.
    while (next < inputs.length) {
      const index = next++;
      results[index] = await fn(inputs[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, inputs.length) }, worker));
  return results;
}
