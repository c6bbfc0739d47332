import { mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { EntraKeyOptions } from "../../../teams-app/auth";
import { composeHub, type ComposedHub } from "../../../teams-app/compose";
import { loadConfig, type HubConfig } from "../../../teams-app/config";
import type { Logger } from "../../../teams-app/logger";
import { API_HOST, CLIENT_ID, HOME_TENANT, PARTNER_TENANT } from "./entra-tokens";

/** A running hub in AUTH_MODE=entra. */
export interface EntraHub extends ComposedHub {
  readonly config: HubConfig;
  readonly baseUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts the real host in entra mode (as production configures it, through loadConfig and composeHub) on a random
 * loopback port, with only the signing-key endpoint redirected to a local one: Entra itself is unreachable here.
 */
export async function startEntraHub(entraKeys: EntraKeyOptions, log: Logger = () => undefined): Promise<EntraHub> {
  const dataDir = mkdtempSync(join(tmpdir(), "council-hub-entra-"));
  const config = loadConfig({
    NODE_ENV: "test",
    PORT: "0",
    DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
    PLAYGROUND: "false",
    PUBLIC_URL: `https://${API_HOST}`,
    AUTH_MODE: "entra",
    ENTRA_TENANT_ID: HOME_TENANT,
    ENTRA_CLIENT_ID: CLIENT_ID,
    ENTRA_ALLOWED_TENANTS: PARTNER_TENANT,
    BOT_APP_ID: CLIENT_ID,
    SECRET_BOT_APP_PASSWORD: "test-only-bot-password",
  });
  const hub = await composeHub(config, log, { entraKeys });
  const server: Server = await new Promise((resolve) => {
    const s = hub.app.listen(0, "127.0.0.1", () => resolve(s));
  });
  return {
    ...hub,
    config,
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await hub.services.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
