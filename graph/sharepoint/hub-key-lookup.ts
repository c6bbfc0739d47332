import type { StoredRecord } from "../../core";
import { sendBatch, type BatchStep } from "./batch-steps";
import { isRetryable, toAppError } from "./graph-errors";
import { queryString, type ListContext } from "./list-context";
import { recordFromItem, type GraphItemPage } from "./list-item-record";
import { quoteODataString } from "./odata-filter";
import { waitBeforeRetry } from "./retry-policy";
import { HONOR_NON_INDEXED_QUERIES, HUB_KEY_FIELD } from "./sharepoint-limits";

const PREFER = { Prefer: HONOR_NON_INDEXED_QUERIES };

/** The GET that finds the item holding a hub key (the lowest id, should a key ever be there twice). */
function lookupPath(ctx: ListContext, key: string): string {
  return `${ctx.itemsPath}?${queryString({ $expand: "fields", $filter: `fields/${HUB_KEY_FIELD} eq ${quoteODataString(key)}`, $top: 1 })}`;
}

/**
 * Finds the items created with the given hub keys, to learn whether a create whose answer was lost did happen. One
 * key costs one GET; several cost one `$batch` of GETs, each an equality on the indexed hubKey column (which stays
 * valid past the list view threshold, where a long `or` chain might not). Lookups are reads, so throttled steps
 * are simply asked again after Retry-After.
 */
export async function findByHubKeys<D>(ctx: ListContext, keys: readonly string[]): Promise<Map<string, StoredRecord<D>>> {
  const found = new Map<string, StoredRecord<D>>();
  if (keys.length === 1) {
    const page = (await ctx.client.api(lookupPath(ctx, keys[0]!)).headers(PREFER).get()) as GraphItemPage;
    const item = page.value[0];
    if (item) found.set(keys[0]!, recordFromItem<D>(ctx.collection, item));
    return found;
  }
  let pending = [...keys];
  for (let attempt = 0; pending.length > 0; attempt++) {
    const steps: BatchStep[] = pending.map((key, i) => ({ id: String(i + 1), method: "GET", url: lookupPath(ctx, key), headers: PREFER }));
    const answers = await sendBatch(ctx.client, steps);
    const again: string[] = [];
    let wait: number | undefined;
    for (const [i, key] of pending.entries()) {
      const answer = answers.get(String(i + 1))!;
      if (answer.status === 200) {
        const item = (answer.body as GraphItemPage | undefined)?.value?.[0];
        if (item) found.set(key, recordFromItem<D>(ctx.collection, item));
      } else if (isRetryable(answer.status) && attempt < ctx.policy.maxRetries) {
        again.push(key);
        wait = Math.max(wait ?? 0, answer.retryAfterSeconds ?? ctx.policy.retryDelaySeconds);
      } else {
        throw toAppError(answer, "record");
      }
    }
    if (again.length > 0) await waitBeforeRetry(ctx.policy, wait);
    pending = again;
  }
  return found;
}
