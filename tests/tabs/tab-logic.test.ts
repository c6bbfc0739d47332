import { parseSnippet } from "../../tabs/guidance/parse-snippet";
import { stripTitleHeading } from "../../tabs/guidance/strip-title-heading";
import { createApiClient } from "../../tabs/shared/api-client";
import { ApiError } from "../../tabs/shared/api-error";

/**
 * The tabs' pure logic, without a browser: snippet highlighting and the API client's error and 401 handling.
 * Runs in `npm test` (node); the browser tests drive the same code in chromium.
 */

describe("parseSnippet", () => {
  it("splits **marked** terms into highlighted runs", () => {
    expect(parseSnippet("…the **annual** **leave** year…")).toEqual([
      { text: "…the ", highlighted: false },
      { text: "annual", highlighted: true },
      { text: " ", highlighted: false },
      { text: "leave", highlighted: true },
      { text: " year…", highlighted: false },
    ]);
  });

  it("shows an unpaired marker as text instead of highlighting the rest", () => {
    expect(parseSnippet("a **b** c **d")).toEqual([
      { text: "a ", highlighted: false },
      { text: "b", highlighted: true },
      { text: " c **d", highlighted: false },
    ]);
  });

  it("keeps markup as plain text (React renders it, never as HTML)", () => {
    expect(parseSnippet("<script>**x**")).toEqual([
      { text: "<script>", highlighted: false },
      { text: "x", highlighted: true },
    ]);
  });
});

describe("stripTitleHeading", () => {
  it("drops only a leading h1", () => {
    expect(stripTitleHeading("<h1>Annual leave</h1>\n<p>Text</p><h1>Other</h1>")).toBe("<p>Text</p><h1>Other</h1>");
    expect(stripTitleHeading("<p>Intro</p><h1>Later</h1>")).toBe("<p>Intro</p><h1>Later</h1>");
  });
});

describe("createApiClient", () => {
  type Call = { url: string; init: RequestInit | undefined };

  function fakeFetch(status: number, body: string | undefined, calls: Call[] = []): typeof fetch {
    return async (input, init) => {
      calls.push({ url: String(input), init });
      return new Response(body ?? null, { status, headers: body ? { "Content-Type": "application/json" } : {} });
    };
  }

  it("sends the bearer token and encodes page ids as one path segment", async () => {
    const calls: Call[] = [];
    const api = createApiClient({ baseUrl: "https://hub.example", getToken: async () => "tok", fetch: fakeFetch(200, '{"id":"hr/a.md"}', calls) });
    await api.guidance.getPage("hr/a.md");
    expect(calls[0]?.url).toBe("https://hub.example/api/guidance/pages/hr%2Fa.md");
    expect((calls[0]?.init?.headers as Record<string, string>).Authorization).toBe("Bearer tok");
  });

  it("does not ask for a token for the dev sign-in endpoints", async () => {
    const getToken = jest.fn(async () => "tok");
    const api = createApiClient({ getToken, fetch: fakeFetch(200, "[]") });
    await api.dev.listUsers();
    expect(getToken).not.toHaveBeenCalled();
  });

  it("turns an error body into a typed ApiError", async () => {
    const body = JSON.stringify({ error: { code: "bad_request", message: "Type a question.", details: [{ path: "q", message: "Required" }] } });
    const api = createApiClient({ getToken: async () => "tok", fetch: fakeFetch(400, body) });
    const error = await api.guidance.search("x").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: "bad_request", message: "Type a question.", details: [{ path: "q", message: "Required" }] });
  });

  it("reports 401 to onUnauthorized so the shell can sign the user out", async () => {
    const onUnauthorized = jest.fn();
    const api = createApiClient({ getToken: async () => "old", onUnauthorized, fetch: fakeFetch(401, undefined) });
    await expect(api.me()).rejects.toMatchObject({ status: 401, code: "unauthorized" });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it("resolves 204 feedback with nothing, and maps a network failure to a readable error", async () => {
    const ok = createApiClient({ getToken: async () => "tok", fetch: fakeFetch(204, undefined) });
    await expect(ok.guidance.sendFeedback({ query: "q", helpful: true })).resolves.toBeUndefined();
    const down = createApiClient({ getToken: async () => "tok", fetch: async () => Promise.reject(new TypeError("fetch failed")) });
    await expect(down.me()).rejects.toMatchObject({ status: 0, code: "network" });
  });
});
