import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { packageRoot } from "../../../store/package-root";
import { freePort } from "../../support/free-port";
import { PLAYGROUND_PATHS, type PlaygroundConfigResponse } from "./playground-api";

/** Options for `startPlayground`. */
export interface StartPlaygroundOptions {
  /** The bot's messaging endpoint, e.g. http://127.0.0.1:53211/api/messages. */
  readonly botEndpoint: string;
  /** Playground config file. Default: the repo's `.m365agentsplayground.yml`. */
  readonly configPath?: string;
  /** How long to wait for the playground to listen and answer GET /_internal/v1/config. Default 60 s (slow CI). */
  readonly startTimeoutMs?: number;
  /** How long `stop()` waits after SIGTERM before SIGKILL. Default 3 s. */
  readonly stopGraceMs?: number;
}

/** A running playground child process. */
export interface RunningPlayground {
  /** Base URL of its web UI and API, e.g. http://localhost:49152. */
  readonly url: string;
  /** What GET /_internal/v1/config answered: the users, the bot and the conversation ids. */
  readonly config: PlaygroundConfigResponse;
  /** Everything it printed so far (stdout and stderr), for failure messages. */
  output(): string;
  /** SIGTERM, then SIGKILL after the grace period; resolves once it has exited and its temp dir is gone. Idempotent. */
  stop(): Promise<void>;
}

const DEFAULTS = { startTimeoutMs: 60_000, stopGraceMs: 3_000 };
/** Pause between readiness polls. */
const POLL_INTERVAL_MS = 100;
/** Per-request cap while polling. GET config itself waits (up to 15 s) for the bot endpoint to accept connections. */
const CONFIG_REQUEST_TIMEOUT_MS = 20_000;
/** Output kept for diagnostics. */
const MAX_OUTPUT_CHARS = 20_000;
/**
 * What the playground prints once its server is up. If the requested port was taken in the meantime it silently
 * listens on another one, so the port is read from here rather than assumed.
 */
const LISTENING_LINE = /^Listening on (\d+)$/m;

/**
 * Starts the Microsoft 365 Agents Playground CLI as a child process and waits until its API answers. It runs in a
 * temp dir (it writes `devTools/` into its cwd) with its log file there and the browser off; the config file is
 * passed by path, so nothing is written to the repo. Always call `stop()` (in afterAll), even after a failed start.
 *
 * @example
 * const playground = await startPlayground({ botEndpoint: `${hub.baseUrl}/api/messages` });
 * // ... drive it through playground.url ...
 * await playground.stop();
 */
export async function startPlayground(options: StartPlaygroundOptions): Promise<RunningPlayground> {
  const settings = { ...DEFAULTS, configPath: join(packageRoot(), ".m365agentsplayground.yml"), ...options };
  const workDir = mkdtempSync(join(tmpdir(), "council-hub-playground-"));
  const cli = require.resolve("@microsoft/m365agentsplayground/cli.js");
  const child = spawn(
    process.execPath,
    [cli, "-e", settings.botEndpoint, "-c", "msteams", "-p", String(await freePort()), "--disable-telemetry"],
    {
      cwd: workDir,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        TEAMSAPPTESTER_BROWSER: "none",
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: settings.configPath,
        M365_AGENTS_PLAYGROUND_LOGFILE: join(workDir, "m365agentsplayground.log"),
        // Only written if events recording is switched on, but keep even that out of the repo.
        M365_AGENTS_PLAYGROUND_RECORDING_FILE: join(workDir, "events-recording.log"),
      },
    },
  );

  let output = "";
  let onListening: (port: number) => void = () => undefined;
  const listening = new Promise<number>((resolve) => (onListening = resolve));
  const capture = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-MAX_OUTPUT_CHARS);
    const match = LISTENING_LINE.exec(output);
    if (match) onListening(Number(match[1]));
  };
  child.stdout?.on("data", capture);
  child.stderr?.on("data", capture);
  const exited = new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    child.once("error", (error) => {
      capture(Buffer.from(`\nspawn error: ${String(error)}\n`));
      if (child.pid === undefined) resolve(); // never started, so no "exit" will follow
    });
  });

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      if (!hasExited(child)) {
        const timer = setTimeout(() => child.kill("SIGKILL"), settings.stopGraceMs);
        child.kill("SIGTERM");
        await exited;
        clearTimeout(timer);
      }
      rmSync(workDir, { recursive: true, force: true });
    })());

  try {
    const deadline = Date.now() + settings.startTimeoutMs;
    const port = await beforeDeadline(listening, exited, deadline, () => output);
    const url = `http://localhost:${port}`;
    const config = await waitForConfig(url, child, deadline, () => output);
    return { url, config, output: () => output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** `work`'s result, unless the child exits or the deadline passes first. */
async function beforeDeadline<T>(work: Promise<T>, exited: Promise<void>, deadline: number, output: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const failure = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`playground did not start listening in time:\n${output()}`)), Math.max(0, deadline - Date.now()));
    void exited.then(() => reject(new Error(`playground exited before it was listening:\n${output()}`)));
  });
  try {
    return await Promise.race([work, failure]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls GET /_internal/v1/config until it answers 200, the child exits, or the deadline passes. */
async function waitForConfig(url: string, child: ChildProcess, deadline: number, output: () => string): Promise<PlaygroundConfigResponse> {
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (hasExited(child)) {
      throw new Error(`playground exited (code ${child.exitCode}, signal ${child.signalCode}) before it was ready:\n${output()}`);
    }
    try {
      const signal = AbortSignal.timeout(Math.min(CONFIG_REQUEST_TIMEOUT_MS, Math.max(1, deadline - Date.now())));
      const res = await fetch(url + PLAYGROUND_PATHS.config, { signal });
      if (res.ok) return (await res.json()) as PlaygroundConfigResponse;
      lastError = new Error(`GET ${PLAYGROUND_PATHS.config} answered ${res.status}`);
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
  throw new Error(`playground API not ready in time (${String(lastError)}):\n${output()}`);
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}
