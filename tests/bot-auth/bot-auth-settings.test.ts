import { generateKeyPairSync, randomUUID } from "node:crypto";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ActivityHandler } from "botbuilder";
import express from "express";
import request from "supertest";
import { botAuthenticationSettings, createBotAdapter, silentBotLog } from "../../bot";
import { PUBLIC_CLOUD_ENDPOINTS } from "../../bot/auth";
import { botRoute } from "../../teams-app/bot-route";
import { startFakeBotFramework, type FakeBotFramework } from "./support/fake-bot-framework";
import { createSigningKey, type TestSigningKey } from "./support/signing-keys";
import { connectorToken } from "./support/tokens";

const APP_ID = "0e5b8f3a-7c2d-4b1e-9f6a-2d3c4b5a6f7e";
const TENANT_ID = "5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a";

describe("botAuthenticationSettings endpoints", () => {
  it("adds none when nothing is overridden, so botbuilder keeps its public-cloud defaults", () => {
    const settings = botAuthenticationSettings({ appId: APP_ID, appPassword: "secret", tenantId: TENANT_ID, endpoints: { channelOpenIdMetadataUrl: undefined } });
    expect(Object.keys(settings).sort()).toEqual(["MicrosoftAppId", "MicrosoftAppPassword", "MicrosoftAppTenantId", "MicrosoftAppType"]);
  });

  it("writes all eight once one is overridden, the rest at botbuilder's public-cloud values", () => {
    const settings = botAuthenticationSettings({ appId: APP_ID, appPassword: "secret", endpoints: { channelOpenIdMetadataUrl: "http://127.0.0.1:1/openid" } });
    expect(settings).toMatchObject({
      ToBotFromChannelOpenIdMetadataUrl: "http://127.0.0.1:1/openid",
      ToBotFromEmulatorOpenIdMetadataUrl: "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration",
      ToBotFromChannelTokenIssuer: "https://api.botframework.com",
      ToChannelFromBotLoginUrl: "https://login.microsoftonline.com/botframework.com",
      ToChannelFromBotOAuthScope: "https://api.botframework.com",
      OAuthUrl: "https://api.botframework.com",
      CallerId: "urn:botframework:azure",
      ValidateAuthority: true,
    });
    expect(PUBLIC_CLOUD_ENDPOINTS.channelOpenIdMetadataUrl).toBe("https://login.botframework.com/v1/.well-known/openidconfiguration");
  });

  it("passes a certificate credential through, and refuses half of one at start", () => {
    expect(botAuthenticationSettings({ appId: APP_ID, tenantId: TENANT_ID, certificateThumbprint: " AB12 ", certificatePrivateKey: "-----BEGIN PRIVATE KEY-----" })).toMatchObject({
      CertificateThumbprint: "AB12",
      CertificatePrivateKey: "-----BEGIN PRIVATE KEY-----",
      MicrosoftAppType: "SingleTenant",
    });
    expect(() => createBotAdapter({ appId: APP_ID, tenantId: TENANT_ID, certificateThumbprint: "AB12", log: silentBotLog })).toThrow(/CertificatePrivateKey is required/);
  });
});

describe("a bot with a certificate credential", () => {
  let fake: FakeBotFramework;
  let key: TestSigningKey;
  let server: Server;
  let url: string;

  beforeAll(async () => {
    jest.spyOn(console, "error").mockImplementation(() => undefined);
    key = await createSigningKey("cert-test-key", ["msteams"]);
    fake = await startFakeBotFramework({ channel: [key.jwk], entra: [] });
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs8", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });
    const adapter = createBotAdapter({
      appId: APP_ID,
      tenantId: TENANT_ID,
      certificateThumbprint: "0123456789ABCDEF0123456789ABCDEF01234567",
      certificatePrivateKey: privateKey,
      endpoints: fake.endpoints,
      log: silentBotLog,
    });
    const bot = new ActivityHandler().onMessage(async (context, next) => {
      await context.sendActivity("pong");
      await next();
    });
    const app = express();
    app.use(express.json());
    app.post("/api/messages", botRoute(adapter, bot));
    server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    await fake?.close();
    jest.restoreAllMocks();
  });

  function message(): Record<string, unknown> {
    return {
      type: "message",
      id: randomUUID(),
      channelId: "msteams",
      serviceUrl: fake.serviceUrl,
      conversation: { id: "a:chat" },
      from: { id: "29:user" },
      recipient: { id: `28:${APP_ID}` },
      text: "ping",
      deliveryMode: "expectReplies",
    };
  }

  it("authenticates inbound tokens for its app id", async () => {
    const ok = await request(url).post("/api/messages").set("Authorization", `Bearer ${await connectorToken(key, { aud: APP_ID, serviceurl: fake.serviceUrl })}`).send(message());
    expect(ok.status).toBe(200);
    expect((ok.body as { activities: Array<{ text?: string }> }).activities.map((a) => a.text)).toEqual(["pong"]);

    const wrongAudience = await request(url).post("/api/messages").set("Authorization", `Bearer ${await connectorToken(key, { aud: "another-app", serviceurl: fake.serviceUrl })}`).send(message());
    expect(wrongAudience.status).toBe(401);
  });

  it("refuses a request without a token (a certificate bot never runs unauthenticated)", async () => {
    const res = await request(url).post("/api/messages").send(message());
    expect(res.status).toBe(401);
  });
});
