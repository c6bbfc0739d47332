import { ServiceClientCredentialsFactory, TokenCredentials, type ServiceClientCredentials } from "botframework-connector";

/** What the bot's outbound call is for. */
export interface ConnectorTokenRequest {
  /** The bot's app id: the client the token is for. */
  readonly appId: string;
  /** The audience the token must carry (https://api.botframework.com for channel replies); botbuilder always sets it. */
  readonly audience?: string;
}

/** Returns a bearer token for the bot's calls to the Bot Connector (replies, proactive messages). */
export type ConnectorTokenSource = (request: ConnectorTokenRequest) => Promise<string>;

/**
 * A credentials factory whose outbound tokens come from a `ConnectorTokenSource` instead of MSAL, while app-id
 * checks (which decide whether an inbound token's audience is this bot) stay with the configured factory.
 * Tests use it to reach a local fake connector without login.microsoftonline.com; a host that obtains tokens its
 * own way could too. The source is asked on every outbound request, so it owns any caching.
 */
export class TokenSourceCredentialsFactory extends ServiceClientCredentialsFactory {
  constructor(
    private readonly inner: ServiceClientCredentialsFactory,
    private readonly tokens: ConnectorTokenSource,
  ) {
    super();
  }

  override isValidAppId(appId: string): Promise<boolean> {
    return this.inner.isValidAppId(appId);
  }

  override isAuthenticationDisabled(): Promise<boolean> {
    return this.inner.isAuthenticationDisabled();
  }

  override async createCredentials(appId: string, audience: string | undefined, loginEndpoint: string, validateAuthority: boolean): Promise<ServiceClientCredentials> {
    // Without an app id there is nothing to sign with: keep botbuilder's anonymous credentials.
    if (await this.inner.isAuthenticationDisabled()) return this.inner.createCredentials(appId, audience, loginEndpoint, validateAuthority);
    // Same refusal as botbuilder's own factories: never mint a token for an app that is not this bot.
    if (!(await this.inner.isValidAppId(appId))) throw new Error("Outbound credentials were requested for an app id that is not this bot's.");
    const request: ConnectorTokenRequest = { appId, audience };
    return { signRequest: async (webResource) => new TokenCredentials(await this.tokens(request)).signRequest(webResource) };
  }
}
