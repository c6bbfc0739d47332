import type { SitePagesSyncReport } from "../../graph/site-pages";
import { createGraphClient, StaticTokenProvider } from "../../graph";
import { createSqliteHub, type SqliteHub } from "../../store";
import { loadConfig } from "../../teams-app/config";
import type { Logger, LogLevel } from "../../teams-app/logger";
import { startSitePagesScheduler, startSitePagesSyncFromConfig, type SetTimer } from "../../teams-app/site-pages-scheduler";
import { GraphFake } from "../fakes/graph-fake";
import { SitePagesFake } from "../fakes/site-pages-fake";

// The host's site pages schedule: unit-tested with a manual timer and a controllable run, then once end to end
// against the HTTPS Graph fake with the host's own wiring (config, SQLite store).

const INTERVAL_MS = 15 * 60_000;
const REPORT: SitePagesSyncReport = { mode: "delta", fullResync: false, changed: 0, fetched: 0, upserted: 0, unchanged: 0, removed: 0, skipped: 0, requests: 1, failed: [] };

/** A timer the test fires by hand. */
function manualTimer(): { setTimer: SetTimer; pending: () => Array<{ ms: number; fire: () => void }> } {
  const timers: Array<{ ms: number; callback: () => void; live: boolean }> = [];
  const setTimer: SetTimer = (callback, ms) => {
    const timer = { ms, callback, live: true };
    timers.push(timer);
    return () => {
      timer.live = false;
    };
  };
  const pending = () =>
    timers
      .filter((t) => t.live)
      .map((t) => ({
        ms: t.ms,
        fire: () => {
          t.live = false;
          t.callback();
        },
      }));
  return { setTimer, pending };
}

/** A run the test finishes by hand, counting how many are in flight at once. */
function controllableRun(): { run: () => Promise<SitePagesSyncReport>; calls: () => number; maxInFlight: () => number; finish: (outcome?: SitePagesSyncReport | Error) => Promise<void> } {
  const waiting: Array<(outcome: SitePagesSyncReport | Error) => void> = [];
  let calls = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const run = () => {
    calls++;
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    return new Promise<SitePagesSyncReport>((resolve, reject) => {
      waiting.push((outcome) => {
        inFlight--;
        if (outcome instanceof Error) reject(outcome);
        else resolve(outcome);
      });
    });
  };
  const finish = async (outcome: SitePagesSyncReport | Error = REPORT) => {
    const next = waiting.shift();
    if (!next) throw new Error("no run is waiting");
    next(outcome);
    // Let the scheduler's promise chain settle.
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { run, calls: () => calls, maxInFlight: () => maxInFlight, finish };
}

function recordingLog(): { log: Logger; entries: Array<{ level: LogLevel; message: string; meta?: Record<string, unknown> }> } {
  const entries: Array<{ level: LogLevel; message: string; meta?: Record<string, unknown> }> = [];
  return { log: (level, message, meta) => entries.push({ level, message, ...(meta ? { meta } : {}) }), entries };
}

describe("startSitePagesScheduler", () => {
  it("syncs at start, then again an interval after each run ends, never two at once", async () => {
    const timer = manualTimer();
    const sync = controllableRun();
    const { log, entries } = recordingLog();
    const scheduler = startSitePagesScheduler({ run: sync.run, intervalMs: INTERVAL_MS, log, setTimer: timer.setTimer });

    expect(sync.calls()).toBe(1);
    // While the first run is going, nothing is scheduled that could start a second one.
    expect(timer.pending()).toHaveLength(0);
    // A tick or a manual request during the run joins it rather than starting another.
    const joined = scheduler.runNow();
    expect(sync.calls()).toBe(1);
    await sync.finish();
    await joined;
    expect(timer.pending()).toEqual([expect.objectContaining({ ms: INTERVAL_MS })]);
    expect(entries).toEqual([{ level: "info", message: "site pages synced", meta: expect.objectContaining({ mode: "delta", fetched: 0, upserted: 0, removed: 0, requests: 1, fullResync: false }) }]);

    timer.pending()[0]!.fire();
    expect(sync.calls()).toBe(2);
    expect(timer.pending()).toHaveLength(0);
    await sync.finish();
    expect(timer.pending()).toHaveLength(1);
    expect(sync.maxInFlight()).toBe(1);
    await scheduler.stop();
  });

  it("joins a running sync when asked to run now, and restarts the interval after a manual run", async () => {
    const timer = manualTimer();
    const sync = controllableRun();
    const scheduler = startSitePagesScheduler({ run: sync.run, intervalMs: INTERVAL_MS, log: () => undefined, setTimer: timer.setTimer });

    const joined = scheduler.runNow();
    const alsoJoined = scheduler.runNow();
    await sync.finish();
    await Promise.all([joined, alsoJoined]);
    expect(sync.calls()).toBe(1);

    // A manual run between ticks cancels the pending tick and schedules a fresh one after it.
    const manual = scheduler.runNow();
    expect(sync.calls()).toBe(2);
    expect(timer.pending()).toHaveLength(0);
    await sync.finish();
    await manual;
    expect(timer.pending()).toHaveLength(1);
    expect(sync.maxInFlight()).toBe(1);
    await scheduler.stop();
  });

  it("logs a failed run and a run with failed pages, and keeps the schedule", async () => {
    const timer = manualTimer();
    const sync = controllableRun();
    const { log, entries } = recordingLog();
    const scheduler = startSitePagesScheduler({ run: sync.run, intervalMs: INTERVAL_MS, log, setTimer: timer.setTimer });

    await sync.finish(new Error("Graph is down"));
    expect(entries[0]).toMatchObject({ level: "error", message: "site pages sync failed", meta: { error: "Graph is down" } });
    expect(timer.pending()).toHaveLength(1);

    timer.pending()[0]!.fire();
    await sync.finish({ ...REPORT, fetched: 2, upserted: 1, failed: [{ id: "sites/intranet/sitepages/a.aspx", reason: "503" }] });
    expect(entries[1]).toMatchObject({ level: "warn", message: "site pages synced", meta: { failed: 1, failedPages: ["sites/intranet/sitepages/a.aspx"] } });
    expect(timer.pending()).toHaveLength(1);
    await scheduler.stop();
  });

  it("stops cleanly: waits for the running sync, then schedules nothing and runs nothing more", async () => {
    const timer = manualTimer();
    const sync = controllableRun();
    const scheduler = startSitePagesScheduler({ run: sync.run, intervalMs: INTERVAL_MS, log: () => undefined, setTimer: timer.setTimer });

    let stopped = false;
    const stopping = scheduler.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false); // the sync in flight is still writing to the store
    await sync.finish();
    await stopping;
    expect(stopped).toBe(true);
    expect(timer.pending()).toHaveLength(0);

    await scheduler.runNow();
    await scheduler.stop();
    expect(sync.calls()).toBe(1);
  });

  it("cancels the pending tick on stop between runs", async () => {
    const timer = manualTimer();
    const sync = controllableRun();
    const scheduler = startSitePagesScheduler({ run: sync.run, intervalMs: INTERVAL_MS, log: () => undefined, setTimer: timer.setTimer });
    await sync.finish();
    expect(timer.pending()).toHaveLength(1);

    await scheduler.stop();

    expect(timer.pending()).toHaveLength(0);
    expect(sync.calls()).toBe(1);
  });

  it("never overlaps with real timers either, even when a run outlasts the interval", async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    let calls = 0;
    const run = async (): Promise<SitePagesSyncReport> => {
      calls++;
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 30));
      inFlight--;
      return REPORT;
    };
    const scheduler = startSitePagesScheduler({ run, intervalMs: 5, log: () => undefined });
    const poke = setInterval(() => void scheduler.runNow(), 2);
    await new Promise((resolve) => setTimeout(resolve, 200));
    clearInterval(poke);
    await scheduler.stop();

    expect(calls).toBeGreaterThan(2);
    expect(maxInFlight).toBe(1);
    expect(inFlight).toBe(0);
  });

  it("refuses an interval that is not a positive number", () => {
    for (const intervalMs of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => startSitePagesScheduler({ run: async () => REPORT, intervalMs, log: () => undefined })).toThrow(RangeError);
    }
  });
});

describe("startSitePagesSyncFromConfig (the host's wiring) against the Graph fake", () => {
  let graph: GraphFake;
  let site: SitePagesFake;
  let hub: SqliteHub;
  beforeEach(async () => {
    graph = await GraphFake.start();
    site = new SitePagesFake(graph);
    for (let i = 1; i <= 3; i++) site.addPage(`Notice-${i}.aspx`, { title: `Notice ${i}`, html: `<p>Notice number ${i}.</p>` });
    hub = createSqliteHub(":memory:");
  });
  afterEach(async () => {
    await hub.close();
    await graph.close();
  });

  const graphEnv = { ENTRA_TENANT_ID: "11111111-1111-4111-8111-111111111111", ENTRA_CLIENT_ID: "22222222-2222-4222-8222-222222222222", SECRET_ENTRA_CLIENT_SECRET: "s" };

  it("is off unless configured", () => {
    expect(startSitePagesSyncFromConfig(loadConfig({}), hub, () => undefined)).toBeUndefined();
  });

  it("syncs into the hub at start and only changes on each tick, looking the list up once", async () => {
    const config = loadConfig({ STORE: "sharepoint", SHAREPOINT_SITE: "council.sharepoint.com:/sites/intranet", GRAPH_BASE_URL: graph.baseUrl, ...graphEnv });
    const timer = manualTimer();
    const { log, entries } = recordingLog();
    const createClient = () => createGraphClient({ tokenProvider: new StaticTokenProvider("app-token"), baseUrl: config.graph.baseUrl, fetch: graph.fetch, retryDelaySeconds: 0 });

    const scheduler = startSitePagesSyncFromConfig(config, hub, log, { createClient, setTimer: timer.setTimer })!;
    await waitFor(() => timer.pending().length === 1);

    expect(timer.pending()[0]!.ms).toBe(15 * 60_000);
    expect(entries.find((e) => e.message === "site pages synced")).toMatchObject({ level: "info", meta: { mode: "initial", upserted: 3, fullResync: true } });
    expect(await hub.guidance.pageCount()).toBe(3);
    expect((await hub.guidance.search("notice number 2")).results[0]).toMatchObject({ id: "sites/intranet/sitepages/notice-2.aspx" });

    site.editPage("Notice-2.aspx", { html: "<p>Notice two, revised.</p>" });
    graph.reset();
    timer.pending()[0]!.fire();
    await waitFor(() => timer.pending().length === 1);

    // One delta call and one page read: the site and list were resolved on the first run and remembered.
    expect(graph.requests).toHaveLength(2);
    expect(site.listRequests()).toHaveLength(0);
    expect(entries.filter((e) => e.message === "site pages synced").at(-1)).toMatchObject({ meta: { mode: "delta", fetched: 1, upserted: 1, requests: 2 } });
    expect((await hub.guidance.search("revised")).results[0]).toMatchObject({ id: "sites/intranet/sitepages/notice-2.aspx" });
    await scheduler.stop();
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
