import { createApiClient, filenameFromDisposition, REPORT_CSV_FALLBACK_NAME } from "../../tabs/shared/api-client";
import { ApiError } from "../../tabs/shared/api-error";

/**
 * The search-curation methods of the tabs' API client against a fake fetch: the paths, methods and bodies of the
 * contract, status codes as typed ApiErrors, and the CSV download (blob plus the file name the host chose).
 */

interface Call {
  readonly url: string;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

interface FakeAnswer {
  readonly status: number;
  readonly body?: string;
  readonly headers?: Record<string, string>;
}

/** A fetch that records each call and answers with the next canned response. */
function fakeFetch(answers: FakeAnswer[], calls: Call[] = []): typeof fetch {
  return async (input, init) => {
    calls.push({
      url: String(input),
      method: init?.method ?? "GET",
      headers: (init?.headers ?? {}) as Record<string, string>,
      body: typeof init?.body === "string" ? (JSON.parse(init.body) as unknown) : undefined,
    });
    const answer = answers.shift() ?? { status: 500 };
    return new Response(answer.body ?? null, {
      status: answer.status,
      headers: answer.headers ?? (answer.body ? { "Content-Type": "application/json" } : {}),
    });
  };
}

const json = (value: unknown): string => JSON.stringify(value);
const errorBody = (code: string, message: string, details?: unknown[]): string => json({ error: { code, message, ...(details ? { details } : {}) } });

function client(answers: FakeAnswer[], calls: Call[] = []) {
  return createApiClient({ baseUrl: "https://hub.example", getToken: async () => "tok", fetch: fakeFetch(answers, calls) });
}

const VOCABULARY = { entries: [{ terms: ["annual leave", "holiday"] }], isDefault: false, updatedAt: "2026-11-26T10:00:00.000Z", updatedBy: "Olivia Grant" };
const BEST_BET = {
  id: "bb1",
  pageId: "hr/annual-leave.md",
  pageTitle: "Annual leave",
  triggers: ["holiday form"],
  match: "phrase",
  createdBy: "olivia.grant@example-council.gov.uk",
  updatedAt: "2026-11-26T10:00:00.000Z",
};

describe("vocabulary", () => {
  it("gets, saves (PUT with the entries) and resets (POST) with the bearer token", async () => {
    const calls: Call[] = [];
    const api = client([{ status: 200, body: json(VOCABULARY) }, { status: 200, body: json(VOCABULARY) }, { status: 200, body: json({ ...VOCABULARY, isDefault: true }) }], calls);
    await expect(api.guidance.vocabulary.get()).resolves.toEqual(VOCABULARY);
    await api.guidance.vocabulary.save({ entries: [{ terms: ["annual leave", "holiday"], broader: ["leave"] }], version: "3" });
    await expect(api.guidance.vocabulary.reset("4")).resolves.toMatchObject({ isDefault: true });
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      "GET https://hub.example/api/guidance/vocabulary",
      "PUT https://hub.example/api/guidance/vocabulary",
      "POST https://hub.example/api/guidance/vocabulary/reset",
    ]);
    expect(calls[1]?.body).toEqual({ entries: [{ terms: ["annual leave", "holiday"], broader: ["leave"] }], version: "3" });
    expect(calls[2]?.body).toEqual({ version: "4" });
    expect(calls.every((c) => c.headers.Authorization === "Bearer tok")).toBe(true);
  });

  it("rejects an invalid save with the host's message and field details (400)", async () => {
    const details = [{ path: "entries.0.terms.1", message: "Too big: expected string to have <=100 characters" }];
    const api = client([{ status: 400, body: errorBody("bad_request", "The vocabulary is not valid.", details) }]);
    const error = await api.guidance.vocabulary.save({ entries: [{ terms: ["a", "b".repeat(101)] }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: "bad_request", message: "The vocabulary is not valid.", details });
  });

  it("reports someone else's newer save as a conflict (409)", async () => {
    const api = client([{ status: 409, body: errorBody("conflict", "Someone else saved the vocabulary first.") }]);
    await expect(api.guidance.vocabulary.save({ entries: [], version: "1" })).rejects.toMatchObject({ status: 409, code: "conflict" });
  });

  it("maps 403 for staff who may not curate search to a forbidden ApiError, without signing them out", async () => {
    const onUnauthorized = jest.fn();
    const api = createApiClient({ getToken: async () => "tok", onUnauthorized, fetch: fakeFetch([{ status: 403, body: errorBody("forbidden", "Only the communications team can do that.") }]) });
    await expect(api.guidance.vocabulary.get()).rejects.toMatchObject({ status: 403, code: "forbidden", message: "Only the communications team can do that." });
    expect(onUnauthorized).not.toHaveBeenCalled();
  });
});

describe("best bets", () => {
  it("lists, creates (201), updates and deletes (204) with ids as one path segment", async () => {
    const calls: Call[] = [];
    const input = { pageId: "hr/annual-leave.md", triggers: ["holiday form"], match: "phrase" as const, note: "Until the new form", expiresAt: "2027-01-31T23:59:59.000Z" };
    const api = client(
      [
        { status: 200, body: json({ bestBets: [BEST_BET] }) },
        { status: 201, body: json(BEST_BET) },
        { status: 200, body: json(BEST_BET) },
        { status: 204 },
      ],
      calls,
    );
    await expect(api.guidance.bestBets.list()).resolves.toEqual({ bestBets: [BEST_BET] });
    await expect(api.guidance.bestBets.create(input)).resolves.toEqual(BEST_BET);
    await api.guidance.bestBets.update("a/b", input);
    await expect(api.guidance.bestBets.remove("bb1")).resolves.toBeUndefined();
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      "GET https://hub.example/api/guidance/best-bets",
      "POST https://hub.example/api/guidance/best-bets",
      "PUT https://hub.example/api/guidance/best-bets/a%2Fb",
      "DELETE https://hub.example/api/guidance/best-bets/bb1",
    ]);
    expect(calls[1]?.body).toEqual(input);
  });

  it("says when the page or the best bet is unknown (404)", async () => {
    const api = client([{ status: 404, body: errorBody("not_found", "That guidance page was not found.") }, { status: 404 }]);
    await expect(api.guidance.bestBets.create({ pageId: "nope.md", triggers: ["x"] })).rejects.toMatchObject({ status: 404, message: "That guidance page was not found." });
    await expect(api.guidance.bestBets.remove("gone")).rejects.toMatchObject({ status: 404, code: "not_found", message: "That was not found." });
  });
});

describe("content-gap report", () => {
  const REPORT = { from: "2026-10-30", to: "2026-11-26", totals: { searches: 3, noAnswer: 1, notHelpful: 0, helpful: 1 }, weeks: [], gaps: [] };

  it("asks for the host's default range, or the range given", async () => {
    const calls: Call[] = [];
    const api = client([{ status: 200, body: json(REPORT) }, { status: 200, body: json(REPORT) }], calls);
    await expect(api.guidance.report.get()).resolves.toEqual(REPORT);
    await api.guidance.report.get({ from: "2026-11-01", to: "2026-11-26" });
    expect(calls.map((c) => c.url)).toEqual(["https://hub.example/api/guidance/report", "https://hub.example/api/guidance/report?from=2026-11-01&to=2026-11-26"]);
  });

  it("downloads the CSV as a blob with the file name from content-disposition", async () => {
    const calls: Call[] = [];
    const csv = "query,searches,no_answer,not_helpful,helpful,last_asked,channels\r\nparking permit,2,2,0,0,2026-11-26,tab\r\n";
    const api = client(
      [{ status: 200, body: csv, headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="council-hub-search-gaps-2026-11-01-to-2026-11-26.csv"' } }],
      calls,
    );
    const file = await api.guidance.report.downloadCsv({ from: "2026-11-01", to: "2026-11-26" });
    expect(file.filename).toBe("council-hub-search-gaps-2026-11-01-to-2026-11-26.csv");
    expect(await file.blob.text()).toBe(csv);
    expect(calls[0]).toMatchObject({ url: "https://hub.example/api/guidance/report.csv?from=2026-11-01&to=2026-11-26", method: "GET" });
    expect(calls[0]?.headers).toMatchObject({ Authorization: "Bearer tok", Accept: "text/csv" });
  });

  it("falls back to a fixed file name, and turns a failed download into an ApiError", async () => {
    const api = client([{ status: 200, body: "a,b\r\n", headers: { "Content-Type": "text/csv" } }, { status: 400, body: errorBody("bad_request", "from must be before to") }]);
    await expect(api.guidance.report.downloadCsv()).resolves.toMatchObject({ filename: REPORT_CSV_FALLBACK_NAME });
    await expect(api.guidance.report.downloadCsv({ from: "2026-12-01", to: "2026-11-01" })).rejects.toMatchObject({ status: 400, message: "from must be before to" });
  });
});

describe("filenameFromDisposition", () => {
  it("reads quoted, bare and RFC 6266 extended names, keeping only the last path segment", () => {
    expect(filenameFromDisposition('attachment; filename="gaps.csv"')).toBe("gaps.csv");
    expect(filenameFromDisposition("attachment; filename=gaps.csv")).toBe("gaps.csv");
    expect(filenameFromDisposition("attachment; filename*=UTF-8''search%20gaps.csv; filename=\"x.csv\"")).toBe("search gaps.csv");
    expect(filenameFromDisposition('attachment; filename="../../etc/passwd"')).toBe("passwd");
    expect(filenameFromDisposition("attachment")).toBeUndefined();
    expect(filenameFromDisposition(null)).toBeUndefined();
  });
});
