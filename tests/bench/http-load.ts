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
}

export interface LoadResult {
  readonly requests: number;
  readonly errors: number;
  /** The first failure, so a broken endpoint is reported with its cause rather than as a fast, meaningless number. */
  readonly firstError?: string;
  readonly seconds: number;
  readonly throughput: number;
  /** Per-request latency, milliseconds, from write to last body byte. */
  readonly latency: LatencySummary;
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
    req.on("error", reject);
    req.end(payload);
  });
}

/**
 * A closed-loop load generator: `concurrency` lanes each send the next request as soon as their last one answers,
 * over node:http with keep-alive, until the count is reached. Warm-up requests run the same way, untimed.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const { concurrency, warmup, requests, accept = () => true } = options;
  const url = new URL(options.url);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  let errors = 0;
  let firstError: string | undefined;
  const fail = (message: string): void => {
    errors++;
    firstError ??= message;
  };
  try {
    const phase = async (from: number, count: number, latencies?: number[]): Promise<void> => {
      let next = from;
      const end = from + count;
      const lane = async (laneId: number): Promise<void> => {
        while (next < end) {
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
    };
    await phase(0, warmup);
    errors = 0;
    const latencies: number[] = [];
    const started = performance.now();
    await phase(warmup, requests, latencies);
    const seconds = (performance.now() - started) / 1000;
    return { requests, errors, ...(firstError ? { firstError } : {}), seconds, throughput: requests / seconds, latency: summarise(latencies) };
  } finally {
    agent.destroy();
  }
}
