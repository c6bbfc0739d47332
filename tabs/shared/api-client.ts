import { ApiError, apiErrorFromBody } from "./api-error";
import type {
  BestBet,
  BestBetInput,
  BestBetList,
  ContentGapReport,
  DevToken,
  DevUser,
  FileDownload,
  GuidanceFeedback,
  GuidancePage,
  GuidanceSearchResponse,
  Me,
  ReportRange,
  VocabularyDocument,
  VocabularyInput,
} from "./api-types";

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
    /** Search curation (comms editors, comms lead, admin; 403 for anyone else). */
    readonly vocabulary: {
      get(options?: CallOptions): Promise<VocabularyDocument>;
      /**
       * Replaces the whole vocabulary; resolves with it as the host normalised it. 400 with details when invalid,
       * 409 when someone else saved since `version`.
       */
      save(input: VocabularyInput, options?: CallOptions): Promise<VocabularyDocument>;
      /** Restores the shipped default; with `version`, refused (409) if someone else saved since. */
      reset(version?: string, options?: CallOptions): Promise<VocabularyDocument>;
    };
    readonly bestBets: {
      list(options?: CallOptions): Promise<BestBetList>;
      create(input: BestBetInput, options?: CallOptions): Promise<BestBet>;
      update(id: string, input: BestBetInput, options?: CallOptions): Promise<BestBet>;
      remove(id: string, options?: CallOptions): Promise<void>;
    };
    readonly report: {
      get(range?: ReportRange, options?: CallOptions): Promise<ContentGapReport>;
      /** The report as CSV, fetched with the bearer token (a plain link could not send it). */
      downloadCsv(range?: ReportRange, options?: CallOptions): Promise<FileDownload>;
    };
  };
}

/** Used when a CSV download's content-disposition names no file. */
export const REPORT_CSV_FALLBACK_NAME = "council-hub-search-gaps.csv";

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

  /** Sends a request; resolves with any HTTP answer, rejects with an ApiError only when there is none. */
  async function send({ method, path, body, auth, signal }: Request, accept: string): Promise<Response> {
    const headers: Record<string, string> = { Accept: accept };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (auth) headers.Authorization = `Bearer ${await tokenOrSignIn()}`;
    try {
      return await fetchImpl(`${baseUrl}${path}`, {
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
  }

  /** The ApiError for a failed answer, reporting a 401 to the shell first. */
  async function failure(response: Response): Promise<ApiError> {
    const parsed = await readJson(response);
    const error = apiErrorFromBody(response.status, parsed.ok ? parsed.value : undefined);
    if (error.isUnauthorized) onUnauthorized?.(error);
    return error;
  }

  async function call<T>(request: Request): Promise<T> {
    const response = await send(request, "application/json");
    if (!response.ok) {
      const error = await failure(response);
      request.signal?.throwIfAborted();
      throw error;
    }
    const parsed = await readJson(response);
    request.signal?.throwIfAborted();
    if (response.status === 204) return undefined as T;
    if (!parsed.ok) throw new ApiError(response.status, "unexpected_response", "Council Hub sent an answer the app could not read. Try again.");
    return parsed.value as T;
  }

  async function download(request: Request, accept: string, fallbackName: string): Promise<FileDownload> {
    const response = await send(request, accept);
    if (!response.ok) {
      const error = await failure(response);
      request.signal?.throwIfAborted();
      throw error;
    }
    const blob = await response.blob();
    request.signal?.throwIfAborted();
    return { blob, filename: filenameFromDisposition(response.headers.get("content-disposition")) ?? fallbackName };
  }

  const authed = (method: Request["method"], path: string, o?: CallOptions, body?: unknown): Request => ({ method, path, body, auth: true, signal: o?.signal });

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
      vocabulary: {
        get: (o) => call(authed("GET", "/api/guidance/vocabulary", o)),
        save: (input, o) => call(authed("PUT", "/api/guidance/vocabulary", o, input)),
        reset: (version, o) => call(authed("POST", "/api/guidance/vocabulary/reset", o, version === undefined ? undefined : { version })),
      },
      bestBets: {
        list: (o) => call(authed("GET", "/api/guidance/best-bets", o)),
        create: (input, o) => call(authed("POST", "/api/guidance/best-bets", o, input)),
        update: (id, input, o) => call(authed("PUT", `/api/guidance/best-bets/${encodeURIComponent(id)}`, o, input)),
        remove: (id, o) => call(authed("DELETE", `/api/guidance/best-bets/${encodeURIComponent(id)}`, o)),
      },
      report: {
        get: (range, o) => call(authed("GET", `/api/guidance/report${rangeQuery(range)}`, o)),
        downloadCsv: (range, o) =>
          download(authed("GET", `/api/guidance/report.csv${rangeQuery(range)}`, o), "text/csv", REPORT_CSV_FALLBACK_NAME),
      },
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

/** `?from=&to=` for the set ends of a report range ("" when neither is set: the host's default range). */
function rangeQuery(range: ReportRange | undefined): string {
  const params = new URLSearchParams();
  if (range?.from) params.set("from", range.from);
  if (range?.to) params.set("to", range.to);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/**
 * The file name in a content-disposition header: RFC 6266 `filename*=UTF-8''…` first, then `filename="…"`.
 * Only the last path segment is kept, so a hostile name cannot suggest a folder.
 */
export function filenameFromDisposition(header: string | null): string | undefined {
  if (!header) return undefined;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  let name: string | undefined;
  if (extended?.[1]) {
    try {
      name = decodeURIComponent(extended[1].trim());
    } catch {
      name = undefined;
    }
  }
  if (!name) name = /filename\s*=\s*"((?:[^"\\]|\\.)*)"/.exec(header)?.[1]?.replace(/\\(.)/g, "$1") ?? /filename\s*=\s*([^;\s]+)/.exec(header)?.[1];
  const base = name?.split(/[\\/]/).pop()?.trim();
  return base ? base : undefined;
}
