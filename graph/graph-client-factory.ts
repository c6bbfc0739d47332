import {
  AuthenticationHandler,
  Client,
  HTTPMessageHandler,
  RedirectHandler,
  RedirectHandlerOptions,
  RetryHandler,
  RetryHandlerOptions,
  TelemetryHandler,
  type FetchOptions,
  type Middleware,
  type ShouldRetry,
} from "@microsoft/microsoft-graph-client";
import { FetchHandler, type FetchFunction } from "./fetch-handler";
import { DEFAULT_MAX_RETRIES, DEFAULT_RETRY_DELAY_SECONDS, GRAPH_BASE_URL, MAX_RETRIES_CEILING, MAX_RETRY_DELAY_SECONDS } from "./graph-limits";
import type { AccessTokenProvider } from "./token-provider";

/** Options for {@link createGraphClient}; everything but the token provider has a production default. */
export interface GraphClientOptions {
  /** Supplies the bearer token for each call (MSAL in production, static in tests). */
  readonly tokenProvider: AccessTokenProvider;
  /** Graph root without the version, e.g. `https://graph.microsoft.com` (default) or a local fake's URL. */
  readonly baseUrl?: string;
  /**
   * Extra host names (no scheme, no port) that may receive the bearer token. The SDK only attaches it for
   * graph.microsoft.com and its sovereign twins; the host of a non-Graph `baseUrl` is added automatically.
   */
  readonly customHosts?: readonly string[];
  /** Retries after 429/503/504 before the error surfaces (0–10, default 3). */
  readonly maxRetries?: number;
  /** Wait in seconds before a retry when no Retry-After header is sent (default 3; the SDK adds jitter). */
  readonly retryDelaySeconds?: number;
  /** Options merged into every request, e.g. default headers or an AbortSignal. */
  readonly fetchOptions?: FetchOptions;
  /** Replaces the global fetch, e.g. to trust a test CA or route through a proxy (see FetchHandler). */
  readonly fetch?: FetchFunction;
  /** API version used when a path has none. */
  readonly defaultVersion?: "v1.0" | "beta";
}

/** Never retry a call the caller has aborted: the answer is no longer wanted and retrying only adds load. */
const retryUnlessAborted: ShouldRetry = (_delay, _attempt, _request, options) => !options?.signal?.aborted;

/**
 * Builds a Graph client whose middleware chain is the SDK's own (auth → retry honouring Retry-After → redirect →
 * telemetry → HTTP), configured once here so no caller hand-rolls retries or token headers.
 *
 * @example
 * const client = createGraphClient({ tokenProvider: createMsalTokenProvider(config) });
 * const me = await client.api("/users/jo.bloggs@example-council.gov.uk").select("displayName").get();
 */
export function createGraphClient(options: GraphClientOptions): Client {
  const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
  const retryDelaySeconds = options.retryDelaySeconds ?? DEFAULT_RETRY_DELAY_SECONDS;
  if (!Number.isInteger(maxRetries) || maxRetries < 0 || maxRetries > MAX_RETRIES_CEILING) {
    throw new RangeError(`maxRetries must be a whole number from 0 to ${MAX_RETRIES_CEILING}, got ${maxRetries}`);
  }
  if (!(retryDelaySeconds >= 0 && retryDelaySeconds <= MAX_RETRY_DELAY_SECONDS)) {
    throw new RangeError(`retryDelaySeconds must be from 0 to ${MAX_RETRY_DELAY_SECONDS}, got ${retryDelaySeconds}`);
  }

  const baseUrl = (options.baseUrl ?? GRAPH_BASE_URL).replace(/\/+$/, "");
  const customHosts = new Set(options.customHosts ?? []);
  const baseHost = new URL(baseUrl).hostname;
  if (baseHost !== new URL(GRAPH_BASE_URL).hostname) customHosts.add(baseHost);

  const middleware: Middleware[] = [
    new AuthenticationHandler(options.tokenProvider),
    new RetryHandler(new RetryHandlerOptions(retryDelaySeconds, maxRetries, retryUnlessAborted)),
    new RedirectHandler(new RedirectHandlerOptions()),
    new TelemetryHandler(),
    options.fetch ? new FetchHandler(options.fetch) : new HTTPMessageHandler(),
  ];

  return Client.initWithMiddleware({
    middleware,
    baseUrl,
    customHosts,
    fetchOptions: options.fetchOptions,
    defaultVersion: options.defaultVersion ?? "v1.0",
  });
}
