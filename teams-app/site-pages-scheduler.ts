import { performance } from "node:perf_hooks";
import type { Client } from "@microsoft/microsoft-graph-client";
import { systemClock, type Clock } from "../core";
import { resolveSitePagesTarget, SitePagesSync, type SitePagesSyncReport, type SitePagesTarget } from "../graph";
import { SqliteDeltaStateStore, type SqliteHub } from "../store";
import type { HubConfig } from "./config";
import { graphClientFromConfig } from "./graph-from-config";
import { errorFields, type Logger } from "./logger";

/** Milliseconds in a minute, for SITE_PAGES_SYNC_MINUTES. */
const MS_PER_MINUTE = 60_000;
/** Failed page ids named in one log line; the count is always there, the list is for whoever investigates. */
const MAX_FAILED_LOGGED = 10;

/** Starts a one-shot timer and returns what cancels it. */
export type SetTimer = (callback: () => void, ms: number) => () => void;

/** Options for {@link startSitePagesScheduler}. */
export interface SitePagesSchedulerOptions {
  /** Runs one sync; a rejection is logged and the next run still happens. */
  readonly run: () => Promise<SitePagesSyncReport>;
  /** Pause between the end of one run and the start of the next. */
  readonly intervalMs: number;
  readonly log: Logger;
  /** Timer source; tests pass a manual one (default: an unref'd `setTimeout`). */
  readonly setTimer?: SetTimer;
}

/** A running schedule. */
export interface SitePagesScheduler {
  /** Runs a sync now, or joins the one already running; the interval restarts from its end. No-op once stopped. */
  runNow(): Promise<void>;
  /** Cancels the next run and waits for a running one to finish, so the store can be closed safely after. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Runs `run` at once and then `intervalMs` after each run ends, never two at once, logging each report. The next run
 * is timed from the end of the previous one rather than on a fixed beat, so a slow first sync of a large intranet
 * cannot queue runs behind itself.
 *
 * @example
 * const scheduler = startSitePagesScheduler({ run: () => sync.run(), intervalMs: 15 * 60_000, log });
 * // on shutdown, before closing the store:
 * await scheduler.stop();
 */
export function startSitePagesScheduler(options: SitePagesSchedulerOptions): SitePagesScheduler {
  const { run, intervalMs, log, setTimer = unrefTimer } = options;
  if (!Number.isFinite(intervalMs) || intervalMs <= 0) throw new RangeError(`intervalMs must be a positive number, got ${intervalMs}`);
  let stopped = false;
  let cancelTimer: (() => void) | undefined;
  let running: Promise<void> | undefined;

  const schedule = (): void => {
    if (stopped) return;
    cancelTimer = setTimer(() => {
      cancelTimer = undefined;
      void runNow();
    }, intervalMs);
  };

  const runOnce = async (): Promise<void> => {
    const started = performance.now();
    try {
      logReport(log, await run(), Math.round(performance.now() - started));
    } catch (error) {
      // Logged, not thrown: a Graph outage must not stop the schedule, and the stored deltaLink is left as it was.
      log("error", "site pages sync failed", errorFields(error));
    }
  };

  function runNow(): Promise<void> {
    if (stopped) return Promise.resolve();
    if (running) return running;
    cancelTimer?.();
    cancelTimer = undefined;
    running = runOnce().finally(() => {
      running = undefined;
      schedule();
    });
    return running;
  }

  void runNow();
  return {
    runNow,
    async stop() {
      stopped = true;
      cancelTimer?.();
      cancelTimer = undefined;
      await running;
    },
  };
}

/** Options for {@link createSitePagesSyncRun}. */
export interface SitePagesSyncRunDeps {
  readonly config: HubConfig;
  /** The host's store: pages go to its guidance index, delta state to its database, events to its audit log. */
  readonly hub: SqliteHub;
  /** Makes the app-only Graph client (default {@link graphClientFromConfig}); tests point it at the fake. */
  readonly createClient?: (config: HubConfig) => Client;
  readonly clock?: Clock;
}

/**
 * One sync of `config.sitePages.site` into the hub's guidance index, for {@link startSitePagesScheduler}. The site and
 * its Site Pages list are looked up on the first run and remembered; after a failed run they are looked up again, in
 * case the list was recreated.
 */
export function createSitePagesSyncRun(deps: SitePagesSyncRunDeps): () => Promise<SitePagesSyncReport> {
  const { config, hub, clock = systemClock } = deps;
  const site = config.sitePages.site;
  if (!site) throw new Error("The site pages sync needs SHAREPOINT_SITE: config should have refused this.");
  let client: Client | undefined;
  let sync: SitePagesSync | undefined;
  return async () => {
    client ??= (deps.createClient ?? graphClientFromConfig)(config);
    try {
      sync ??= createSitePagesSync({ client, hub, target: await resolveSitePagesTarget(client, site), graphBaseUrl: config.graph.baseUrl, clock });
      return await sync.run();
    } catch (error) {
      sync = undefined;
      throw error;
    }
  };
}

/** Test seams of {@link startSitePagesSyncFromConfig}; production passes none. */
export interface SitePagesSyncOverrides {
  /** Makes the Graph client (default {@link graphClientFromConfig}). */
  readonly createClient?: (config: HubConfig) => Client;
  readonly clock?: Clock;
  readonly setTimer?: SetTimer;
}

/**
 * Starts the host's site pages sync when configuration asks for it (`config.sitePages.syncMinutes` > 0), else
 * returns undefined. The one call the host needs; stop the result before closing the store.
 *
 * @example
 * const sitePages = startSitePagesSyncFromConfig(config, hub.services, log);
 * // on shutdown: await sitePages?.stop(); then close the store
 */
export function startSitePagesSyncFromConfig(config: HubConfig, hub: SqliteHub, log: Logger, overrides: SitePagesSyncOverrides = {}): SitePagesScheduler | undefined {
  if (config.sitePages.syncMinutes <= 0) return undefined;
  const { setTimer, ...runDeps } = overrides;
  log("info", "site pages sync scheduled", { site: config.sitePages.site, everyMinutes: config.sitePages.syncMinutes });
  return startSitePagesScheduler({
    run: createSitePagesSyncRun({ config, hub, ...runDeps }),
    intervalMs: config.sitePages.syncMinutes * MS_PER_MINUTE,
    log,
    ...(setTimer ? { setTimer } : {}),
  });
}

/** Options for {@link createSitePagesSync}. */
export interface SitePagesSyncWiring {
  readonly client: Client;
  readonly hub: SqliteHub;
  readonly target: SitePagesTarget;
  /** The Graph root `client` talks to: links Graph returns are trusted only there. */
  readonly graphBaseUrl: string;
  readonly clock?: Clock;
}

/**
 * A {@link SitePagesSync} on the hub's SQLite store: pages into the guidance index the search service reads (so its
 * in-memory engine updates at once), delta state in the same database, one audit event per run. Shared by the host
 * and `hub sync-pages`, so both keep the same state and a CLI run continues where the host left off.
 */
export function createSitePagesSync(wiring: SitePagesSyncWiring): SitePagesSync {
  const { client, hub, target, graphBaseUrl, clock = systemClock } = wiring;
  return new SitePagesSync({
    client,
    pages: hub.guidanceIndex,
    state: new SqliteDeltaStateStore(hub.db, clock),
    clock,
    siteId: target.siteId,
    listId: target.listId,
    audit: hub.audit,
    graphBaseUrl,
  });
}

function logReport(log: Logger, report: SitePagesSyncReport, durationMs: number): void {
  const { mode, fullResync, changed, fetched, upserted, unchanged, removed, skipped, requests, failed } = report;
  const failedPages = failed.slice(0, MAX_FAILED_LOGGED).map((f) => f.id);
  log(failed.length > 0 ? "warn" : "info", "site pages synced", {
    mode,
    fullResync,
    changed,
    fetched,
    upserted,
    unchanged,
    removed,
    skipped,
    requests,
    failed: failed.length,
    ...(failedPages.length > 0 ? { failedPages } : {}),
    durationMs,
  });
}

/** `setTimeout` that does not keep the process alive: the HTTP server does that, and a stopped host must be free to exit. */
function unrefTimer(callback: () => void, ms: number): () => void {
  const timer = setTimeout(callback, ms);
  timer.unref();
  return () => clearTimeout(timer);
}
