import type { LogLevel } from "../../teams-app/logger";
import { API_HOST, CLIENT_ID, createSigningKey, HOME_TENANT, hmacWithPublicKey, PARTNER_TENANT, signAccessToken, STRANGER_TENANT, unsignedToken, type EntraUser, type SigningKey } from "./support/entra-tokens";
import { startEntraHub, type EntraHub } from "./support/entra-hub";
import { JwksServer } from "./support/jwks-server";

const PRIYA: EntraUser = { oid: "7b1d3e5f-2a4c-4e6a-8b0d-1f3a5c7e9b21", upn: "priya.shah@example-council.gov.uk", name: "Priya Shah" };

/** The real host in AUTH_MODE=entra, over HTTP: Entra tokens in, principals out, every bad token a 401. */
describe("API authentication in entra mode", () => {
  let keys: JwksServer;
  let hub: EntraHub;
  let key: SigningKey;
  const logged: Array<{ level: LogLevel; message: string }> = [];

  beforeAll(async () => {
    key = await createSigningKey();
    keys = await JwksServer.start([key.publicJwk]);
    hub = await startEntraHub({ jwksUri: keys.uriTemplate }, (level, message) => logged.push({ level, message }));
  });
  afterAll(async () => {
    await hub.stop();
    await keys.close();
  });

  const me = (token?: string) => fetch(`${hub.baseUrl}/api/me`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it("has no dev issuer", () => {
    expect(hub.devIssuer).toBeUndefined();
  });

  it("GET /api/me answers for a good v2 token, with roles from the token and the directory's facts", async () => {
    const res = await me(await signAccessToken(PRIYA, { key, roles: ["line_manager"], audience: `api://${API_HOST}/${CLIENT_ID}` }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ upn: PRIYA.upn, name: PRIYA.name, roles: ["staff", "line_manager"], department: "Adult Social Care" });
  });

  it("GET /api/me answers for a good v1 token and for a partner tenant's user", async () => {
    expect((await me(await signAccessToken(PRIYA, { key, version: 1 }))).status).toBe(200);
    expect((await me(await signAccessToken({ ...PRIYA, tenantId: PARTNER_TENANT }, { key }))).status).toBe(200);
  });

  const bad: Array<[string, () => Promise<string>]> = [
    ["alg none", async () => unsignedToken(PRIYA)],
    ["HS256 keyed with the public key", () => hmacWithPublicKey(PRIYA, key, "pem")],
    ["wrong audience", () => signAccessToken(PRIYA, { key, audience: "api://another-app" })],
    ["wrong issuer", () => signAccessToken(PRIYA, { key, issuer: "https://evil.example/v2.0" })],
    ["other tenant", () => signAccessToken({ ...PRIYA, tenantId: STRANGER_TENANT }, { key })],
    ["expired", () => signAccessToken(PRIYA, { key, expiresIn: -600 })],
    ["not yet valid", () => signAccessToken(PRIYA, { key, notBeforeIn: 600 })],
    ["missing scope", () => signAccessToken(PRIYA, { key, scp: null })],
    ["scp access_as_user_extra", () => signAccessToken(PRIYA, { key, scp: "access_as_user_extra" })],
    ["unknown kid", async () => signAccessToken(PRIYA, { key: await createSigningKey("not-published") })],
    ["a dev-issuer-shaped token", () => signAccessToken(PRIYA, { key, issuer: "urn:council-hub:dev-issuer", audience: "api://council-hub-dev" })],
  ];

  it.each(bad)("GET /api/me is 401 with %s", async (_label, make) => {
    const res = await me(await make());
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toContain("Bearer");
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
  });

  it("GET /api/me is 401 without a token", async () => {
    expect((await me()).status).toBe(401);
  });

  it("has no /api/dev routes: 404 for a signed-in user, 401 (never a token) without sign-in", async () => {
    const token = await signAccessToken(PRIYA, { key });
    const auth = { authorization: `Bearer ${token}` };
    expect((await fetch(`${hub.baseUrl}/api/dev/users`, { headers: auth })).status).toBe(404);
    expect((await fetch(`${hub.baseUrl}/api/dev/jwks`, { headers: auth })).status).toBe(404);
    const issue = await fetch(`${hub.baseUrl}/api/dev/token`, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify({ user: PRIYA.upn }) });
    expect(issue.status).toBe(404);
    // Everything under /api authenticates first, so an anonymous caller learns nothing about which routes exist.
    expect((await fetch(`${hub.baseUrl}/api/dev/users`)).status).toBe(401);
    expect((await fetch(`${hub.baseUrl}/api/dev/token`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ user: PRIYA.upn }) })).status).toBe(401);
  });

  it("cached the signing keys: one fetch per tenant for all of the above, none for the stranger tenant", () => {
    // The unknown kid came within the cooldown after the first fetch, so it caused no extra fetch either.
    expect(keys.fetchesFor(HOME_TENANT)).toBe(1);
    expect(keys.fetchesFor(PARTNER_TENANT)).toBe(1);
    expect(keys.fetchesFor(STRANGER_TENANT)).toBe(0);
  });

  it("key endpoint down → 401, not 500, and the outage is logged", async () => {
    const down = await JwksServer.start();
    await down.close();
    const lines: Array<{ level: LogLevel; message: string }> = [];
    const isolated = await startEntraHub({ jwksUri: down.uriTemplate }, (level, message) => lines.push({ level, message }));
    try {
      const res = await fetch(`${isolated.baseUrl}/api/me`, { headers: { authorization: `Bearer ${await signAccessToken(PRIYA, { key })}` } });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/could not be checked just now/);
      expect(lines).toContainEqual({ level: "error", message: expect.stringMatching(/signing keys could not be fetched/i) });
    } finally {
      await isolated.stop();
    }
  });
});
