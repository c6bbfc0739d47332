import { mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import type { Express } from "express";
import { composeHub } from "../../teams-app/compose";
import { loadConfig } from "../../teams-app/config";
import { createLogger } from "../../teams-app/logger";
import { createEchoApp } from "./echo-bot";
import type { ServerKind, WorkerReply } from "./bench-servers";
import { closeServer } from "../../teams-app/http/close-server";

/**
 * Worker-thread entry: serves one app on a random loopback port, so the server has its own event loop and the
 * load generator on the main thread does not steal its time. Answers "stop" by closing everything it opened.
 */
async function main(kind: ServerKind): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error("server-worker must run in a worker thread");
  let app: Express;
  let cleanup = async (): Promise<void> => {};
  if (kind === "hub") {
    const dataDir = mkdtempSync(join(tmpdir(), "council-hub-bench-bot-"));
    const config = loadConfig({ NODE_ENV: "development", PORT: "0", DATA_DIR: dataDir, AUTH_MODE: "dev", LOG_LEVEL: "silent", PLAYGROUND: "false", SEED_SAMPLE_DATA: "true" });
    const hub = await composeHub(config, createLogger("silent"));
    app = hub.app;
    cleanup = async () => {
      await hub.services.close();
      rmSync(dataDir, { recursive: true, force: true });
    };
  } else {
    app = createEchoApp();
  }
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  port.on("message", (message: unknown) => {
    if (message !== "stop") return;
    void closeServer(server).then(cleanup).then(() => {
      port.postMessage({ stopped: true } satisfies WorkerReply);
      port.close();
    });
  });
  port.postMessage({ port: (server.address() as AddressInfo).port } satisfies WorkerReply);
}

main(workerData as ServerKind).catch((error: unknown) => {
  parentPort?.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies WorkerReply);
});
