import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import type { CloudAdapter } from "botbuilder";
import express from "express";
import { createBotAdapter, CouncilHubBot, validateIncomingActivity, type BotLogLevel } from "../../../bot";
import type { ConversationReferenceStore } from "../../../core";
import { createSqliteHub, type SqliteHub } from "../../../store";
import type { LogLine } from "./proactive-harness";
import { closeServer } from "../../../teams-app/http/close-server";

/** The bot over HTTP, as teams-app mounts it, with an optional conversation reference store. */
export interface NotificationBotServer {
  readonly url: string;
  readonly hub: SqliteHub;
  readonly adapter: CloudAdapter;
  readonly logs: LogLine[];
  close(): Promise<void>;
}

/**
 * Starts `POST /api/messages` → CouncilHubBot on a random port with no app id (botbuilder then accepts unsigned
 * requests, as in local development, and replies without a token). `references` is built from the hub's database,
 * so tests can read what was stored.
 */
export async function startNotificationBot(references?: (hub: SqliteHub) => ConversationReferenceStore): Promise<NotificationBotServer> {
  const hub = createSqliteHub(":memory:");
  const logs: LogLine[] = [];
  const log = (level: BotLogLevel, message: string, meta?: Readonly<Record<string, unknown>>): void => void logs.push({ level, message, ...(meta ? { meta } : {}) });
  const adapter = createBotAdapter({ log });
  const bot = new CouncilHubBot({ services: hub, publicUrl: "https://hub.test.example", log, conversationReferences: references?.(hub) });

  const app = express();
  app.use(express.json());
  app.post("/api/messages", (req, res) => {
    validateIncomingActivity(req.body);
    return adapter.process(req, res, (context) => bot.run(context));
  });
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hub,
    adapter,
    logs,
    close: async () => {
      await closeServer(server);
      await hub.close();
    },
  };
}
