import { join } from "node:path";
import { packageRoot } from "../../../store";
import { startTestHub } from "../../support/test-hub";

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
  const hub = await startTestHub({ AUTH_MODE: "dev", SEED_SAMPLE_DATA: "true" }, { tabsDir: join(packageRoot(), "dist", "tabs") });
  return { baseUrl: hub.baseUrl, close: () => hub.stop() };
}
