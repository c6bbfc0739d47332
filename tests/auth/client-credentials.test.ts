import { GRAPH_DEFAULT_SCOPE, MsalClientCredentialsTokenProvider } from "../../graph";
import { createConfidentialClient } from "../../graph/auth";
import { EntraNetwork } from "./support/entra-network";
import { CLIENT_ID, HOME_TENANT } from "./support/entra-tokens";

const CLIENT_SECRET = "test-only-client-secret";

/** The app-only Graph provider over real msal-node, Entra's token endpoint answered in-process. */
describe("MsalClientCredentialsTokenProvider through MSAL", () => {
  let network: EntraNetwork;
  beforeEach(() => {
    network = new EntraNetwork({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
  });
  const provider = (clientSecret = CLIENT_SECRET) =>
    new MsalClientCredentialsTokenProvider({ client: createConfidentialClient({ tenantId: HOME_TENANT, clientId: CLIENT_ID, clientSecret }, { networkClient: network }) });

  it("asks the tenant's token endpoint for a .default app token with the client secret", async () => {
    expect(await provider().getAccessToken()).toMatch(/^app\./);
    const [request] = network.tokenRequests();
    expect(request!.url.pathname).toBe(`/${HOME_TENANT}/oauth2/v2.0/token`);
    expect(Object.fromEntries(request!.form)).toMatchObject({ grant_type: "client_credentials", client_id: CLIENT_ID, client_secret: CLIENT_SECRET, scope: GRAPH_DEFAULT_SCOPE });
  });

  it("is served from MSAL's cache on the next call: one token request", async () => {
    const tokens = provider();
    const first = await tokens.getAccessToken();
    expect(await tokens.getAccessToken()).toBe(first);
    expect(network.tokenRequests()).toHaveLength(1);
  });

  it("refuses delegated scopes before reaching Entra", async () => {
    await expect(provider().getAccessToken({ scopes: ["User.Read"] })).rejects.toThrow(/\.default/);
    expect(network.calls).toHaveLength(0);
  });

  it("surfaces Entra's invalid_client for a wrong secret", async () => {
    await expect(provider("wrong-secret").getAccessToken()).rejects.toMatchObject({ errorCode: "invalid_client" });
  });
});
