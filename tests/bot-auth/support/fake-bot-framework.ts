import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import express from "express";
import type { BotFrameworkEndpoints, ConnectorTokenRequest, ConnectorTokenSource } from "../../../bot";
import type { BotFrameworkJwk } from "./signing-keys";
import { BOT_CONNECTOR_ISSUER } from "./tokens";
import { closeServer } from "../../../teams-app/http/close-server";

/** The bearer token the fake token source hands the bot for its calls to the connector. */
export const FAKE_CONNECTOR_TOKEN = "fake-bot-to-connector-token";

/** One request the bot made to the fake Bot Connector. */
export interface ConnectorRequest {
  readonly method: string;
  readonly path: string;
  readonly authorization?: string;
  readonly body: unknown;
}

/** Keys each fake issuer publishes. */
export interface FakeBotFrameworkKeys {
  /** The Bot Connector's JWKS (https://login.botframework.com/v1/.well-known/keys). */
  readonly channel: readonly BotFrameworkJwk[];
  /** Entra's JWKS (https://login.microsoftonline.com/common/discovery/v2.0/keys). */
  readonly entra: readonly BotFrameworkJwk[];
}

/** A local stand-in for login.botframework.com, login.microsoftonline.com and the Bot Connector. */
export interface FakeBotFramework {
  readonly url: string;
  /** createBotAdapter `endpoints` that send all key lookups here. */
  readonly endpoints: Partial<BotFrameworkEndpoints>;
  /** Endpoints whose OpenID metadata answers 503, as during an outage. */
  readonly unavailableEndpoints: Partial<BotFrameworkEndpoints>;
  /** A serviceUrl whose replies land in `connectorRequests`. */
  readonly serviceUrl: string;
  /** createBotAdapter `connectorTokens`: always FAKE_CONNECTOR_TOKEN, recording what was asked for. */
  readonly connectorTokens: ConnectorTokenSource;
  readonly tokenRequests: ConnectorTokenRequest[];
  readonly connectorRequests: ConnectorRequest[];
  /** Paths of every OpenID metadata and JWKS request, proving botbuilder fetched keys from here. */
  readonly keyRequests: string[];
  close(): Promise<void>;
}

/**
 * Starts the fake on a random loopback port. The OpenID documents have the shape botbuilder's OpenIdMetadata reads
 * (it follows `jwks_uri` and keeps `keys[].n/e/kid/endorsements`); the connector answers every activity POST with
 * a resource id, like the real one.
 */
export async function startFakeBotFramework(keys: FakeBotFrameworkKeys): Promise<FakeBotFramework> {
  const keyRequests: string[] = [];
  const connectorRequests: ConnectorRequest[] = [];
  const tokenRequests: ConnectorTokenRequest[] = [];
  let url = "";

  const app = express();
  app.use(express.json());
  app.use(["/botframework", "/entra", "/unavailable"], (req, _res, next) => {
    keyRequests.push(req.originalUrl);
    next();
  });
  app.get("/botframework/v1/.well-known/openidconfiguration", (_req, res) => {
    res.json({ issuer: BOT_CONNECTOR_ISSUER, jwks_uri: `${url}/botframework/v1/.well-known/keys`, id_token_signing_alg_values_supported: ["RS256"] });
  });
  app.get("/botframework/v1/.well-known/keys", (_req, res) => {
    res.json({ keys: keys.channel });
  });
  app.get("/entra/common/v2.0/.well-known/openid-configuration", (_req, res) => {
    res.json({ issuer: "https://login.microsoftonline.com/{tenantid}/v2.0", jwks_uri: `${url}/entra/common/discovery/v2.0/keys`, id_token_signing_alg_values_supported: ["RS256"] });
  });
  app.get("/entra/common/discovery/v2.0/keys", (_req, res) => {
    res.json({ keys: keys.entra });
  });
  app.get("/unavailable/{*rest}", (_req, res) => {
    res.status(503).json({ error: "unavailable" });
  });
  app.post("/connector/v3/conversations/{*rest}", (req, res) => {
    connectorRequests.push({ method: req.method, path: req.path, authorization: req.get("authorization"), body: req.body });
    res.status(200).json({ id: `reply-${connectorRequests.length}` });
  });

  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    endpoints: {
      channelOpenIdMetadataUrl: `${url}/botframework/v1/.well-known/openidconfiguration`,
      emulatorOpenIdMetadataUrl: `${url}/entra/common/v2.0/.well-known/openid-configuration`,
    },
    unavailableEndpoints: {
      channelOpenIdMetadataUrl: `${url}/unavailable/botframework/openidconfiguration`,
      emulatorOpenIdMetadataUrl: `${url}/unavailable/entra/openid-configuration`,
    },
    serviceUrl: `${url}/connector/`,
    connectorTokens: async (request) => {
      tokenRequests.push(request);
      return FAKE_CONNECTOR_TOKEN;
    },
    tokenRequests,
    connectorRequests,
    keyRequests,
    close: () => closeServer(server),
  };
}
