import { join } from "node:path";
import type { Express } from "express";
import type { Client } from "@microsoft/microsoft-graph-client";
import { COLLECTIONS, systemClock, type Notifier, type RecordStoreFactory } from "../core";
import { SharePointRecordStoreFactory } from "../graph";
import { createBotAdapter, CouncilHubBot, type BotAdapterOptions } from "../bot";
import { createSqliteHub, packageRoot, seedSampleData, type SeedResult, type SqliteHub } from "../store";
import { createApp } from "./app";
import { composeNotifier } from "./compose-notifier";
import { createDelegatedSearch, type DelegatedSearchSeams } from "./delegated-search";
import { graphClientFromConfig } from "./graph-from-config";
import { DEV_AUDIENCE, DEV_ISSUER, DEV_TENANT_ID, DevIssuer } from "./auth/dev-issuer";
import { entraValidatorSettings, type EntraKeyOptions } from "./auth/entra-keys";
import { createTokenValidator, type TokenValidator } from "./auth/token-validator";
import type { HubConfig } from "./config";
import type { Logger } from "./logger";

/** Test seams of the bot adapter: key endpoints and the outbound token source (see createBotAdapter). */
export type BotAuthOverrides = Pick<BotAdapterOptions, "endpoints" | "connectorTokens">;

export interface ComposedHub {
  readonly app: Express;
  readonly services: SqliteHub;
  readonly validator: TokenValidator;
  readonly devIssuer?: DevIssuer;
  readonly seeded?: SeedResult;
  /** Sends Teams notifications (activity feed, or proactive bot messages); capabilities use it for their events. */
  readonly notifier: Notifier;
}

/**
 * The composition root: builds the store, services, auth, bot and express app from configuration.
 * The only place that decides which implementation of each port is used.
 */
export interface ComposeOptions {
  readonly tabsDir?: string;
  /** Tests point Entra key fetching at a local JWKS; production uses login.microsoftonline.com. */
  readonly entraKeys?: EntraKeyOptions;
  /** Tests point the Bot Framework key endpoints at a local server; production uses the public cloud. */
  readonly botAuth?: BotAuthOverrides;
  /** The app-only Graph client; tests pass one wired to the HTTPS Graph fake (MSAL cannot reach Entra there). */
  readonly graphClient?: Client;
  /** Tests answer the tab's delegated search (MSAL's OBO call and Graph) in-process. */
  readonly delegatedSearch?: DelegatedSearchSeams;
}

export async function composeHub(config: HubConfig, log: Logger, options: ComposeOptions = {}): Promise<ComposedHub> {
  // Records live in SharePoint lists when STORE=sharepoint (run `hub provision` first); otherwise in SQLite. The
  // guidance index, directory cache and audit trail stay in the local SQLite file either way.
  const records: RecordStoreFactory | undefined =
    config.store.kind === "sharepoint" ? await SharePointRecordStoreFactory.connect(options.graphClient ?? graphClientFromConfig(config), {
          site: config.store.site,
          collections: COLLECTIONS,
          graphBaseUrl: config.graph.baseUrl,
        }) : undefined;
  const services = createSqliteHub(config.dataDir, systemClock, {
    records,
    // Never the question text: a failed query-log write is reported by what failed and why.
    onError: (error, what) => log("warn", `${what} failed in the background`, { error: error instanceof Error ? error.message : String(error) }),
    indexSnapshot: config.searchIndexSnapshot,
  });
  try {
    const seeded = config.seedSampleData ? await seedSampleData({ guidance: services.guidance, directory: services.directory }) : undefined;
    // Best bets and the stored vocabulary are loaded now, so the first search neither waits nor misses them.
    await services.searchCuration.start();
    let devIssuer: DevIssuer | undefined;
    let validator: TokenValidator;
    if (config.authMode === "dev") {
      devIssuer = await DevIssuer.create(config.devTokenTtlMinutes);
      validator = createTokenValidator({ keys: devIssuer.keyResolver(), issuers: [DEV_ISSUER], audiences: [DEV_AUDIENCE], allowedTenants: [DEV_TENANT_ID], requiredScope: "access_as_user" });
    } else {
      if (!config.entra) throw new Error("AUTH_MODE=entra without Entra settings: config should have refused this.");
      validator = createTokenValidator(entraValidatorSettings(config.entra, new URL(config.publicUrl).host, { log, ...options.entraKeys }));
    }
    const adapter = createBotAdapter({ ...config.bot, ...options.botAuth, log });
    const { notifier, conversationReferences } = composeNotifier({ config, db: services.db, adapter, clock: systemClock, log });
    const handler = new CouncilHubBot({ services, publicUrl: config.publicUrl, log, conversationReferences });
    const app = createApp({
      config,
      services,
      validator,
      devIssuer,
      bot: { adapter, handler },
      delegatedSearch: createDelegatedSearch(config, log, { ...options.delegatedSearch, vocabulary: services.searchCuration.vocabulary }),
      tabsDir: options.tabsDir ?? join(packageRoot(), "dist", "tabs"),
      log,
    });
    return { app, services, validator, devIssuer, seeded, notifier };
  } catch (error) {
    await services.close();
    throw error;
  }
}
