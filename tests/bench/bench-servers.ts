import { existsSync } from "node:fs";
import { join } from "node:path";
import { Worker } from "node:worker_threads";

/** Which app a server worker runs: the real Council Hub host, or the botbuilder echo baseline. */
export type ServerKind = "hub" | "echo";

/** Messages a server worker posts back to the bench. */
export type WorkerReply = { readonly port: number } | { readonly stopped: true } | { readonly error: string };

export interface BenchServer {
  readonly kind: ServerKind;
  readonly baseUrl: string;
  stop(): Promise<void>;
}

/** Longest a server may take to start (the hub seeds the sample intranet first) or to stop. */
const SERVER_START_TIMEOUT_MS = 60_000;

/**
 * Starts a server in a worker thread and resolves once it listens on loopback. The worker file is the compiled
 * server-worker.js beside this one, so this runs from dist/ (npm run bench), not from the TypeScript sources.
 */
export async function startBenchServer(kind: ServerKind): Promise<BenchServer> {
  const file = join(__dirname, "server-worker.js");
  if (!existsSync(file)) throw new Error(`${file} not found: run the bench from dist/ (npm run bench)`);
  const worker = new Worker(file, { workerData: kind });
  const next = (): Promise<WorkerReply> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${kind} server worker did not answer in ${SERVER_START_TIMEOUT_MS} ms`)), SERVER_START_TIMEOUT_MS);
      const done = (): void => {
        clearTimeout(timer);
        worker.off("message", onMessage);
        worker.off("error", onError);
      };
      const onMessage = (reply: WorkerReply): void => {
        done();
        resolve(reply);
      };
      const onError = (error: Error): void => {
        done();
        reject(error);
      };
      worker.on("message", onMessage);
      worker.on("error", onError);
    });
  const started = await next();
  if ("error" in started) {
    await worker.terminate();
    throw new Error(`${kind} server failed to start:\n${started.error}`);
  }
  if (!("port" in started)) throw new Error(`${kind} server worker sent an unexpected first message`);
  return {
    kind,
    baseUrl: `http://127.0.0.1:${started.port}`,
    async stop() {
      const stopped = next();
      worker.postMessage("stop");
      try {
        await stopped;
      } finally {
        await worker.terminate();
      }
    },
  };
}
