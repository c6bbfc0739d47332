import type { Client } from "@microsoft/microsoft-graph-client";
import type { CollectionDef } from "../../core";
import { createGraphClient, StaticTokenProvider } from "../../graph";
import { SharePointProvisioner, type ProvisionReport } from "../../graph/provisioning";
import { SharePointRecordStoreFactory, type SharePointRecordStoreOptions } from "../../graph/sharepoint";
import { SharePointFake, type SharePointFakeOptions } from "./sharepoint-fake";

/** Retries the test client allows: storms hit a fifth of requests, so four failures in a row must not end a call. */
export const TESTBED_MAX_RETRIES = 8;

/** The SharePoint fake plus the production Graph client, provisioner and store pointed at it. */
export interface SharePointTestbed {
  readonly fake: SharePointFake;
  /** The real Graph client (SDK middleware: auth, retry, redirect) over verified TLS to the fake. */
  readonly client: Client;
  readonly siteId: string;
  /** Provisions lists for the collections on the fake's site. */
  provision(collections: readonly CollectionDef[], options?: { readonly dryRun?: boolean; readonly uniqueHubKey?: boolean }): Promise<ProvisionReport>;
  /** A store factory over the given lists; retries are instant unless `options` say otherwise. */
  factory(listIds: Readonly<Record<string, string>>, options?: Partial<SharePointRecordStoreOptions>): SharePointRecordStoreFactory;
  close(): Promise<void>;
}

/** Starts a fake and wires the real client to it through the trusting fetch: the HTTP boundary is the only fake part. */
export async function startSharePointTestbed(options: SharePointFakeOptions & { readonly maxRetries?: number } = {}): Promise<SharePointTestbed> {
  const fake = await SharePointFake.start(options);
  const maxRetries = options.maxRetries ?? TESTBED_MAX_RETRIES;
  const client = createGraphClient({ tokenProvider: new StaticTokenProvider("sharepoint-test-token"), baseUrl: fake.baseUrl, fetch: fake.fetch, retryDelaySeconds: 0, maxRetries });
  const siteId = fake.site.id;
  return {
    fake,
    client,
    siteId,
    provision: (collections, { dryRun, uniqueHubKey } = {}) => new SharePointProvisioner(client, { siteId, uniqueHubKey }).provision(collections, { dryRun }),
    factory: (listIds, overrides = {}) =>
      new SharePointRecordStoreFactory(client, { siteId, listIds, graphBaseUrl: fake.baseUrl, maxRetries, retryDelaySeconds: 0, retryDelayScale: 0.001, ...overrides }),
    close: () => fake.close(),
  };
}
