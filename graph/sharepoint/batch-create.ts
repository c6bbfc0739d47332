import { isAppError, type AppError, type CreateResult, type StoredRecord } from "../../core";
import { forEachBatch, sendBatch, type BatchStep, type BatchStepResult } from "./batch-steps";
import type { SharePointValue } from "./field-values";
import { graphFailure, isDuplicateKey, isRetryable, mayHaveBeenWritten, toAppError, type GraphFailure } from "./graph-errors";
import { findByHubKeys } from "./hub-key-lookup";
import type { ListContext } from "./list-context";
import { recordFromItem, type GraphListItem } from "./list-item-record";
import { throttlingOnly, waitBeforeRetry } from "./retry-policy";
import { HUB_KEY_FIELD } from "./sharepoint-limits";

/** One valid record on its way into the list. */
export interface PendingCreate {
  /** Position in the caller's input, where its result goes. */
  readonly index: number;
  readonly key: string;
  readonly fields: Readonly<Record<string, SharePointValue>>;
}

interface Attempt extends PendingCreate {
  tries: number;
}

/**
 * Creates records in `$batch` requests of at most MAX_BATCH_REQUESTS, `ctx.batchConcurrency` batches at a time, and
 * reports each record on its own. Per step: 201 is done; 429 is sent again (alone with the other throttled steps)
 * after the longest Retry-After; a 5xx or a lost batch answer is looked up by hub key before anything is sent
 * again, so a step that did run is not written twice; other failures become that record's error.
 */
export async function createInBatches<D>(ctx: ListContext, entries: readonly PendingCreate[]): Promise<Map<number, CreateResult<D>>> {
  const results = new Map<number, CreateResult<D>>();
  await forEachBatch(entries, ctx.batchConcurrency, (chunk) => createChunk(ctx, chunk, results));
  return results;
}

async function createChunk<D>(ctx: ListContext, chunk: readonly PendingCreate[], results: Map<number, CreateResult<D>>): Promise<void> {
  const fail = (entry: PendingCreate, error: AppError): void => void results.set(entry.index, { ok: false, error });
  let pending: Attempt[] = chunk.map((entry) => ({ ...entry, tries: 0 }));
  while (pending.length > 0) {
    const answers = await sendCreates(ctx, pending);
    const again: Attempt[] = [];
    const check: Array<{ entry: Attempt; failure: GraphFailure }> = [];
    let wait: number | undefined;
    const waitFor = (failure: GraphFailure): void => {
      wait = Math.max(wait ?? 0, failure.retryAfterSeconds ?? ctx.policy.retryDelaySeconds);
    };
    for (const [i, entry] of pending.entries()) {
      const answer = answers.get(String(i + 1))!;
      if (answer.status === 201 || answer.status === 200) {
        results.set(entry.index, { ok: true, record: recordFromItem<D>(ctx.collection, answer.body as GraphListItem) });
      } else if (answer.status === 429) {
        again.push(entry);
        waitFor(answer);
      } else if (isDuplicateKey(answer) || mayHaveBeenWritten(answer.status)) {
        check.push({ entry, failure: answer });
        if (isRetryable(answer.status)) waitFor(answer);
      } else {
        fail(entry, toAppError(answer, "record"));
      }
    }
    if (wait !== undefined) await waitBeforeRetry(ctx.policy, wait);
    if (check.length > 0) await settleUncertain(ctx, check, again, results);
    pending = [];
    for (const entry of again) {
      if (++entry.tries > ctx.policy.maxRetries) fail(entry, toAppError({ status: 503, message: "Retries exhausted inside $batch" }, "record"));
      else pending.push(entry);
    }
  }
}

/** Sends one batch of creates; a failed envelope reads as the same failure for every step, for the caller to settle. */
async function sendCreates(ctx: ListContext, pending: readonly Attempt[]): Promise<Map<string, BatchStepResult>> {
  const steps: BatchStep[] = pending.map((entry, i) => ({ id: String(i + 1), method: "POST", url: ctx.itemsPath, body: { fields: { ...entry.fields, [HUB_KEY_FIELD]: entry.key } } }));
  try {
    // Only 429 is retried by the SDK: after a 503/504 on the envelope the batch may have run, so it is looked up.
    return await sendBatch(ctx.client, steps, throttlingOnly(ctx.policy));
  } catch (error) {
    const failure = graphFailure(error);
    return new Map(steps.map((step) => [step.id, { ...failure, body: undefined }]));
  }
}

/**
 * Looks up the steps whose outcome is unknown. Found: created (by the attempt whose answer was lost). Not found after
 * a retryable status: never written, so queued to send again with the same key. Otherwise: that record's error.
 */
async function settleUncertain<D>(ctx: ListContext, check: ReadonlyArray<{ entry: Attempt; failure: GraphFailure }>, again: Attempt[], results: Map<number, CreateResult<D>>): Promise<void> {
  let found: Map<string, StoredRecord<D>>;
  try {
    found = await findByHubKeys<D>(ctx, check.map((c) => c.entry.key));
  } catch (error) {
    const appError = isAppError(error) ? error : toAppError(graphFailure(error), "record");
    for (const { entry } of check) results.set(entry.index, { ok: false, error: appError });
    return;
  }
  for (const { entry, failure } of check) {
    const record = found.get(entry.key);
    if (record) results.set(entry.index, { ok: true, record });
    else if (isRetryable(failure.status)) again.push(entry);
    else results.set(entry.index, { ok: false, error: toAppError(failure, "record") });
  }
}

