import type { DeleteResult } from "../../core";
import { forEachBatch, sendBatch, type BatchStep, type BatchStepResult } from "./batch-steps";
import { graphFailure, isRetryable, mayHaveBeenWritten, toAppError, type GraphFailure } from "./graph-errors";
import type { ListContext } from "./list-context";
import { throttlingOnly, waitBeforeRetry } from "./retry-policy";

/** One item on its way out of the list: a valid item id and eTag. */
export interface PendingDelete {
  /** Position in the caller's input, where its result goes. */
  readonly index: number;
  readonly id: string;
  readonly version: string;
}

interface Attempt extends PendingDelete {
  tries: number;
  /** An earlier attempt may have run (its answer was a 5xx or lost): a 404 now is that attempt's doing. */
  ambiguous: boolean;
}

/**
 * Deletes items in `$batch` requests of at most MAX_BATCH_REQUESTS DELETEs with If-Match, `ctx.batchConcurrency`
 * batches at a time, and reports each on its own. A conditional delete cannot apply twice, so unlike creates every
 * retryable step (429, 503, 504, a lost answer) is simply sent again after the longest Retry-After; a 404 after an
 * attempt that may have run means that attempt deleted it: done. 412 is a conflict, other failures that item's error.
 */
export async function deleteInBatches(ctx: ListContext, entries: readonly PendingDelete[], what: string): Promise<Map<number, DeleteResult>> {
  const results = new Map<number, DeleteResult>();
  await forEachBatch(entries, ctx.batchConcurrency, (chunk) => deleteChunk(ctx, chunk, results, what));
  return results;
}

async function deleteChunk(ctx: ListContext, chunk: readonly PendingDelete[], results: Map<number, DeleteResult>, what: string): Promise<void> {
  let pending: Attempt[] = chunk.map((entry) => ({ ...entry, tries: 0, ambiguous: false }));
  while (pending.length > 0) {
    const answers = await sendDeletes(ctx, pending);
    const again: Attempt[] = [];
    let wait: number | undefined;
    for (const [i, entry] of pending.entries()) {
      const answer = answers.get(String(i + 1))!;
      if (answer.status === 204 || answer.status === 200 || (answer.status === 404 && entry.ambiguous)) {
        results.set(entry.index, { ok: true });
      } else if (answer.status === -1 || isRetryable(answer.status)) {
        entry.ambiguous ||= mayHaveBeenWritten(answer.status);
        again.push(entry);
        wait = Math.max(wait ?? 0, answer.retryAfterSeconds ?? ctx.policy.retryDelaySeconds);
      } else {
        results.set(entry.index, { ok: false, error: toAppError(answer, what) });
      }
    }
    if (wait !== undefined) await waitBeforeRetry(ctx.policy, wait);
    pending = [];
    for (const entry of again) {
      if (++entry.tries > ctx.policy.maxRetries) results.set(entry.index, { ok: false, error: toAppError({ status: 503, message: "Retries exhausted inside $batch" }, what) });
      else pending.push(entry);
    }
  }
}

/** Sends one batch of deletes; a failed envelope reads as the same failure for every step, to be sent again. */
async function sendDeletes(ctx: ListContext, pending: readonly Attempt[]): Promise<Map<string, BatchStepResult>> {
  const steps: BatchStep[] = pending.map((entry, i) => ({ id: String(i + 1), method: "DELETE", url: `${ctx.itemsPath}/${entry.id}`, headers: { "If-Match": entry.version } }));
  try {
    // The SDK retries only a throttled envelope; after a 503/504 the steps come back here, marked as may-have-run.
    return await sendBatch(ctx.client, steps, throttlingOnly(ctx.policy));
  } catch (error) {
    const failure: GraphFailure = graphFailure(error);
    return new Map(steps.map((step) => [step.id, { ...failure, body: undefined }]));
  }
}
