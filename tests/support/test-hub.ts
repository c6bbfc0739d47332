import { mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig, type HubConfig } from "../../teams-app/config";
import { composeHub, type ComposedHub, type ComposeOptions } from "../../teams-app/compose";
import { freePort } from "./free-port";
import { closeServer } from "../../teams-app/http/close-server";
import { createLogger, type Logger } from "../../teams-app/logger";

export interface TestHub extends ComposedHub {
  readonly config: HubConfig;
  readonly baseUrl: string;
  readonly server: Server;
  /** A dev-issuer token for a sample user. */
  tokenFor(upn: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Starts the real host (composition root, SQLite in a temp DATA_DIR, sample data seeded, dev auth unless `env` says
 * otherwise) on a random loopback port. Tests talk to it over HTTP like any client would. `log` receives the host's
 * log lines (default: silent unless LOG_LEVEL is set in `env`).
 */
export async function startTestHub(env: Record<string, string> = {}, options: ComposeOptions = {}, log?: Logger): Promise<TestHub> {
  const dataDir = mkdtempSync(join(tmpdir(), "council-hub-test-"));
  // The port is chosen before composing, so links the bot puts in cards (PUBLIC_URL) point at this very host.
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const config = loadConfig({ NODE_ENV: "test", PORT: String(port), PUBLIC_URL: baseUrl, DATA_DIR: dataDir, LOG_LEVEL: "silent", PLAYGROUND: "false", ...env });
  const hub = await composeHub(config, log ?? createLogger(config.logLevel), options);
  const server: Server = await new Promise((resolve, reject) => {
    const s = hub.app.listen(port, "127.0.0.1", () => resolve(s));
    s.once("error", reject);
  });
  return {
    ...hub,
    config,
    baseUrl,
    server,
    async tokenFor(upn) {
      const user = await hub.services.directory.findByUpn(upn);
      if (!user || !hub.devIssuer) throw new Error(`no sample user ${upn}`);
      return (await hub.devIssuer.issue(user)).token;
    },
    async stop() {
      await closeServer(server);
      await hub.services.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

