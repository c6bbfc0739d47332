import { BatchRequestContent, BatchResponseContent, type BatchResponseBody, type Client, type RetryHandlerOptions } from "@microsoft/microsoft-graph-client";
import { MAX_BATCH_REQUESTS } from "../graph-limits";
import { parseRetryAfter, type GraphFailure } from "./graph-errors";

/** One sub-request of a JSON batch. */
export interface BatchStep {
  /** Unique within the batch; the store numbers steps "1" to "20". */
  readonly id: string;
  readonly method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Versionless path and query, e.g. `/sites/…/items?$filter=…`. */
  readonly url: string;
  /** JSON body, for POST and PATCH. */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** One step's answer: its status, Retry-After and parsed JSON body. */
export interface BatchStepResult extends GraphFailure {
  readonly body: unknown;
}

// BatchRequestContent takes WHATWG Requests and strips scheme and host from each; Node needs an absolute URL to build
// one, so steps get this origin, which is never contacted (.invalid is reserved by RFC 2606).
const STEP_ORIGIN = "https://graph.invalid";

/**
 * Sends up to MAX_BATCH_REQUESTS steps as one `$batch` call, through the SDK's BatchRequestContent and
 * BatchResponseContent, and returns each step's result by id. A failure of the batch envelope itself throws (a
 * GraphError); per-step failures are results, for the caller to retry or report step by step.
 */
export async function sendBatch(client: Client, steps: readonly BatchStep[], retry?: RetryHandlerOptions): Promise<Map<string, BatchStepResult>> {
  if (steps.length === 0 || steps.length > MAX_BATCH_REQUESTS) throw new RangeError(`A batch holds 1 to ${MAX_BATCH_REQUESTS} steps, not ${steps.length}.`);
  const content = new BatchRequestContent(
    steps.map((step) => ({
      id: step.id,
      request: new Request(`${STEP_ORIGIN}${step.url}`, {
        method: step.method,
        headers: { ...(step.body === undefined ? {} : { "Content-Type": "application/json" }), ...step.headers },
        body: step.body === undefined ? undefined : JSON.stringify(step.body),
      }),
    })),
  );
  let request = client.api("/$batch");
  if (retry) request = request.middlewareOptions([retry]);
  const answer = new BatchResponseContent((await request.post(await content.getContent())) as BatchResponseBody);
  const results = new Map<string, BatchStepResult>();
  for (const step of steps) {
    const response = answer.getResponseById(step.id);
    if (!response) {
      results.set(step.id, { status: -1, message: "The batch answer had no response for this step.", body: undefined });
      continue;
    }
    const body = parseJson(await response.text());
    const message = errorMessage(body);
    results.set(step.id, { status: response.status, message, retryAfterSeconds: parseRetryAfter(response.headers.get("Retry-After")), body });
  }
  return results;
}

/**
 * Runs `send` on consecutive chunks of at most MAX_BATCH_REQUESTS entries, `concurrency` chunks at a time: enough to
 * overlap round trips, few enough not to invite throttling.
 */
export async function forEachBatch<T>(entries: readonly T[], concurrency: number, send: (chunk: readonly T[]) => Promise<void>): Promise<void> {
  const chunks: T[][] = [];
  for (let i = 0; i < entries.length; i += MAX_BATCH_REQUESTS) chunks.push(entries.slice(i, i + MAX_BATCH_REQUESTS));
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < chunks.length) await send(chunks[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, chunks.length) }, worker));
}

function parseJson(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function errorMessage(body: unknown): string {
  if (typeof body !== "object" || body === null || !("error" in body)) return "";
  const error = (body as { error: unknown }).error;
  return typeof error === "object" && error !== null && "message" in error ? String((error as { message: unknown }).message) : "";
}
