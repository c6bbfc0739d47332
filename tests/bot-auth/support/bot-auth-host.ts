import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { composeHub, type BotAuthOverrides } from "../../../teams-app/compose";
import { loadConfig } from "../../../teams-app/config";
import type { LogLevel } from "../../../teams-app/logger";

/** The bot's registration in these tests: a single-tenant bot. */
export const BOT_APP_ID = "8f0d6c1e-0b6f-4c55-9d3a-1c2b3a4d5e6f";
export const BOT_TENANT_ID = "3c1e2d4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f";

/** One line the host logged. */
export interface HostLogLine {
  readonly level: LogLevel;
  readonly message: string;
  readonly meta?: Record<string, unknown>;
}

/** The real host, on a random loopback port, with the bot's app id set (so botbuilder authenticates). */
export interface BotAuthHost {
  readonly url: string;
  readonly logs: HostLogLine[];
  stop(): Promise<void>;
}

/**
 * Starts the host through composeHub, as `npm start` does, with BOT_APP_ID / SECRET_BOT_APP_PASSWORD /
 * BOT_TENANT_ID configured and `botAuth` pointing key lookups (and outbound tokens) at a fake Bot Framework.
 */
export async function startBotAuthHost(botAuth: BotAuthOverrides): Promise<BotAuthHost> {
  const dataDir = mkdtempSync(join(tmpdir(), "council-hub-bot-auth-"));
  const config = loadConfig({
    NODE_ENV: "test",
    DATA_DIR: dataDir,
    PLAYGROUND: "false",
    BOT_APP_ID,
    SECRET_BOT_APP_PASSWORD: "not-a-real-secret",
    BOT_TENANT_ID,
  });
  const logs: HostLogLine[] = [];
  const hub = await composeHub(config, (level, message, meta) => void logs.push({ level, message, ...(meta ? { meta } : {}) }), {
    botAuth,
  });
  const server: Server = await new Promise((resolve) => {
    const listening = hub.app.listen(0, "127.0.0.1", () => resolve(listening));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    logs,
    stop: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await hub.services.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
