import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { packageRoot } from "../store/package-root";
import type { Logger } from "./logger";

export interface PlaygroundProcess {
  readonly url: string;
  stop(): Promise<void>;
}

/** Milliseconds to wait for the playground to exit on its own before it is killed. */
const STOP_GRACE_MS = 3000;

/**
 * Starts the Microsoft 365 Agents Playground (a local Teams-like chat) pointed at the bot endpoint. It reads its
 * users from .m365agentsplayground.yml at the package root. Telemetry is off: councils' laptops should not phone home.
 */
export function startPlayground(options: { botEndpoint: string; port: number; logDir: string; log: Logger }): PlaygroundProcess {
  const cli = require.resolve("@microsoft/m365agentsplayground/cli.js");
  const child: ChildProcess = spawn(
    process.execPath,
    [cli, "-e", options.botEndpoint, "-c", "msteams", "-p", String(options.port), "--disable-telemetry"],
    { cwd: packageRoot(), stdio: ["ignore", "pipe", "pipe"], env: {
        ...process.env,
        // The playground opens a browser unless told not to; the URL is printed instead.
        TEAMSAPPTESTER_BROWSER: "none",
        // Keep its log out of the source tree.
        M365_AGENTS_PLAYGROUND_LOGFILE: join(options.logDir, "m365agentsplayground.log"),
      } },
  );
  const forward = (stream: NodeJS.ReadableStream | null, level: "info" | "warn") =>
    stream?.on("data", (chunk: Buffer) => {
      for (const line of chunk.toString("utf8").split(/\r?\n/)) if (line.trim()) options.log(level, line.trim(), { source: "playground" });
    });
  forward(child.stdout, "info");
  forward(child.stderr, "warn");
  child.on("exit", (code, signal) => options.log(code === 0 || signal ? "info" : "warn", "playground exited", { code, signal }));
  return {
    url: `http://localhost:${options.port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
        child.once("exit", () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill("SIGTERM");
      }),
  };
}
