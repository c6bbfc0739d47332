import { ApiError, apiErrorFromBody } from "./api-error";
import type { DevToken, DevUser, GuidanceFeedback, GuidancePage, GuidanceSearchResponse, Me } from "./api-types";

/** Options for {@link createApiClient}. */
export interface ApiClientOptions {
  /** Prefix for every path; "" (the default) means the host that served the tab. */
  readonly baseUrl?: string;
  /** A bearer token for the signed-in user: Teams SSO inside Teams, the dev issuer outside. */
  readonly getToken: () => Promise<string>;
  /** Called on any 401, so the shell can drop the session and ask the user to sign in again. */
  readonly onUnauthorized?: (error: ApiError) => void;
  /** Injected in tests; defaults to the browser's fetch. */
  readonly fetch?: typeof fetch;
}

/** Per-call options. */
export interface CallOptions {
  /** Cancels the call; an aborted call rejects with the AbortError, never an ApiError. */
  readonly signal?: AbortSignal;
}

/** Search options for {@link ApiClient.guidance}. */
export interface SearchOptions extends CallOptions {
  /** How many results to ask for (host allows 1–50). */
  readonly top?: number;
}

/** The typed Council Hub API, shared by every tab. Each method rejects with an {@link ApiError}. */
export interface ApiClient {
  /** Dev sign-in endpoints: only served when the host runs with AUTH_MODE=dev. No token needed. */
  readonly dev: {
    listUsers(options?: CallOptions): Promise<DevUser[]>;
    issueToken(upn: string, options?: CallOptions): Promise<DevToken>;
  };
  me(options?: CallOptions): Promise<Me>;
  readonly guidance: {
    search(query: string, options?: SearchOptions): Promise<GuidanceSearchResponse>;
    getPage(id: string, options?: CallOptions): Promise<GuidancePage>;
    sendFeedback(feedback: GuidanceFeedback, options?: CallOptions): Promise<void>;
  };
}

interface Request {
  readonly method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  readonly path: string;
  readonly body?: unknown;
  /** False for the dev sign-in calls, which run before there is a token. */
  readonly auth: boolean;
  readonly signal?: AbortSignal;
}

/**
 * Creates the API client.
 * @example
 * const api = createApiClient({ getToken: () => session.token() });
 * const { results } = await api.guidance.search("annual leave");
 */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const { baseUrl = "", getToken, onUnauthorized, fetch: fetchImpl = (input, init) => fetch(input, init) } = options;

  /** No token (signed out, or Teams SSO refused) is the same situation as a 401: the user must sign in. */
  async function tokenOrSignIn(): Promise<string> {
    try {
      return await getToken();
    } catch (cause) {
      const error =
        cause instanceof ApiError ? cause : new ApiError(401, "unauthorized", "Sign in to continue.", [], { cause });
      if (error.isUnauthorized) onUnauthorized?.(error);
      throw error;
    }
  }

  async function call<T>({ method, path, body, auth, signal }: Request): Promise<T> {
    const headers: Record<string, string> = { Accept: "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (auth) headers.Authorization = `Bearer ${await tokenOrSignIn()}`;
    let response: Response;
    try {
      response = await fetchImpl(`${baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
        // Tokens travel in the header only; never send or store cookies for the API.
        credentials: "omit",
      });
    } catch (error) {
      // Callers cancel stale searches on purpose: let them see the abort, not a "could not connect" message.
      if (signal?.aborted) throw error;
      throw new ApiError(0, "network", "Council Hub could not be reached. Check your connection and try again.", [], { cause: error });
    }
    const parsed = await readJson(response);
    signal?.throwIfAborted();
    if (!response.ok) {
      const error = apiErrorFromBody(response.status, parsed.ok ? parsed.value : undefined);
      if (error.isUnauthorized) onUnauthorized?.(error);
      throw error;
    }
    if (response.status === 204) return undefined as T;
    if (!parsed.ok) throw new ApiError(response.status, "unexpected_response", "Council Hub sent an answer the app could not read. Try again.");
    return parsed.value as T;
  }

  return {
    dev: {
      listUsers: (o) => call({ method: "GET", path: "/api/dev/users", auth: false, signal: o?.signal }),
      issueToken: (upn, o) => call({ method: "POST", path: "/api/dev/token", body: { user: upn }, auth: false, signal: o?.signal }),
    },
    me: (o) => call({ method: "GET", path: "/api/me", auth: true, signal: o?.signal }),
    guidance: {
      search: (query, o) => {
        const params = new URLSearchParams({ q: query });
        if (o?.top !== undefined) params.set("top", String(o.top));
        return call({ method: "GET", path: `/api/guidance/search?${params}`, auth: true, signal: o?.signal });
      },
      // Page ids are paths ("hr/annual-leave.md"): encode the slash so the id stays one path segment.
      getPage: (id, o) => call({ method: "GET", path: `/api/guidance/pages/${encodeURIComponent(id)}`, auth: true, signal: o?.signal }),
      sendFeedback: (feedback, o) => call({ method: "POST", path: "/api/guidance/feedback", body: feedback, auth: true, signal: o?.signal }),
    },
  };
}

/** Reads a body as JSON if there is one; an empty or non-JSON body is reported, not thrown. */
async function readJson(response: Response): Promise<{ ok: true; value: unknown } | { ok: false }> {
  const text = await response.text().catch(() => "");
  if (!text) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}
