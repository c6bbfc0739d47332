import { Agent, request } from "node:http";
import { performance } from "node:perf_hooks";
import { summarise, type LatencySummary } from "./metrics";

export interface LoadOptions {
  /** Full loopback URL to POST to. */
  readonly url: string;
  /** The JSON body of request `i` (0-based across warm-up and timed requests). */
  readonly body: (i: number, lane: number) => unknown;
  /** Requests in flight at once, each on its own kept-alive socket. */
  readonly concurrency: number;
  /** Requests sent (and checked) before timing starts. */
  readonly warmup: number;
  /** Timed requests. */
  readonly requests: number;
  /** Whether a 2xx response body is a real answer; a false result counts as an error. */
  readonly accept?: (body: string) => boolean;
  /** Stop sending timed requests after this long, so a slow endpoint cannot stall the bench. Default 90 s. */
  readonly maxTimedMs?: number;
}

/** A request with no answer after this long is abandoned and counted as an error. */
export const REQUEST_TIMEOUT_MS = 30_000;

/** One load run, raw: several runs against the same server are merged with `combineRuns`. */
export interface LoadRun {
  /** Timed requests completed (fewer than asked when `maxTimedMs` ran out). */
  readonly requests: number;
  readonly truncated: boolean;
  /** Failed requests, warm-up included: a failure anywhere makes the numbers suspect. */
  readonly errors: number;
  /** The first failure, so a broken endpoint is reported with its cause rather than as a fast, meaningless number. */
  readonly firstError?: string;
  /** Wall-clock time of the timed requests. */
  readonly seconds: number;
  /** Per-request latency of the timed requests, milliseconds, from write to last body byte. */
  readonly latencies: readonly number[];
}

export interface LoadResult extends Omit<LoadRun, "latencies"> {
  /** Timed requests per second of timed wall-clock time. */
  readonly throughput: number;
  readonly latency: LatencySummary;
}

/** Merges runs against one server: requests and seconds add up, latencies are pooled before percentiles. */
export function combineRuns(runs: readonly LoadRun[]): LoadResult {
  const requests = runs.reduce((n, r) => n + r.requests, 0);
  const seconds = runs.reduce((n, r) => n + r.seconds, 0);
  const firstError = runs.find((r) => r.firstError !== undefined)?.firstError;
  return {
    requests,
    truncated: runs.some((r) => r.truncated),
    errors: runs.reduce((n, r) => n + r.errors, 0),
    ...(firstError !== undefined ? { firstError } : {}),
    seconds,
    throughput: seconds > 0 ? requests / seconds : 0,
    latency: summarise(runs.flatMap((r) => r.latencies)),
  };
}

interface Reply {
  readonly status: number;
  readonly body: string;
}

function post(agent: Agent, url: URL, payload: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(payload) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error(`no answer in ${REQUEST_TIMEOUT_MS} ms`)));
    req.on("error", reject);
    req.end(payload);
  });
}

/**
 * A closed-loop load generator: `concurrency` lanes each send the next request as soon as their last one answers,
 * over node:http with keep-alive, until the count is reached. Warm-up requests run the same way, untimed.
 */
export async function runLoad(options: LoadOptions): Promise<LoadRun> {
  const { concurrency, warmup, requests, accept = () => true, maxTimedMs = 90_000 } = options;
  const url = new URL(options.url);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  let errors = 0;
  let firstError: string | undefined;
  const fail = (message: string): void => {
    errors++;
    firstError ??= message;
  };
  try {
    const phase = async (from: number, count: number, deadline: number, latencies?: number[]): Promise<number> => {
      let next = from;
      const end = from + count;
      const lane = async (laneId: number): Promise<void> => {
        while (next < end && performance.now() < deadline) {
          const i = next++;
          const payload = JSON.stringify(options.body(i, laneId));
          const t0 = performance.now();
          try {
            const reply = await post(agent, url, payload);
            latencies?.push(performance.now() - t0);
            if (reply.status < 200 || reply.status >= 300) fail(`HTTP ${reply.status}: ${reply.body.slice(0, 500)}`);
            else if (!accept(reply.body)) fail(`unexpected answer: ${reply.body.slice(0, 500)}`);
          } catch (error) {
            fail(error instanceof Error ? error.message : String(error));
          }
        }
      };
      await Promise.all(Array.from({ length: concurrency }, (_, laneId) => lane(laneId)));
      return next - from;
    };
    await phase(0, warmup, performance.now() + maxTimedMs);
    const latencies: number[] = [];
    const started = performance.now();
    const sent = await phase(warmup, requests, started + maxTimedMs, latencies);
    const seconds = (performance.now() - started) / 1000;
    return {
      requests: sent,
      truncated: sent < requests,
      errors,
      ...(firstError ? { firstError } : {}),
      seconds,
      latencies,
    };
  } finally {
    agent.destroy();
  }
}
