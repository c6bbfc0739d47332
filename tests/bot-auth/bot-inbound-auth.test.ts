import { randomUUID } from "node:crypto";
import type { Activity } from "botbuilder";
import request from "supertest";
import { ACTIVITY_FAILED_MESSAGE, UNAUTHORIZED_MESSAGE } from "../../bot/auth";
import { BOT_APP_ID, BOT_TENANT_ID, startBotAuthHost, type BotAuthHost } from "./support/bot-auth-host";
import { FAKE_CONNECTOR_TOKEN, startFakeBotFramework, type FakeBotFramework } from "./support/fake-bot-framework";
import { createSigningKey, type TestSigningKey } from "./support/signing-keys";
import { connectorToken, entraToken, epochSeconds } from "./support/tokens";

/**
 * Inbound authentication of POST /api/messages on the real host (composeHub) with BOT_APP_ID set. botbuilder
 * fetches its signing keys from a local fake of login.botframework.com / login.microsoftonline.com (injected through
 * composeHub's `botAuth`), so every token here is signed by keys the test generated, like the Bot Connector's.
 */

const BOT = { id: `28:${BOT_APP_ID}`, name: "Council Hub" };
const USER = { id: "29:1-user-ann", name: "Ann Example", aadObjectId: "6f1c2d3e-1111-2222-3333-0123456789ab" };
const OTHER_TENANT_ID = "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d";
const GRAPH_AUDIENCE = "https://graph.microsoft.com";

// Text botbuilder would otherwise have written into the body; none of it may reach the caller.
const LEAKS = [/Invalid AppId/i, /Signing Key/i, /endorsement/i, /jwt/i, /signature/i, /ServiceUrl claim/i, /expired/i, /openID/i, /127\.0\.0\.1/, /at .*\.js/];

let fake: FakeBotFramework;
let host: BotAuthHost;
let teamsKey: TestSigningKey; // published, endorsed for msteams
let webchatKey: TestSigningKey; // published, endorsed for webchat only
let unknownKey: TestSigningKey; // never published
let entraKey: TestSigningKey; // published in the Entra JWKS (no endorsements, like Entra's)
let consoleError: jest.SpyInstance;

beforeAll(async () => {
  // botframework-connector console.error()s its own key-lookup failures (the host routes those into the structured
  // log: captureConsole). CloudAdapter would also console.error() every error it catches; the guarded adapter answers
  // before it can, and afterEach checks that none of those appear.
  consoleError = jest.spyOn(console, "error").mockImplementation(() => undefined);
  [teamsKey, webchatKey, unknownKey, entraKey] = await Promise.all([
    createSigningKey("teams-key", ["msteams", "emulator"]),
    createSigningKey("webchat-key", ["webchat"]),
    createSigningKey("unknown-key", ["msteams"]),
    createSigningKey("entra-key"),
  ]);
  fake = await startFakeBotFramework({ channel: [teamsKey.jwk, webchatKey.jwk], entra: [entraKey.jwk] });
  host = await startBotAuthHost({ endpoints: fake.endpoints, connectorTokens: fake.connectorTokens });
});

afterAll(async () => {
  await host?.stop();
  await fake?.close();
  jest.restoreAllMocks();
});

afterEach(() => {
  const fromCloudAdapter = consoleError.mock.calls.filter((args: unknown[]) => args.some((a) => a instanceof Error && [UNAUTHORIZED_MESSAGE, ACTIVITY_FAILED_MESSAGE].includes(a.message)));
  expect(fromCloudAdapter).toEqual([]);
  consoleError.mockClear();
});

beforeEach(() => {
  host.logs.length = 0;
  fake.connectorRequests.length = 0;
  fake.tokenRequests.length = 0;
});

/** A Teams message in a personal chat, as the Bot Connector delivers it. */
function teamsMessage(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: "message",
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: "msteams",
    serviceUrl: fake.serviceUrl,
    conversation: { id: "a:personal-chat-ann", conversationType: "personal", tenantId: BOT_TENANT_ID },
    from: USER,
    recipient: BOT,
    channelData: { tenant: { id: BOT_TENANT_ID } },
    locale: "en-GB",
    text: "help",
    deliveryMode: "expectReplies",
    ...fields,
  };
}

function post(body: Record<string, unknown>, token?: string): request.Test {
  const req = request(host.url).post("/api/messages").send(body);
  return token === undefined ? req : req.set("Authorization", `Bearer ${token}`);
}

/** A valid Bot Connector token for `teamsMessage()`, with `claims` changed. */
function channelToken(claims: Record<string, unknown> = {}, key: TestSigningKey = teamsKey): Promise<string> {
  return connectorToken(key, { aud: BOT_APP_ID, serviceurl: fake.serviceUrl, ...claims });
}

function rejectionLogs(): Array<Record<string, unknown>> {
  return host.logs.filter((line) => line.message === "bot.auth.rejected").map((line) => line.meta ?? {});
}

describe("a Bot Connector token that passes every check", () => {
  it("is accepted, with the signing keys fetched from the injected metadata URL", async () => {
    const res = await post(teamsMessage(), await channelToken());

    expect(res.status).toBe(200);
    const replies = (res.body as { activities: Activity[] }).activities;
    expect(replies.length).toBeGreaterThan(0);
    expect(fake.keyRequests).toEqual(expect.arrayContaining(["/botframework/v1/.well-known/openidconfiguration", "/botframework/v1/.well-known/keys"]));
    expect(rejectionLogs()).toEqual([]);
  });

  it("gets its reply delivered to serviceUrl with the bot's own bearer token", async () => {
    const activity = teamsMessage({ deliveryMode: undefined });
    const res = await post(activity, await channelToken());

    expect(res.status).toBe(200);
    expect(fake.tokenRequests).toEqual([{ appId: BOT_APP_ID, audience: "https://api.botframework.com" }]);
    expect(fake.connectorRequests).toHaveLength(1);
    const [reply] = fake.connectorRequests;
    expect(reply?.method).toBe("POST");
    expect(reply?.path).toBe(`/connector/v3/conversations/${encodeURIComponent("a:personal-chat-ann")}/activities/${encodeURIComponent(String(activity.id))}`);
    expect(reply?.authorization).toBe(`Bearer ${FAKE_CONNECTOR_TOKEN}`);
    expect(reply?.body).toMatchObject({ type: "message", replyToId: activity.id, conversation: { id: "a:personal-chat-ann" } });
  });
});

describe("a request botbuilder must refuse", () => {
  const cases: ReadonlyArray<{ name: string; token: () => Promise<string | undefined>; body?: () => Record<string, unknown>; reason: RegExp }> = [
    { name: "no Authorization header", token: async () => undefined, reason: /Request is not authorized/ },
    { name: "a token for another bot (wrong aud)", token: () => channelToken({ aud: "another-bot-app-id" }), reason: /Invalid AppId passed on token/ },
    { name: "a token from another issuer", token: () => channelToken({ iss: "https://evil.example.com" }), reason: /No valid identity/ },
    { name: "an expired token", token: () => channelToken({ iat: epochSeconds(-7200), nbf: epochSeconds(-7200), exp: epochSeconds(-3600) }), reason: /The token has expired/ },
    { name: "a token not valid yet (nbf beyond the 5-minute skew)", token: () => channelToken({ nbf: epochSeconds(3600) }), reason: /NotBeforeError: jwt not active/ },
    {
      name: "a token whose serviceurl is not the activity's serviceUrl",
      token: () => channelToken({ serviceurl: "https://smba.trafficmanager.net/uk/" }),
      reason: /ServiceUrl claim do not match/,
    },
    { name: "a token signed by a key the Bot Framework never published", token: () => channelToken({}, unknownKey), reason: /Signing Key could not be retrieved/ },
    {
      name: "a token signed by another key under a published kid",
      token: () => channelToken({}, { ...unknownKey, kid: teamsKey.kid }),
      reason: /JsonWebTokenError: invalid signature/,
    },
    { name: "a token signed by a key not endorsed for msteams", token: () => channelToken({}, webchatKey), reason: /Could not validate endorsement/ },
    { name: "an unsigned token (alg none)", token: async () => unsignedToken({ iss: "https://api.botframework.com", aud: BOT_APP_ID, serviceurl: fake.serviceUrl }), reason: /JsonWebTokenError/ },
    {
      name: "an Entra token from another tenant (single-tenant bot)",
      token: () => entraToken(entraKey, { tid: OTHER_TENANT_ID, azp: BOT_APP_ID, aud: BOT_APP_ID }),
      reason: /another tenant/,
    },
    {
      name: "an Entra token without an audience",
      token: () => entraToken(entraKey, { tid: BOT_TENANT_ID, azp: BOT_APP_ID, aud: undefined }),
      reason: /another audience/,
    },
    // With aud ≠ azp botbuilder treats a token as a skill's; these are refused on that path (the exact message
    // depends on which tenants botbuilder has already added to its global issuer list).
    {
      name: "an Entra token the bot obtained for another API",
      token: () => entraToken(entraKey, { tid: BOT_TENANT_ID, azp: BOT_APP_ID, aud: GRAPH_AUDIENCE }),
      reason: /SkillValidation\.validateIdentity|skill tokens are not accepted/,
    },
    {
      name: "an Entra token obtained by another app",
      token: () => entraToken(entraKey, { tid: BOT_TENANT_ID, azp: "another-client-app-id", aud: BOT_APP_ID }),
      reason: /SkillValidation\.validateIdentity|skill tokens are not accepted/,
    },
  ];

  it.each(cases)("$name → 401 with a generic body, the real reason logged", async ({ token, body, reason }) => {
    const res = await post(body?.() ?? teamsMessage(), await token());

    expect(res.status).toBe(401);
    expect(res.text).toBe(UNAUTHORIZED_MESSAGE);
    for (const leak of LEAKS) expect(res.text).not.toMatch(leak);
    expect(rejectionLogs()).toEqual([expect.objectContaining({ channelId: "msteams", reason: expect.stringMatching(reason) })]);
    // The bot never ran: nothing was sent anywhere.
    expect(fake.connectorRequests).toEqual([]);
    expect(fake.tokenRequests).toEqual([]);
  });

  it("never logs the token itself", async () => {
    const token = await channelToken({ aud: "another-bot-app-id" });
    await post(teamsMessage(), token);

    expect(JSON.stringify(host.logs)).not.toContain(token);
    expect(JSON.stringify(host.logs)).not.toContain(token.split(".")[2]);
  });

  it("refuses an unauthenticated request shaped like the Agents Playground's, and runs no turn", async () => {
    const playground = teamsMessage({ serviceUrl: "http://localhost:56150/_connector", deliveryMode: undefined, text: "annual leave" });
    const res = await request(host.url).post("/api/messages").send(playground);

    expect(res.status).toBe(401);
    expect(res.text).toBe(UNAUTHORIZED_MESSAGE);
    expect(rejectionLogs()).toEqual([expect.objectContaining({ hasToken: false })]);
    expect(host.logs.some((line) => line.message.startsWith("bot.turn"))).toBe(false);
  });

  it("refuses a scheme other than Bearer", async () => {
    const res = await request(host.url).post("/api/messages").set("Authorization", `Basic ${Buffer.from("bot:secret").toString("base64")}`).send(teamsMessage());

    expect(res.status).toBe(401);
    expect(res.text).toBe(UNAUTHORIZED_MESSAGE);
  });
});

describe("an Entra token for a single-tenant bot", () => {
  it("is accepted from the bot's own tenant, with the keys fetched from the injected Entra metadata URL", async () => {
    const token = await entraToken(entraKey, { tid: BOT_TENANT_ID, azp: BOT_APP_ID, aud: BOT_APP_ID });
    const res = await post(teamsMessage({ channelId: "emulator" }), token);

    expect(res.status).toBe(200);
    expect(fake.keyRequests).toEqual(expect.arrayContaining(["/entra/common/v2.0/.well-known/openid-configuration", "/entra/common/discovery/v2.0/keys"]));
  });
});

describe("when the signing keys cannot be fetched", () => {
  let outage: BotAuthHost;

  beforeAll(async () => {
    outage = await startBotAuthHost({ endpoints: fake.unavailableEndpoints, connectorTokens: fake.connectorTokens });
  });

  afterAll(async () => {
    await outage?.stop();
  });

  it("refuses with a generic 500 (ours to fix, and the Bot Connector retries) naming no URL", async () => {
    const res = await request(outage.url).post("/api/messages").set("Authorization", `Bearer ${await channelToken()}`).send(teamsMessage());

    expect(res.status).toBe(500);
    expect(res.text).toBe(ACTIVITY_FAILED_MESSAGE);
    for (const leak of LEAKS) expect(res.text).not.toMatch(leak);
    expect(outage.logs).toEqual(expect.arrayContaining([expect.objectContaining({ level: "error", message: "bot.auth.unavailable", meta: expect.objectContaining({ reason: expect.stringMatching(/Failed to load openID config: 503/) }) })]));
    expect(fake.connectorRequests).toEqual([]);
  });
});

/** A JWT with `alg: none` and no signature, the oldest trick against JWT libraries. */
function unsignedToken(claims: Record<string, unknown>): string {
  const encode = (part: object): string => Buffer.from(JSON.stringify(part)).toString("base64url");
  return `${encode({ alg: "none", typ: "JWT", kid: teamsKey.kid })}.${encode({ nbf: epochSeconds(), exp: epochSeconds(3600), ...claims })}.`;
}
