import { randomUUID } from "node:crypto";
import type { Client } from "@microsoft/microsoft-graph-client";
import type { CollectionDef, FieldDef, RecordStore, RecordStoreFactory } from "../../core";
import { DEFAULT_MAX_RETRIES, DEFAULT_RETRY_DELAY_SECONDS, GRAPH_BASE_URL, MAX_RETRIES_CEILING, MAX_RETRY_DELAY_SECONDS } from "../graph-limits";
import { assertHubKeyFree } from "./column-definitions";
import { itemsPathOf } from "./list-context";
import { resolveListIds } from "./list-lookup";
import { SharePointRecordStore } from "./sharepoint-record-store";
import { resolveSite } from "./site-lookup";

/** `$batch` requests createMany keeps in flight at once: enough to overlap round trips, few enough not to invite throttling. */
export const DEFAULT_BATCH_CONCURRENCY = 2;

/** Options for {@link SharePointRecordStoreFactory}. */
export interface SharePointRecordStoreOptions {
  /** Graph id of the site that holds the lists (`host,guid,guid`). */
  readonly siteId: string;
  /** List id per collection name, from provisioning or {@link SharePointRecordStoreFactory.connect}. */
  readonly listIds: Readonly<Record<string, string>>;
  /** Graph root the client talks to; a cursor pointing anywhere else is refused (default graph.microsoft.com). */
  readonly graphBaseUrl?: string;
  /** Retries after 429/503/504, by the SDK or by the store itself (0–10, default 3). */
  readonly maxRetries?: number;
  /** Seconds to wait when no Retry-After comes back (default 3). */
  readonly retryDelaySeconds?: number;
  /** Multiplies the waits the store makes itself (batch steps, ambiguous creates): 1 in production, tiny in tests. */
  readonly retryDelayScale?: number;
  /** `$batch` requests createMany keeps in flight at once (default 2). */
  readonly batchConcurrency?: number;
  /** Makes idempotency keys (default crypto.randomUUID). */
  readonly newKey?: () => string;
}

/**
 * Record stores on SharePoint lists through Microsoft Graph: one list per collection, one column per field (plus the
 * hub key), provisioned by graph/provisioning. Implements core's RecordStoreFactory, so capabilities run unchanged on
 * SQLite or SharePoint.
 *
 * @example
 * const factory = await SharePointRecordStoreFactory.connect(client, { site: "council.sharepoint.com:/sites/hub", collections });
 * const cases = factory.open(ADJUSTMENT_CASES);
 */
export class SharePointRecordStoreFactory implements RecordStoreFactory {
  private readonly options: Required<Omit<SharePointRecordStoreOptions, "listIds" | "siteId">>;

  constructor(
    private readonly client: Client,
    private readonly settings: SharePointRecordStoreOptions,
  ) {
    const maxRetries = settings.maxRetries ?? DEFAULT_MAX_RETRIES;
    const retryDelaySeconds = settings.retryDelaySeconds ?? DEFAULT_RETRY_DELAY_SECONDS;
    if (!Number.isInteger(maxRetries) || maxRetries < 0 || maxRetries > MAX_RETRIES_CEILING) throw new RangeError(`maxRetries must be 0 to ${MAX_RETRIES_CEILING}`);
    if (!(retryDelaySeconds >= 0 && retryDelaySeconds <= MAX_RETRY_DELAY_SECONDS)) throw new RangeError(`retryDelaySeconds must be 0 to ${MAX_RETRY_DELAY_SECONDS}`);
    this.options = {
      graphBaseUrl: GRAPH_BASE_URL,
      retryDelayScale: 1,
      batchConcurrency: DEFAULT_BATCH_CONCURRENCY,
      newKey: randomUUID,
      ...settings,
      maxRetries,
      retryDelaySeconds,
    };
  }

  /** Resolves the site (hostname:/path or id) and each collection's list with two reads, then builds the factory. */
  static async connect(
    client: Client,
    options: Omit<SharePointRecordStoreOptions, "siteId" | "listIds"> & { readonly site: string; readonly collections: readonly CollectionDef[] },
  ): Promise<SharePointRecordStoreFactory> {
    const site = await resolveSite(client, options.site);
    const listIds = await resolveListIds(client, site.id, options.collections);
    return new SharePointRecordStoreFactory(client, { ...options, siteId: site.id, listIds });
  }

  /** A store for one collection; throws at start (not at the first write) when its list is unknown. */
  open<F extends Record<string, FieldDef>>(collection: CollectionDef<F>): RecordStore<F> {
    const listId = this.settings.listIds[collection.name];
    if (!listId) throw new Error(`No SharePoint list is known for collection "${collection.name}": provision it first.`);
    assertHubKeyFree(collection);
    return new SharePointRecordStore<F>({
      client: this.client,
      collection,
      itemsPath: itemsPathOf(this.settings.siteId, listId),
      graphOrigin: new URL(this.options.graphBaseUrl).origin,
      policy: { maxRetries: this.options.maxRetries, retryDelaySeconds: this.options.retryDelaySeconds, delayScale: this.options.retryDelayScale },
      batchConcurrency: Math.max(1, this.options.batchConcurrency),
      newKey: this.options.newKey,
    });
  }
}
