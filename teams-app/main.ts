import { performance } from "node:perf_hooks";
import type { Server } from "node:http";
import { ConfigError, loadConfig } from "./config";
import { composeHub } from "./compose";
import { closeServer } from "./http/close-server";
import { captureConsole, createLogger, errorFields } from "./logger";
import { startPlayground, type PlaygroundProcess } from "./playground";
import { startSitePagesSyncFromConfig } from "./site-pages-scheduler";

/**
 * `npm start`: the embedded default. Opens SQLite in DATA_DIR (seeding sample content on first run), starts the
 * host on PORT and the Agents Playground pointed at the bot, prints where everything is, and stops both on Ctrl-C.
 * `npm start -- --no-playground` (or PLAYGROUND=false) skips the playground.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  // Libraries (botbuilder's token checks) print to the console; keep stderr one JSON line per event.
  captureConsole(log);
  const hub = await composeHub(config, log);
  if (hub.seeded?.pages) log("info", "seeded sample data", { users: hub.seeded.users, pages: hub.seeded.pages.added });

  // Keeps the local guidance index in step with the intranet's SharePoint pages (off unless configured).
  const sitePages = startSitePagesSyncFromConfig(config, hub.services, log);

  const server: Server = await new Promise((resolve, reject) => {
    const s = hub.app.listen(config.port, config.host, () => resolve(s));
    s.once("error", reject);
  });
  // Load the search index now rather than on the first question. It loads in steps, so the host already answers
  // health checks and page reads meanwhile; searches wait for it.
  const indexStarted = performance.now();
  await hub.services.guidanceIndex.load();
  // How: restored from its snapshot (only pages changed since analysed again) or built from every page, and why.
  const load = hub.services.guidanceIndex.lastLoad;
  log("info", "search index loaded", {
    pages: hub.services.guidanceIndex.engine.size,
    ms: Math.round(performance.now() - indexStarted),
    ...(load ? { from: load.from, analysed: load.analysed, ...(load.snapshotUnusable ? { snapshotNotUsed: load.snapshotUnusable } : {}) } : {}),
  });

  const withPlayground = config.playground.enabled && !process.argv.includes("--no-playground");
  const botEndpoint = `http://localhost:${config.port}/api/messages`;
  let playground: PlaygroundProcess | undefined;
  if (withPlayground) playground = startPlayground({ botEndpoint, port: config.playground.port, logDir: config.dataDir, log });

  const base = config.publicUrl;
  const lines = [
    "",
    "Council Hub is running (embedded default: SQLite in " + config.dataDir + ", AUTH_MODE=" + config.authMode + ")",
    playground ? `  Agents Playground (chat with the bot): ${playground.url}` : "  Agents Playground: off (--no-playground)",
    `  Guidance tab:                         ${base}/tabs/guidance`,
    `  API:                                  ${base}/api  (e.g. ${base}/api/guidance/search?q=annual+leave with a token)`,
    config.authMode === "dev" ? `  Sample users (dev sign-in):           ${base}/api/dev/users` : "",
    `  Bot endpoint:                         ${botEndpoint}`,
    `  Health:                               ${base}/healthz`,
    "Press Ctrl-C to stop.",
    "",
  ];
  process.stdout.write(lines.filter((l) => l !== "").join("\n") + "\n");

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log("info", "stopping", { signal });
    await playground?.stop();
    await closeServer(server);
    await sitePages?.stop();
    await hub.services.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`Council Hub cannot start.\n${error.message}\n`);
  } else {
    process.stderr.write(`Council Hub failed to start: ${JSON.stringify(errorFields(error))}\n`);
  }
  process.exit(1);
});
