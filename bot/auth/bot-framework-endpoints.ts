import { CallerIdConstants, type ConfigurationBotFrameworkAuthenticationOptions } from "botbuilder";
import { AuthenticationConstants } from "botframework-connector";

/**
 * Where the Bot Framework publishes the keys that sign inbound tokens, and where the bot gets its own outbound
 * tokens. Production uses the public Azure cloud (`PUBLIC_CLOUD_ENDPOINTS`); tests point the metadata URLs at a
 * local server that serves keys they generated, the way botbuilder-js's own tests stub the OpenID endpoints.
 */
export interface BotFrameworkEndpoints {
  /** OpenID configuration whose `jwks_uri` lists the Bot Connector's signing keys (with their channel endorsements). */
  readonly channelOpenIdMetadataUrl: string;
  /** Entra's OpenID configuration, for tokens Entra issued to a bot app (Emulator, skills, single-tenant callers). */
  readonly emulatorOpenIdMetadataUrl: string;
  /** `iss` of every token the Bot Connector sends. */
  readonly channelTokenIssuer: string;
  /** Authority the bot asks for its own token when it replies (a tenant is appended for single-tenant bots). */
  readonly toChannelLoginUrl: string;
  /** Scope (audience) of the bot's outbound token. */
  readonly toChannelOAuthScope: string;
  /** Bot Framework token service (user sign-in cards). */
  readonly oAuthUrl: string;
  /** Stamped on authenticated activities as `callerId`. */
  readonly callerId: string;
  /** Whether MSAL validates the login authority. */
  readonly validateAuthority: boolean;
}

/** botbuilder's own public-cloud values: what the adapter uses when nothing is overridden. */
export const PUBLIC_CLOUD_ENDPOINTS: BotFrameworkEndpoints = {
  channelOpenIdMetadataUrl: AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
  emulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
  channelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
  toChannelLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
  toChannelOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
  oAuthUrl: AuthenticationConstants.OAuthUrl,
  callerId: CallerIdConstants.PublicAzureChannel,
  validateAuthority: true,
};

/** The public cloud with `overrides` applied; an override left `undefined` keeps the default. */
export function resolveEndpoints(overrides: Partial<BotFrameworkEndpoints> = {}): BotFrameworkEndpoints {
  const given = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
  return { ...PUBLIC_CLOUD_ENDPOINTS, ...given };
}

/**
 * The ConfigurationBotFrameworkAuthentication settings for `overrides` on top of the public cloud. Empty when
 * nothing is overridden, so production keeps botbuilder's built-in defaults untouched.
 *
 * All eight are written whenever one is: once botbuilder sees any of these settings it takes every one of them as
 * given (BotFrameworkAuthenticationFactory), and a missing issuer or login URL would silently be `undefined`.
 */
export function endpointSettings(overrides: Partial<BotFrameworkEndpoints> = {}): ConfigurationBotFrameworkAuthenticationOptions {
  if (Object.values(overrides).every((value) => value === undefined)) return {};
  const endpoints = resolveEndpoints(overrides);
  return {
    ToBotFromChannelOpenIdMetadataUrl: endpoints.channelOpenIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: endpoints.emulatorOpenIdMetadataUrl,
    ToBotFromChannelTokenIssuer: endpoints.channelTokenIssuer,
    ToChannelFromBotLoginUrl: endpoints.toChannelLoginUrl,
    ToChannelFromBotOAuthScope: endpoints.toChannelOAuthScope,
    OAuthUrl: endpoints.oAuthUrl,
    CallerId: endpoints.callerId,
    ValidateAuthority: endpoints.validateAuthority,
  };
}
