import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type ConfigurationBotFrameworkAuthenticationOptions } from "botbuilder";
import type { BotLog } from "./bot-log";
import { createTurnErrorHandler } from "./turn-error";

/** The Bot Framework registration (from the config module), plus where the adapter logs turn errors. */
export interface BotAdapterOptions {
  /** Entra app (client) id of the bot. Absent: inbound requests are not authenticated (local development only). */
  readonly appId?: string;
  /** Client secret of the bot's app registration. */
  readonly appPassword?: string;
  /** Home tenant of a single-tenant bot registration; absent means multi-tenant. */
  readonly tenantId?: string;
  readonly log: BotLog;
}

/**
 * Builds the CloudAdapter that authenticates Bot Framework requests and sends replies, with the bot's single
 * turn-error handler attached.
 *
 * Without an app id, botbuilder disables authentication and accepts any request that reaches the endpoint. That is
 * what the Agents Playground and local tests need, and only that: the config module refuses to start in
 * production without BOT_APP_ID.
 */
export function createBotAdapter(options: BotAdapterOptions): CloudAdapter {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication(botAuthenticationSettings(options)));
  adapter.onTurnError = createTurnErrorHandler(options.log);
  return adapter;
}

/** The settings object ConfigurationBotFrameworkAuthentication reads (the names are botbuilder's, not ours). */
export function botAuthenticationSettings(options: Omit<BotAdapterOptions, "log">): ConfigurationBotFrameworkAuthenticationOptions {
  const appId = options.appId?.trim();
  if (!appId) return {};
  const tenantId = options.tenantId?.trim();
  return {
    MicrosoftAppId: appId,
    MicrosoftAppPassword: options.appPassword,
    ...(tenantId ? { MicrosoftAppType: "SingleTenant", MicrosoftAppTenantId: tenantId } : { MicrosoftAppType: "MultiTenant" }),
  };
}
