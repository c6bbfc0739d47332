import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { InteractionRequiredAuthError, type INetworkModule } from "@azure/msal-node";
import express from "express";
import { AppError } from "../../core";
import { createGraphClient } from "../../graph";
import { createConfidentialClient, createOboTokenProvider, type OboTokenProvider, type OboUser } from "../../graph/auth";
import { authenticate, bearerTokenOf, createTokenValidator, entraValidatorSettings, principalOf } from "../../teams-app/auth";
import { errorHandler } from "../../teams-app/http/error-handler";
import { GraphFake } from "../fakes/graph-fake";
import { EntraNetwork } from "./support/entra-network";
import { API_HOST, CLIENT_ID, createSigningKey, HOME_TENANT, PARTNER_TENANT, signAccessToken, type EntraUser, type SigningKey } from "./support/entra-tokens";
import { JwksServer } from "./support/jwks-server";

const SCOPES = ["https://graph.microsoft.com/User.Read", "https://graph.microsoft.com/Calendars.Read"];
const CLIENT_SECRET = "test-only-client-secret";
const ALEX: EntraUser = { oid: "a1e7c2d4-3b5f-4a6e-9c8d-0f1e2d3c4b5a", upn: "alex.morgan@example-council.gov.uk", name: "Alex Morgan" };
const SAM: EntraUser = { oid: "b2f8d3e5-4c6a-4b7f-8d9e-1a2b3c4d5e6f", upn: "sam.patel@example-council.gov.uk", name: "Sam Patel" };
const CASEY: EntraUser = { oid: "c3a9e4f6-5d7b-4c8a-9e0f-2b3c4d5e6f7a", upn: "casey.jones@example-council.gov.uk", name: "Casey Jones" };

/** Whose token it is: the emulator issues `graph.<oid>.<serial>`. */
const ownerOf = (token: string) => token.split(".")[1];
const principal = (user: EntraUser): OboUser => ({ id: user.oid, tenantId: user.tenantId ?? HOME_TENANT });

/** On-behalf-of exchange through real msal-node, with Entra's token endpoint answered in-process. */
describe("on-behalf-of Graph tokens", () => {
  let key: SigningKey;
  let network: EntraNetwork;
  let provider: OboTokenProvider;
  let clockMs: number;

  beforeAll(async () => {
    key = await createSigningKey();
  });
  beforeEach(() => {
    network = new EntraNetwork({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
    clockMs = Date.now();
    provider = providerWith(network);
  });

  function providerWith(networkClient: INetworkModule): OboTokenProvider {
    const msal = createConfidentialClient({ tenantId: HOME_TENANT, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }, { networkClient });
    return createOboTokenProvider({ msal, scopes: SCOPES, now: () => clockMs });
  }
  const assertionFor = (user: EntraUser, audience?: string) => signAccessToken(user, { key, ...(audience ? { audience } : {}) });

  it("gives two users two different tokens, each their own, through a real OBO request", async () => {
    const alexAssertion = await assertionFor(ALEX);
    const alex = await provider.getTokenFor(alexAssertion, principal(ALEX));
    const sam = await provider.getTokenFor(await assertionFor(SAM), principal(SAM));

    expect(ownerOf(alex)).toBe(ALEX.oid);
    expect(ownerOf(sam)).toBe(SAM.oid);
    expect(alex).not.toBe(sam);
    const [request] = network.tokenRequests(ALEX.oid);
    expect(request!.url.pathname).toBe(`/${HOME_TENANT}/oauth2/v2.0/token`);
    expect(Object.fromEntries(request!.form)).toMatchObject({
      grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer",
      requested_token_use: "on_behalf_of",
      assertion: alexAssertion,
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
    });
    expect(request!.form.get("scope")!.split(" ")).toEqual(expect.arrayContaining(SCOPES));
  });

  it("answers from the cache on the next request, even with a fresh assertion from the same user", async () => {
    const first = await provider.getTokenFor(await assertionFor(ALEX), principal(ALEX));
    const again = await provider.getTokenFor(await assertionFor(ALEX), principal(ALEX));
    const viaGraphOptions = await provider.forUser(await assertionFor(ALEX), principal(ALEX)).getAccessToken();
    expect(again).toBe(first);
    expect(viaGraphOptions).toBe(first);
    expect(network.tokenRequests()).toHaveLength(1);
  });

  it("keeps users apart under concurrency: 40 interleaved requests, each gets their own token, one exchange per user", async () => {
    network.user(ALEX.oid).delayMs = 40; // Alex's exchange finishes after Sam's
    network.user(SAM.oid).delayMs = 5;
    const users = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? ALEX : SAM));
    const assertions = new Map([
      [ALEX.oid, await assertionFor(ALEX)],
      [SAM.oid, await assertionFor(SAM)],
    ]);

    const tokens = await Promise.all(users.map((u) => provider.getTokenFor(assertions.get(u.oid)!, principal(u))));

    tokens.forEach((token, i) => expect(ownerOf(token)).toBe(users[i]!.oid));
    expect(new Set(tokens).size).toBe(2);
    expect(network.tokenRequests(ALEX.oid)).toHaveLength(1);
    expect(network.tokenRequests(SAM.oid)).toHaveLength(1);
  });

  it("after one user's token expires, only that user gets a new token, and it is still theirs", async () => {
    network.user(ALEX.oid).expiresInSeconds = 600;
    const alexAssertion = await assertionFor(ALEX);
    const samAssertion = await assertionFor(SAM);
    const alex1 = await provider.getTokenFor(alexAssertion, principal(ALEX));
    const sam1 = await provider.getTokenFor(samAssertion, principal(SAM));

    clockMs += 301_000; // inside the 5-minute refresh margin of Alex's 10-minute token; Sam's has most of an hour left
    const after = await Promise.all([ALEX, SAM, ALEX, SAM].map((u) => provider.getTokenFor(u === ALEX ? alexAssertion : samAssertion, principal(u))));

    expect(after[0]).not.toBe(alex1);
    expect(after.map(ownerOf)).toEqual([ALEX.oid, SAM.oid, ALEX.oid, SAM.oid]);
    expect(after[1]).toBe(sam1);
    expect(after[2]).toBe(after[0]);
    expect(network.tokenRequests(ALEX.oid)).toHaveLength(2);
    expect(network.tokenRequests(SAM.oid)).toHaveLength(1);
  });

  it("treats the same object id in another tenant as another user, exchanged at that tenant's authority", async () => {
    const home = await provider.getTokenFor(await assertionFor(ALEX), principal(ALEX));
    const partnerAlex = { ...ALEX, tenantId: PARTNER_TENANT };
    const partner = await provider.getTokenFor(await assertionFor(partnerAlex), principal(partnerAlex));
    expect(partner).not.toBe(home);
    expect(network.tokenRequests().map((r) => r.url.pathname)).toEqual([`/${HOME_TENANT}/oauth2/v2.0/token`, `/${PARTNER_TENANT}/oauth2/v2.0/token`]);
  });

  it("refuses one user's assertion paired with another user's principal, before any cache lookup or exchange", async () => {
    await provider.getTokenFor(await assertionFor(ALEX), principal(ALEX));
    await expect(provider.getTokenFor(await assertionFor(SAM), principal(ALEX))).rejects.toThrow(/different user/);
    await expect(provider.getTokenFor("not-a-jwt", principal(ALEX))).rejects.toThrow(/not a JWT/);
    expect(network.tokenRequests(SAM.oid)).toHaveLength(0);
  });

  it("refuses a token Entra issued for somebody else, and caches nothing", async () => {
    network.user(ALEX.oid).answerAsOid = SAM.oid;
    await expect(provider.getTokenFor(await assertionFor(ALEX), principal(ALEX))).rejects.toThrow(/different user/);
    network.user(ALEX.oid).answerAsOid = undefined;
    expect(ownerOf(await provider.getTokenFor(await assertionFor(ALEX), principal(ALEX)))).toBe(ALEX.oid);
  });

  it("consent required → 403 consent_required listing the scopes; nothing cached; works once consent is granted", async () => {
    network.user(CASEY.oid).consentRequired = true;
    const assertion = await assertionFor(CASEY);

    const error = await provider.getTokenFor(assertion, principal(CASEY)).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ status: 403, code: "consent_required", details: SCOPES.map((scope) => ({ path: "scopes", message: scope })) });
    expect((error as AppError).cause).toBeInstanceOf(InteractionRequiredAuthError);
    expect(((error as AppError).cause as InteractionRequiredAuthError).errorMessage).toMatch(/^AADSTS65001/);

    network.user(CASEY.oid).consentRequired = false;
    expect(ownerOf(await provider.getTokenFor(assertion, principal(CASEY)))).toBe(CASEY.oid);
    expect(network.tokenRequests(CASEY.oid)).toHaveLength(2);
  });

  it("an assertion Entra refuses → 401; Entra unreachable → 503", async () => {
    const refused = await provider.getTokenFor(await assertionFor(ALEX, "api://someone-else"), principal(ALEX)).catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 401, code: "unauthorized" });

    const unreachable: INetworkModule = {
      sendGetRequestAsync: () => Promise.reject(new Error("getaddrinfo ENOTFOUND login.microsoftonline.com")),
      sendPostRequestAsync: () => Promise.reject(new Error("getaddrinfo ENOTFOUND login.microsoftonline.com")),
    };
    const offline = await providerWith(unreachable).getTokenFor(await assertionFor(ALEX), principal(ALEX)).catch((e: unknown) => e);
    expect(offline).toMatchObject({ status: 503, code: "unavailable" });
  });

  it("plugs into the Graph client: the call to Graph carries the signed-in user's own token", async () => {
    const graph = await GraphFake.start();
    try {
      graph.on("GET", "/me", () => ({ body: { displayName: ALEX.name } }));
      const client = createGraphClient({ tokenProvider: provider.forUser(await assertionFor(ALEX), principal(ALEX)), baseUrl: graph.baseUrl, fetch: graph.fetch, maxRetries: 0 });
      await client.api("/me").get();
      expect(ownerOf(graph.requests[0]!.headers.authorization!.replace(/^Bearer /, ""))).toBe(ALEX.oid);
    } finally {
      await graph.close();
    }
  });

  describe("through the HTTP API", () => {
    let keys: JwksServer;
    let server: Server;
    let baseUrl: string;

    beforeAll(async () => {
      keys = await JwksServer.start([key.publicJwk]);
    });
    beforeEach(async () => {
      // The wiring a Graph-backed route uses: validate the Entra token, then exchange that same token for the principal.
      const validator = createTokenValidator(entraValidatorSettings({ tenantId: HOME_TENANT, clientId: CLIENT_ID, allowedTenants: [HOME_TENANT] }, API_HOST, { jwksUri: keys.uriTemplate }));
      const app = express();
      app.get("/api/graph-token-owner", authenticate(validator), async (_req, res) => {
        res.json({ owner: ownerOf(await provider.getTokenFor(bearerTokenOf(res), principalOf(res))) });
      });
      app.use(errorHandler(() => undefined));
      server = await new Promise<Server>((resolve) => {
        const s = app.listen(0, "127.0.0.1", () => resolve(s));
      });
      baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));
    afterAll(() => keys.close());

    const call = async (user: EntraUser) => fetch(`${baseUrl}/api/graph-token-owner`, { headers: { authorization: `Bearer ${await assertionFor(user)}` } });

    it("gives each caller a token of their own", async () => {
      const [alex, sam] = await Promise.all([call(ALEX), call(SAM)]);
      expect(await alex.json()).toEqual({ owner: ALEX.oid });
      expect(await sam.json()).toEqual({ owner: SAM.oid });
    });

    it("answers consent required with a 403 body the tab can act on", async () => {
      network.user(CASEY.oid).consentRequired = true;
      const res = await call(CASEY);
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({
        error: {
          code: "consent_required",
          message: expect.stringMatching(/permission to use Microsoft 365/),
          details: SCOPES.map((scope) => ({ path: "scopes", message: scope })),
        },
      });
    });
  });
});
