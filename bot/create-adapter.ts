import { CloudAdapter, ConfigurationBotFrameworkAuthentication, ConfigurationServiceClientCredentialFactory, type ConfigurationBotFrameworkAuthenticationOptions } from "botbuilder";
import { AuthenticationConfiguration } from "botframework-connector";
import {
  endpointSettings,
  GuardedCloudAdapter,
  inboundClaimsValidator,
  resolveEndpoints,
  TokenSourceCredentialsFactory,
  type BotFrameworkEndpoints,
  type ConnectorTokenSource,
  type InboundClaimsOptions,
} from "./auth";
import type { BotLog } from "./bot-log";
import { createTurnErrorHandler } from "./turn-error";

export type { BotFrameworkEndpoints, ConnectorTokenRequest, ConnectorTokenSource } from "./auth";

/** The Bot Framework registration (from the config module), plus where the adapter logs turn errors. */
export interface BotAdapterOptions {
  /** Entra app (client) id of the bot. Absent: inbound requests are not authenticated (local development only). */
  readonly appId?: string;
  /** Client secret of the bot's app registration. Not needed with a certificate. */
  readonly appPassword?: string;
  /** Certificate credential instead of a secret: the certificate's SHA-1 thumbprint (hex, as Entra shows it). */
  readonly certificateThumbprint?: string;
  /** PEM private key of that certificate. botbuilder requires both certificate fields or neither. */
  readonly certificatePrivateKey?: string;
  /** Home tenant of a single-tenant bot registration; absent means multi-tenant. */
  readonly tenantId?: string;
  /** Overrides of the public-cloud OpenID metadata, issuer and login URLs (tests: a local key server). */
  readonly endpoints?: Partial<BotFrameworkEndpoints>;
  /** Supplies the bot's outbound (bot → connector) token instead of MSAL (tests: a fixed token). */
  readonly connectorTokens?: ConnectorTokenSource;
  readonly log: BotLog;
}

/**
 * Builds the CloudAdapter that authenticates Bot Framework requests and sends replies, with the bot's single
 * turn-error handler attached. Failed requests get generic bodies (see GuardedCloudAdapter): 401 for a missing or
 * invalid token, 500 when the keys could not be fetched.
 *
 * Without an app id, botbuilder disables authentication and accepts any request that reaches the endpoint. That is
 * what the Agents Playground and local tests need, and only that: the config module refuses to start in
 * production without BOT_APP_ID.
 *
 * @example
 * // Production: public cloud endpoints, MSAL for outbound tokens.
 * createBotAdapter({ appId, appPassword, tenantId, log });
 * // Tests: keys from a local server, a fixed outbound token.
 * createBotAdapter({ appId, appPassword, tenantId, log, endpoints: { channelOpenIdMetadataUrl: `${keys.url}/openid` },
 *   connectorTokens: async () => "test-token" });
 */
export function createBotAdapter(options: BotAdapterOptions): CloudAdapter {
  const settings = botAuthenticationSettings(options);
  const appId = settings.MicrosoftAppId;
  // Only when the bot has an identity: with authentication off there are no claims worth checking.
  const authConfiguration = appId ? new AuthenticationConfiguration([], inboundClaimsValidator(claimsOptions(appId, options))) : undefined;
  const credentialsFactory = options.connectorTokens
    ? new TokenSourceCredentialsFactory(new ConfigurationServiceClientCredentialFactory(settings), options.connectorTokens)
    : undefined;
  const auth = new ConfigurationBotFrameworkAuthentication(settings, credentialsFactory, authConfiguration);
  const adapter = new GuardedCloudAdapter(auth, options.log);
  adapter.onTurnError = createTurnErrorHandler(options.log);
  return adapter;
}

/** The settings object ConfigurationBotFrameworkAuthentication reads (the names are botbuilder's, not ours). */
export function botAuthenticationSettings(options: Omit<BotAdapterOptions, "log" | "connectorTokens">): ConfigurationBotFrameworkAuthenticationOptions {
  const appId = options.appId?.trim();
  if (!appId) return {};
  const tenantId = options.tenantId?.trim();
  const thumbprint = options.certificateThumbprint?.trim();
  return {
    MicrosoftAppId: appId,
    MicrosoftAppPassword: options.appPassword,
    ...(tenantId ? { MicrosoftAppType: "SingleTenant", MicrosoftAppTenantId: tenantId } : { MicrosoftAppType: "MultiTenant" }),
    // Both or neither: botbuilder asserts the pair, so half a certificate fails at start, not on the first reply.
    ...(thumbprint || options.certificatePrivateKey ? { CertificateThumbprint: thumbprint, CertificatePrivateKey: options.certificatePrivateKey } : {}),
    ...endpointSettings(options.endpoints),
  };
}

function claimsOptions(appId: string, options: Pick<BotAdapterOptions, "tenantId" | "endpoints">): InboundClaimsOptions {
  const endpoints = resolveEndpoints(options.endpoints);
  return {
    appId,
    tenantId: options.tenantId?.trim() || undefined,
    channelTokenIssuer: endpoints.channelTokenIssuer,
    channelAudience: endpoints.toChannelOAuthScope,
  };
}
