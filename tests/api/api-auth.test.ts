import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type KeyLike } from "jose";
import { createTokenValidator } from "../../teams-app/auth/token-validator";
import { DEV_AUDIENCE, DEV_ISSUER, DEV_TENANT_ID } from "../../teams-app/auth/dev-issuer";
import { startTestHub, type TestHub } from "../support/test-hub";

/** The API trusts only validated tokens: every way a token can be wrong is a 401, never a 500. */
describe("API authentication with dev-issuer tokens", () => {
  let hub: TestHub;
  let upn: string;
  let otherKey: KeyLike;

  beforeAll(async () => {
    hub = await startTestHub();
    const users = (await (await fetch(`${hub.baseUrl}/api/dev/users`)).json()) as Array<{ upn: string }>;
    upn = users[0]!.upn;
    otherKey = (await generateKeyPair("RS256")).privateKey;
  });
  afterAll(() => hub.stop());

  const search = (headers: Record<string, string> = {}) => fetch(`${hub.baseUrl}/api/guidance/search?q=annual+leave`, { headers });

  async function forge(claims: Record<string, unknown>, options: { key?: KeyLike; kid?: string; alg?: string; iss?: string; aud?: string; exp?: number; nbf?: number } = {}): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const kid = options.kid ?? hub.devIssuer!.jwks.keys[0]!.kid!;
    return new SignJWT({ preferred_username: upn, name: "Forged", tid: DEV_TENANT_ID, scp: "access_as_user", roles: ["admin"], ...claims })
      .setProtectedHeader({ alg: options.alg ?? "RS256", kid })
      .setIssuer(options.iss ?? DEV_ISSUER)
      .setAudience(options.aud ?? DEV_AUDIENCE)
      .setIssuedAt(now - 10)
      .setNotBefore(options.nbf ?? now - 10)
      .setExpirationTime(options.exp ?? now + 600)
      .sign(options.key ?? otherKey);
  }

  it("accepts a token from the dev issuer", async () => {
    const res = await search({ authorization: `Bearer ${await hub.tokenFor(upn)}` });
    expect(res.status).toBe(200);
  });

  it("issues tokens through POST /api/dev/token and they work on /api/me", async () => {
    const res = await fetch(`${hub.baseUrl}/api/dev/token`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ user: upn }) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { token: string; expiresAt: string; user: { upn: string } };
    expect(new Date(body.expiresAt).getTime()).toBeGreaterThan(Date.now());
    const me = await fetch(`${hub.baseUrl}/api/me`, { headers: { authorization: `Bearer ${body.token}` } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { upn: string }).upn).toBe(upn);
  });

  it("answers 401 with a JSON message and WWW-Authenticate when there is no token", async () => {
    const res = await search();
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toContain("Bearer");
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("unauthorized");
    expect(body.error.message).toMatch(/sign in/i);
  });

  it.each([
    ["not a JWT", "Bearer hello"],
    ["basic auth", "Basic dXNlcjpwYXNz"],
    ["garbage JWT", "Bearer aaa.bbb.ccc"],
  ])("rejects %s with 401", async (_label, header) => {
    expect((await search({ authorization: header })).status).toBe(401);
  });

  it("rejects a token signed by another key (bad signature)", async () => {
    expect((await search({ authorization: `Bearer ${await forge({})}` })).status).toBe(401);
  });

  it("rejects an expired token", async () => {
    const user = (await hub.services.directory.findByUpn(upn))!;
    const { token } = await hub.devIssuer!.issue(user, new Date(Date.now() - 3 * 60 * 60 * 1000));
    const res = await search({ authorization: `Bearer ${token}` });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/expired/i);
  });

  it("rejects wrong issuer, wrong audience, other tenant, missing scope and not-yet-valid tokens even when correctly signed", async () => {
    // The same validator code path as the API, on a key pair this test holds, so each claim can be got wrong alone.
    const { privateKey, publicKey } = await generateKeyPair("RS256");
    const jwk = { ...(await exportJWK(publicKey)), kid: "k1", alg: "RS256" };
    const validator = createTokenValidator({ keys: createLocalJWKSet({ keys: [jwk] }), issuers: [DEV_ISSUER], audiences: [DEV_AUDIENCE], allowedTenants: [DEV_TENANT_ID], requiredScope: "access_as_user" });
    const now = Math.floor(Date.now() / 1000);
    const good = await forge({}, { key: privateKey, kid: "k1" });
    await expect(validator.validate(good)).resolves.toMatchObject({ upn, tenantId: DEV_TENANT_ID });
    const bad = [
      await forge({}, { key: privateKey, kid: "k1", iss: "https://evil.example" }),
      await forge({}, { key: privateKey, kid: "k1", aud: "api://someone-else" }),
      await forge({ tid: "11111111-1111-4111-8111-111111111111" }, { key: privateKey, kid: "k1" }),
      await forge({ scp: "User.Read" }, { key: privateKey, kid: "k1" }),
      await forge({ scp: "access_as_user_not" }, { key: privateKey, kid: "k1" }),
      await forge({}, { key: privateKey, kid: "k1", nbf: now + 3600 }),
      await forge({}, { key: privateKey, kid: "unknown-kid" }),
    ];
    for (const token of bad) await expect(validator.validate(token)).rejects.toMatchObject({ status: 401 });
  });

  it("rejects alg none", async () => {
    const header = Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url");
    const payload = Buffer.from(JSON.stringify({ preferred_username: upn, iss: DEV_ISSUER, aud: DEV_AUDIENCE, tid: DEV_TENANT_ID, exp: Math.floor(Date.now() / 1000) + 600, iat: Math.floor(Date.now() / 1000) })).toString("base64url");
    expect((await search({ authorization: `Bearer ${header}.${payload}.` })).status).toBe(401);
  });

  it("gives every authenticated user at least the staff role, and takes other roles from the token", async () => {
    const res = await fetch(`${hub.baseUrl}/api/me`, { headers: { authorization: `Bearer ${await hub.tokenFor(upn)}` } });
    const me = (await res.json()) as { roles: string[] };
    expect(me.roles).toContain("staff");
  });
});
