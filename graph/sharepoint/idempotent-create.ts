import type { StoredRecord } from "../../core";
import { graphFailure, isDuplicateKey, isRetryable, mayHaveBeenWritten, toAppError, type GraphFailure } from "./graph-errors";
import { findByHubKeys } from "./hub-key-lookup";
import type { ListContext } from "./list-context";
import { recordFromItem, type GraphListItem } from "./list-item-record";
import type { SharePointValue } from "./field-values";
import { throttlingOnly, waitBeforeRetry } from "./retry-policy";
import { HUB_KEY_FIELD } from "./sharepoint-limits";

/**
 * Creates one item so that a lost answer never becomes a second item. The SDK retries 429s (never carried out). After
 * a 5xx or a dropped connection the item may exist, so the store waits Retry-After, looks the hub key up (one GET)
 * and returns what it finds; only when the key is absent and the status was retryable does it POST again, with the
 * same key. A unique hubKey column (provisioning's default) also refuses a second POST that races an original still
 * in flight; that 409 is answered with the look-up too. Without faults: one round trip.
 */
export async function createIdempotently<D>(ctx: ListContext, fields: Record<string, SharePointValue>, key: string): Promise<StoredRecord<D>> {
  const body = { fields: { ...fields, [HUB_KEY_FIELD]: key } };
  for (let attempt = 0; ; attempt++) {
    let failure: GraphFailure;
    try {
      const item = (await ctx.client.api(ctx.itemsPath).middlewareOptions([throttlingOnly(ctx.policy)]).post(body)) as GraphListItem;
      return recordFromItem<D>(ctx.collection, item);
    } catch (error) {
      failure = graphFailure(error);
    }
    const duplicate = isDuplicateKey(failure);
    if (!duplicate && !mayHaveBeenWritten(failure.status)) throw toAppError(failure, "record");
    if (isRetryable(failure.status)) await waitBeforeRetry(ctx.policy, failure.retryAfterSeconds);
    const found = (await findByHubKeys<D>(ctx, [key])).get(key);
    if (found) return found;
    if (duplicate || !isRetryable(failure.status) || attempt >= ctx.policy.maxRetries) throw toAppError(failure, "record");
  }
}
