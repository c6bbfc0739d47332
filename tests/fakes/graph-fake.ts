import { createServer, type Server } from "node:https";
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { FetchFunction } from "../../graph/fetch-handler";
import { MAX_BATCH_REQUESTS } from "../../graph/graph-limits";
import { TEST_TLS_CERT, TEST_TLS_KEY } from "./test-tls";
import { createTrustingFetch } from "./trusting-fetch";
import { closeServer } from "../../teams-app/http/close-server";

/** One request the fake received: a top-level HTTPS call or one step of a `$batch`. */
export interface RecordedRequest {
  /** Upper-case HTTP method. */
  readonly method: string;
  /** Path and query as sent, e.g. `/v1.0/users?$top=2` (a batch step's own `url`, e.g. `/users/42`). */
  readonly url: string;
  /** Path without the API version, e.g. `/users`; what routes are matched against. */
  readonly path: string;
  /** Header names lower-cased; repeated headers joined with ", ". */
  readonly headers: Readonly<Record<string, string>>;
  /** Raw body text ("" when none; a batch step's JSON body re-serialised). */
  readonly body: string;
  /** The step id when this request arrived inside a `$batch`. */
  readonly batchStepId?: string;
  /** `Date.now()` on arrival, so tests can check the gap a retry waited. */
  readonly receivedAt: number;
}

/** What a route handler sees. */
export interface FakeRequest {
  /** Upper-case HTTP method. */
  readonly method: string;
  /** Versionless path, e.g. `/users/42`. */
  readonly path: string;
  /** Query string parameters. */
  readonly query: URLSearchParams;
  /** Header names lower-cased. */
  readonly headers: Readonly<Record<string, string>>;
  /** Parsed JSON body, the raw text if it was not JSON, or undefined. */
  readonly body: unknown;
  /** Capture groups of the route's RegExp (empty for string routes). */
  readonly params: readonly string[];
  /** The fake's `https://127.0.0.1:<port>`, for building `@odata.nextLink`s. */
  readonly baseUrl: string;
}

/** What a route handler answers; JSON unless `body` is a string. */
export interface FakeResponse {
  /** HTTP status, default 200. */
  readonly status?: number;
  /** Extra response headers. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Response body; objects are sent as JSON. */
  readonly body?: unknown;
}

/** Answers one request. */
export type RouteHandler = (request: FakeRequest) => FakeResponse | Promise<FakeResponse>;

/** Throttling or outage to play before the real routes answer. */
export interface FaultSpec {
  /** 429 (throttled), 503 (unavailable) or 504 (gateway timeout): the statuses Graph tells clients to retry. */
  readonly status: 429 | 503 | 504;
  /** Sent as Retry-After; fractions are allowed so tests stay fast (real Graph sends whole seconds). */
  readonly retryAfterSeconds?: number;
  /** How many matching requests receive the fault before the routes answer again. */
  readonly count: number;
  /** Limit the fault to some requests; by default every request (including a `$batch` envelope) matches. */
  readonly match?: { readonly method?: string; readonly path?: string | RegExp };
}

interface Route {
  readonly method: string;
  readonly path: string | RegExp;
  readonly handler: RouteHandler;
}

interface PendingFault {
  readonly spec: FaultSpec;
  remaining: number;
}

/** A request on its way through routes and faults, whether top-level or a batch step. */
interface Incoming {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly rawBody: string;
  readonly batchStepId?: string;
}

interface Outgoing {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body?: unknown;
}

/** Graph error codes for the fault statuses, as Graph itself returns them. */
const FAULT_CODES: Record<FaultSpec["status"], string> = { 429: "TooManyRequests", 503: "serviceNotAvailable", 504: "gatewayTimeout" };

/** Strips `/v1.0` or `/beta` so routes are written once for both versions (and match batch step URLs). */
const VERSION_PREFIX = /^\/(?:v1\.0|beta)(?=\/|$)/;

/**
 * A Microsoft Graph stand-in on real HTTPS (test certificate, port 0), so tests drive the production Graph client,
 * its middleware and TLS end to end. Routes are keyed by method and versionless path; every request is recorded;
 * faults replay Graph's throttling; `POST /$batch` runs each step through the same routes and faults.
 *
 * @example
 * const fake = await GraphFake.start();
 * fake.on("GET", "/me", () => ({ body: { displayName: "Jo Bloggs" } }));
 * const client = createGraphClient({ tokenProvider, baseUrl: fake.baseUrl, fetch: fake.fetch });
 */
export class GraphFake {
  /** Every request received, in arrival order (batch steps after their envelope). */
  readonly requests: RecordedRequest[] = [];
  /** `https://127.0.0.1:<port>`: pass as the Graph client's baseUrl. */
  readonly baseUrl: string;
  /** PEM of the certificate the fake serves; the one CA a client must trust. */
  readonly ca = TEST_TLS_CERT;
  /** A fetch that trusts {@link ca}; pass as the Graph client's `fetch`. */
  readonly fetch: FetchFunction = createTrustingFetch(TEST_TLS_CERT);

  private readonly routes: Route[] = [];
  private readonly faults: PendingFault[] = [];

  private constructor(private readonly server: Server) {
    const { port } = server.address() as AddressInfo;
    this.baseUrl = `https://127.0.0.1:${port}`;
    server.on("request", (req: IncomingMessage, res: ServerResponse) => {
      // A broken connection mid-body is the only way handle() can fail; drop the socket rather than crash the test run.
      this.handle(req, res).catch(() => res.destroy());
    });
  }

  /** Starts a fake on a free port of 127.0.0.1. */
  static async start(): Promise<GraphFake> {
    // The request listener is attached by the constructor: nobody can connect before then, as the port is unknown.
    const server = createServer({ cert: TEST_TLS_CERT, key: TEST_TLS_KEY });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", resolve);
    });
    return new GraphFake(server);
  }

  /** Host name for the Graph client's `customHosts`, so the SDK attaches the bearer token. */
  get host(): string {
    return new URL(this.baseUrl).hostname;
  }

  /** Adds a route; a later route for the same request wins, so a test can override a shared default. */
  on(method: string, path: string | RegExp, handler: RouteHandler): this {
    this.routes.push({ method: method.toUpperCase(), path, handler });
    return this;
  }

  /**
   * Serves `pages` as one collection at `path`, linking them with `@odata.nextLink` (`$skiptoken` = page index) the
   * way Graph pages /users or list items.
   */
  onPaged(path: string, pages: ReadonlyArray<readonly unknown[]>): this {
    return this.on("GET", path, ({ query, baseUrl }) => {
      const index = Number(query.get("$skiptoken") ?? "0");
      const page = pages[index];
      if (!page) return { status: 400, body: graphError("BadRequest", `No page ${index} of ${path}`) };
      const body: Record<string, unknown> = { value: page };
      if (index + 1 < pages.length) {
        const next = new URLSearchParams(query);
        next.set("$skiptoken", String(index + 1));
        body["@odata.nextLink"] = `${baseUrl}/v1.0${path}?${next.toString()}`;
      }
      return { body };
    });
  }

  /** Queues a fault: the next `count` matching requests get `status` (with Retry-After) instead of their route. */
  injectFaults(spec: FaultSpec): void {
    this.faults.push({ spec, remaining: spec.count });
  }

  /** Recorded requests for one method and versionless path (string: exact; RegExp: test). */
  requestsTo(method: string, path: string | RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method.toUpperCase() && pathMatches(path, r.path) !== null);
  }

  /** Forgets recorded requests and pending faults; routes stay. */
  reset(): void {
    this.requests.length = 0;
    this.faults.length = 0;
  }

  /** Stops listening and drops open connections. */
  async close(): Promise<void> {
    await closeServer(this.server);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const incoming: Incoming = {
      method: (req.method ?? "GET").toUpperCase(),
      url: req.url ?? "/",
      headers: flattenHeaders(req.headers),
      rawBody: Buffer.concat(chunks).toString("utf8"),
    };
    const out = await this.dispatch(incoming, true);
    const isJson = out.body !== undefined && typeof out.body !== "string";
    const headers = { ...(isJson ? { "content-type": "application/json" } : {}), ...out.headers };
    res.writeHead(out.status, headers);
    res.end(out.body === undefined || out.status === 204 ? undefined : isJson ? JSON.stringify(out.body) : (out.body as string));
  }

  /** Records the request, then answers it with a pending fault, the batch runner or a route. */
  private async dispatch(incoming: Incoming, topLevel: boolean): Promise<Outgoing> {
    const url = new URL(incoming.url.startsWith("/") ? incoming.url : `/${incoming.url}`, this.baseUrl);
    const path = url.pathname.replace(VERSION_PREFIX, "") || "/";
    this.requests.push({
      method: incoming.method,
      url: incoming.url,
      path,
      headers: incoming.headers,
      body: incoming.rawBody,
      batchStepId: incoming.batchStepId,
      receivedAt: Date.now(),
    });

    const fault = this.takeFault(incoming.method, path);
    if (fault) {
      const headers: Record<string, string> = {};
      if (fault.retryAfterSeconds !== undefined) headers["retry-after"] = String(fault.retryAfterSeconds);
      return { status: fault.status, headers, body: graphError(FAULT_CODES[fault.status], `graph-fake injected ${fault.status}`) };
    }
    // Graph does not allow a batch inside a batch, so only a top-level POST runs the batch runner.
    if (topLevel && incoming.method === "POST" && path === "/$batch") return this.runBatch(incoming.rawBody);

    for (let i = this.routes.length - 1; i >= 0; i--) {
      const route = this.routes[i];
      const params = route.method === incoming.method ? pathMatches(route.path, path) : null;
      if (params === null) continue;
      try {
        const answer = await route.handler({
          method: incoming.method,
          path,
          query: url.searchParams,
          headers: incoming.headers,
          body: parseBody(incoming.rawBody),
          params,
          baseUrl: this.baseUrl,
        });
        return { status: answer.status ?? 200, headers: { ...answer.headers }, body: answer.body };
      } catch (error) {
        return { status: 500, headers: {}, body: graphError("generalException", `graph-fake route threw: ${String(error)}`) };
      }
    }
    return { status: 404, headers: {}, body: graphError("Request_ResourceNotFound", `graph-fake has no route for ${incoming.method} ${path}`) };
  }

  /**
   * Runs JSON batch steps in order through the same routes and faults, answering per step as Graph does. Steps run
   * sequentially, which also satisfies any `dependsOn` written in step order.
   */
  private async runBatch(rawBody: string): Promise<Outgoing> {
    const parsed = parseBody(rawBody) as { requests?: unknown } | undefined;
    const steps = parsed?.requests;
    if (!Array.isArray(steps)) return { status: 400, headers: {}, body: graphError("BadRequest", "Batch body needs a requests array") };
    if (steps.length > MAX_BATCH_REQUESTS) {
      return { status: 400, headers: {}, body: graphError("BadRequest", `Batch has ${steps.length} requests; the limit is ${MAX_BATCH_REQUESTS}`) };
    }
    const responses: Array<{ id: string; status: number; headers: Record<string, string>; body?: unknown }> = [];
    for (const step of steps as Array<Record<string, unknown>>) {
      const id = String(step.id);
      const body = step.body === undefined ? "" : typeof step.body === "string" ? step.body : JSON.stringify(step.body);
      const out = await this.dispatch(
        {
          method: String(step.method ?? "GET").toUpperCase(),
          url: String(step.url ?? "/"),
          headers: lowerCaseKeys((step.headers ?? {}) as Record<string, string>),
          rawBody: body,
          batchStepId: id,
        },
        false,
      );
      responses.push({ id, status: out.status, headers: out.headers, body: out.body });
    }
    return { status: 200, headers: {}, body: { responses } };
  }

  private takeFault(method: string, path: string): FaultSpec | undefined {
    const pending = this.faults.find(
      (f) =>
        f.remaining > 0 &&
        (f.spec.match?.method === undefined || f.spec.match.method.toUpperCase() === method) &&
        (f.spec.match?.path === undefined || pathMatches(f.spec.match.path, path) !== null),
    );
    if (!pending) return undefined;
    pending.remaining--;
    return pending.spec;
  }
}

/** Graph's error envelope, so the SDK builds a proper GraphError from fake failures. */
function graphError(code: string, message: string): { error: { code: string; message: string } } {
  return { error: { code, message } };
}

/** Capture groups if `pattern` matches `path` (string patterns must match exactly), else null. */
function pathMatches(pattern: string | RegExp, path: string): string[] | null {
  if (typeof pattern === "string") return pattern === path ? [] : null;
  const match = pattern.exec(path);
  return match ? match.slice(1) : null;
}

function parseBody(raw: string): unknown {
  if (raw === "") return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return flat;
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), String(value)]));
}
