import { AppError } from "../../core";
import { entraValidatorSettings, JWKS_COOLDOWN_MS, JWKS_RETRY_AFTER_FAILURE_MS } from "../../teams-app/auth";
import { createTokenValidator, type TokenValidator } from "../../teams-app/auth/token-validator";
import type { Logger, LogLevel } from "../../teams-app/logger";
import {
  API_HOST,
  CLIENT_ID,
  createSigningKey,
  hmacWithPublicKey,
  HOME_TENANT,
  PARTNER_TENANT,
  signAccessToken,
  STRANGER_TENANT,
  unsignedToken,
  type EntraUser,
  type SigningKey,
} from "./support/entra-tokens";
import { JwksServer } from "./support/jwks-server";

const JO: EntraUser = { oid: "2c9a1f4e-0d6b-4e8a-9f3c-5b7d1a2e4c60", upn: "jo.bloggs@example-council.gov.uk", name: "Jo Bloggs" };

/** Every way an Entra token can be right or wrong, against a real key endpoint on 127.0.0.1. */
describe("Entra access token validation", () => {
  let server: JwksServer;
  let key: SigningKey;
  let otherKey: SigningKey;
  let clockMs: number;
  let logged: Array<{ level: LogLevel; message: string; meta?: Record<string, unknown> }>;

  beforeAll(async () => {
    key = await createSigningKey("entra-key-1");
    otherKey = await createSigningKey("entra-key-1"); // same kid, different key: a forged signature
    server = await JwksServer.start([key.publicJwk]);
  });
  afterAll(() => server.close());

  beforeEach(() => {
    server.fetches.length = 0;
    server.publish(key.publicJwk);
    server.failWith(undefined);
    clockMs = Date.now();
    logged = [];
  });

  /** A fresh validator (so a fresh key cache) as compose builds it, with the JWKS URL pointed at the local server. */
  function validator(jwksUri = server.uriTemplate): TokenValidator {
    const log: Logger = (level, message, meta) => logged.push({ level, message, meta });
    const entra = { tenantId: HOME_TENANT, clientId: CLIENT_ID, allowedTenants: [HOME_TENANT, PARTNER_TENANT] };
    return createTokenValidator(entraValidatorSettings(entra, API_HOST, { jwksUri, now: () => clockMs, log }));
  }

  async function rejection(v: TokenValidator, token: string): Promise<AppError> {
    const error = await v.validate(token).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }

  describe("accepts", () => {
    it("a v2 token: upn from preferred_username, roles from `roles`, id from oid", async () => {
      const token = await signAccessToken(JO, { key, roles: ["line_manager", "not_a_hub_role"] });
      await expect(validator().validate(token)).resolves.toEqual({
        upn: JO.upn,
        name: JO.name,
        roles: ["staff", "line_manager"],
        id: JO.oid,
        tenantId: HOME_TENANT,
      });
    });

    it("a v1 token (upn claim, issuer sts.windows.net, audience api://clientId)", async () => {
      const token = await signAccessToken(JO, { key, version: 1 });
      await expect(validator().validate(token)).resolves.toMatchObject({ upn: JO.upn, id: JO.oid, tenantId: HOME_TENANT, roles: ["staff"] });
    });

    it.each([CLIENT_ID, `api://${CLIENT_ID}`, `api://${API_HOST}/${CLIENT_ID}`])("audience %s", async (audience) => {
      await expect(validator().validate(await signAccessToken(JO, { key, audience }))).resolves.toMatchObject({ upn: JO.upn });
    });

    it("access_as_user among other scopes", async () => {
      await expect(validator().validate(await signAccessToken(JO, { key, scp: "User.Read access_as_user Files.Read" }))).resolves.toMatchObject({ upn: JO.upn });
    });

    it("a user of another allow-listed tenant, with keys fetched from that tenant's JWKS", async () => {
      const token = await signAccessToken({ ...JO, tenantId: PARTNER_TENANT }, { key });
      await expect(validator().validate(token)).resolves.toMatchObject({ tenantId: PARTNER_TENANT });
      expect(server.fetches).toEqual([PARTNER_TENANT]);
    });
  });

  describe("rejects with 401", () => {
    // Each case names the check that must catch it, so a token rejected for some other reason fails the test.
    const cases: Array<[string, RegExp, () => Promise<string>]> = [
      ["alg none", /"alg".*not allowed/, async () => unsignedToken(JO)],
      ["HS256 keyed with the public key as PEM", /"alg".*not allowed/, () => hmacWithPublicKey(JO, key, "pem")],
      ["HS256 keyed with the public key as JWK JSON", /"alg".*not allowed/, () => hmacWithPublicKey(JO, key, "jwk")],
      ["a signature by another key under a known kid", /signature verification failed/, () => signAccessToken(JO, { key: otherKey })],
      ["wrong audience", /"aud"/, () => signAccessToken(JO, { key, audience: "api://someone-elses-app" })],
      ["audience of another host", /"aud"/, () => signAccessToken(JO, { key, audience: `api://evil.example/${CLIENT_ID}` })],
      ["wrong issuer", /"iss"/, () => signAccessToken(JO, { key, issuer: "https://evil.example/v2.0" })],
      ["v2 issuer without /v2.0", /"iss"/, () => signAccessToken(JO, { key, issuer: `https://login.microsoftonline.com/${HOME_TENANT}/` })],
      ["an allowed tenant's issuer on another allowed tenant's tid", /does not belong to tenant/, () => signAccessToken(JO, { key, issuer: `https://login.microsoftonline.com/${PARTNER_TENANT}/v2.0` })],
      ["a tenant that is not allow-listed", /organisation is not allowed/, () => signAccessToken({ ...JO, tenantId: STRANGER_TENANT }, { key })],
      ["no tid", /organisation is not allowed/, () => signAccessToken(JO, { key, claims: { tid: undefined } })],
      ["expired (beyond the clock tolerance)", /expired/, () => signAccessToken(JO, { key, expiresIn: -120 })],
      ["not yet valid (beyond the clock tolerance)", /"nbf"/, () => signAccessToken(JO, { key, notBeforeIn: 600 })],
      ["no scp", /does not grant access/, () => signAccessToken(JO, { key, scp: null })],
      ["scp without access_as_user", /does not grant access/, () => signAccessToken(JO, { key, scp: "User.Read" })],
      ['scp "access_as_user_extra" (no prefix matching)', /does not grant access/, () => signAccessToken(JO, { key, scp: "access_as_user_extra" })],
      ["no oid", /"oid"/, () => signAccessToken(JO, { key, claims: { oid: undefined } })],
      ["no user name", /no user name/, () => signAccessToken(JO, { key, claims: { preferred_username: undefined } })],
    ];

    it.each(cases)("%s", async (_label, reason, make) => {
      const error = await rejection(validator(), await make());
      expect(error.status).toBe(401);
      expect(error.code).toBe("unauthorized");
      expect(`${error.message} ${(error.cause as Error | undefined)?.message ?? ""}`).toMatch(reason);
    });

    it("says the sign-in expired, so the tab knows to get a new token", async () => {
      expect((await rejection(validator(), await signAccessToken(JO, { key, expiresIn: -120 }))).message).toMatch(/expired/i);
    });

    it("fetches no keys for a tenant that is not allow-listed", async () => {
      const error = await rejection(validator(), await signAccessToken({ ...JO, tenantId: STRANGER_TENANT }, { key }));
      expect(error.message).toMatch(/organisation is not allowed/);
      expect(server.fetches).toEqual([]);
    });
  });

  describe("signing keys", () => {
    it("are fetched once and cached: 20 validations (10 at once, cold) → 1 fetch", async () => {
      const v = validator();
      const token = await signAccessToken(JO, { key });
      await Promise.all(Array.from({ length: 10 }, () => v.validate(token)));
      for (let i = 0; i < 10; i++) await v.validate(token);
      expect(server.fetches).toEqual([HOME_TENANT]);
    });

    it("are re-fetched after a day", async () => {
      const v = validator();
      const token = await signAccessToken(JO, { key });
      await v.validate(token);
      clockMs += 24 * 60 * 60 * 1000;
      await v.validate(token);
      expect(server.fetches).toHaveLength(2);
    });

    it("unknown kid: re-fetched once, still unknown → 401; another unknown kid inside the cooldown → no fetch", async () => {
      const v = validator();
      await v.validate(await signAccessToken(JO, { key }));
      expect(server.fetches).toHaveLength(1);
      clockMs += JWKS_COOLDOWN_MS;

      const stranger = await createSigningKey("never-published");
      expect((await rejection(v, await signAccessToken(JO, { key: stranger }))).status).toBe(401);
      expect(server.fetches).toHaveLength(2);

      expect((await rejection(v, await signAccessToken(JO, { key: (await createSigningKey("also-unknown")) })) ).status).toBe(401);
      expect(server.fetches).toHaveLength(2);
    });

    it("key rollover: a kid published after the first fetch is accepted after one refresh, and the old key still works", async () => {
      const v = validator();
      await v.validate(await signAccessToken(JO, { key }));
      const next = await createSigningKey("entra-key-2");
      server.publish(key.publicJwk, next.publicJwk);
      clockMs += JWKS_COOLDOWN_MS;

      await expect(v.validate(await signAccessToken(JO, { key: next }))).resolves.toMatchObject({ upn: JO.upn });
      await expect(v.validate(await signAccessToken(JO, { key }))).resolves.toMatchObject({ upn: JO.upn });
      expect(server.fetches).toHaveLength(2);
    });

    it("endpoint answering 503 → 401 (not 500), logged as an error, and works again once it recovers", async () => {
      server.failWith(503);
      const v = validator();
      const token = await signAccessToken(JO, { key });
      const error = await rejection(v, token);
      expect(error.status).toBe(401);
      expect(error.message).toMatch(/could not be checked just now/);
      expect(logged).toEqual([expect.objectContaining({ level: "error", message: expect.stringMatching(/signing keys could not be fetched/i), meta: expect.objectContaining({ error: expect.stringContaining("503") }) })]);

      // Inside the retry window requests fail fast without hammering the endpoint (or the log).
      await rejection(v, token);
      expect(server.fetches).toHaveLength(1);
      expect(logged).toHaveLength(1);

      server.failWith(undefined);
      clockMs += JWKS_RETRY_AFTER_FAILURE_MS;
      await expect(v.validate(token)).resolves.toMatchObject({ upn: JO.upn });
    });

    it("endpoint unreachable (connection refused) → 401 and logged", async () => {
      const down = await JwksServer.start([key.publicJwk]);
      await down.close();
      const error = await rejection(validator(down.uriTemplate), await signAccessToken(JO, { key }));
      expect(error.status).toBe(401);
      expect(logged).toEqual([expect.objectContaining({ level: "error", meta: expect.objectContaining({ jwksUri: down.uriTemplate.replace("{tenantId}", HOME_TENANT) }) })]);
    });

    it("a failed refresh keeps the keys it already has (warned, not locked out)", async () => {
      const v = validator();
      const token = await signAccessToken(JO, { key });
      await v.validate(token);
      server.failWith(500);
      clockMs += 24 * 60 * 60 * 1000;
      await expect(v.validate(token)).resolves.toMatchObject({ upn: JO.upn });
      expect(logged).toEqual([expect.objectContaining({ level: "warn" })]);
    });

    it("refuses a JWKS URL over plain http that is not loopback", () => {
      expect(() => validator("http://keys.example/{tenantId}/discovery/v2.0/keys")).toThrow(/https/);
    });
  });
});
