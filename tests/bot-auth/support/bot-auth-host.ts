import type { BotAuthOverrides } from "../../../teams-app/compose";
import type { LogLevel } from "../../../teams-app/logger";
import { startTestHub } from "../../support/test-hub";

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
  const logs: HostLogLine[] = [];
  const hub = await startTestHub({ BOT_APP_ID, SECRET_BOT_APP_PASSWORD: "not-a-real-secret", BOT_TENANT_ID }, { botAuth }, (level, message, meta) =>
    void logs.push({ level, message, ...(meta ? { meta } : {}) }),
  );
  return { url: hub.baseUrl, logs, stop: () => hub.stop() };
}
