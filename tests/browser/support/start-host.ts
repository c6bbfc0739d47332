import { mkdtemp, rm } from "node:fs/promises";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { packageRoot } from "../../../store";
import { composeHub } from "../../../teams-app/compose";
import { loadConfig } from "../../../teams-app/config";
import { createLogger } from "../../../teams-app/logger";

/** A running Council Hub host for browser tests. */
export interface StartedHost {
  /** e.g. "http://127.0.0.1:41234", no trailing slash. */
  readonly baseUrl: string;
  readonly close: () => Promise<void>;
}

/**
 * Starts the real host (express app, SQLite store seeded with the sample intranet and users, dev sign-in) on a
 * free loopback port, with its data in a fresh temporary folder so runs never share state. The tabs it serves
 * are the built ones in dist/tabs: build them first (see {@link buildTabs}).
 */
export async function startHost(): Promise<StartedHost> {
  const dataDir = await mkdtemp(join(tmpdir(), "council-hub-browser-"));
  const config = loadConfig({
    NODE_ENV: "test",
    HOST: "127.0.0.1",
    PORT: "0",
    DATA_DIR: dataDir,
    AUTH_MODE: "dev",
    SEED_SAMPLE_DATA: "true",
    PLAYGROUND: "false",
    LOG_LEVEL: "silent",
  });
  const hub = await composeHub(config, createLogger("silent"), { tabsDir: join(packageRoot(), "dist", "tabs") });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = hub.app.listen(0, "127.0.0.1", () => resolve(s));
    s.once("error", reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // The browser keeps connections alive; without this, close() waits for them to time out.
      server.closeAllConnections();
      await closed;
      await hub.services.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
