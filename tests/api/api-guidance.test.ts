import { startTestHub, type TestHub } from "../support/test-hub";

interface SearchBody {
  query: string;
  results: Array<{ id: string; title: string; snippet: string; score: number }>;
  tookMs: number;
}

describe("Guidance API", () => {
  let hub: TestHub;
  let auth: Record<string, string>;

  beforeAll(async () => {
    hub = await startTestHub();
    const users = (await (await fetch(`${hub.baseUrl}/api/dev/users`)).json()) as Array<{ upn: string }>;
    auth = { authorization: `Bearer ${await hub.tokenFor(users[0]!.upn)}` };
  });
  afterAll(() => hub.stop());

  const get = (path: string) => fetch(`${hub.baseUrl}${path}`, { headers: auth });
  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${hub.baseUrl}${path}`, { method: "POST", headers: { ...auth, "content-type": "application/json", ...headers }, body });

  it("searches the seeded sample intranet", async () => {
    const res = await get("/api/guidance/search?q=annual%20leave&top=3");
    expect(res.status).toBe(200);
    const body = (await res.json()) as SearchBody;
    expect(body.query).toBe("annual leave");
    expect(body.results.length).toBeGreaterThan(0);
    expect(body.results.length).toBeLessThanOrEqual(3);
    expect(body.results[0]!.title.toLowerCase()).toContain("leave");
    expect(body.results[0]!.snippet).toMatch(/\*\*[^*]+\*\*/);
    expect(typeof body.tookMs).toBe("number");
  });

  it("opens a page by its id, URL-encoded or as a path", async () => {
    const { results } = (await (await get("/api/guidance/search?q=expenses")).json()) as SearchBody;
    const id = results[0]!.id;
    expect(id).toContain("/");
    for (const path of [`/api/guidance/pages/${encodeURIComponent(id)}`, `/api/guidance/pages/${id}`]) {
      const res = await get(path);
      expect(res.status).toBe(200);
      const page = (await res.json()) as { id: string; title: string; html: string };
      expect(page.id).toBe(id);
      expect(page.html).toContain("<");
      expect(page.html).not.toMatch(/<script/i);
    }
  });

  it.each([
    ["no q", "/api/guidance/search", /q/],
    ["blank q", "/api/guidance/search?q=%20%20", /q/],
    ["top too big", "/api/guidance/search?q=leave&top=999", /top/],
    ["top not a number", "/api/guidance/search?q=leave&top=lots", /top/],
    ["punctuation only", "/api/guidance/search?q=%3F%3F%21", /words/],
    ["query too long", `/api/guidance/search?q=${"a".repeat(501)}`, /q|500/],
  ])("answers %s with 400 and a message", async (_label, path, message) => {
    const res = await get(path);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("bad_request");
    expect(body.error.message).toMatch(message);
  });

  it("answers an unknown page with 404", async () => {
    const res = await get("/api/guidance/pages/no%2Fsuch%2Fpage.md");
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/not found/);
  });

  it("records feedback without identity and validates it", async () => {
    const { results } = (await (await get("/api/guidance/search?q=expenses")).json()) as SearchBody;
    expect((await post("/api/guidance/feedback", JSON.stringify({ query: "expenses", pageId: results[0]!.id, helpful: true }))).status).toBe(204);
    const rows = hub.services.db.prepare("SELECT * FROM rec_search_feedback").all() as Array<Record<string, unknown>>;
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toMatch(/@/);
    expect((await post("/api/guidance/feedback", JSON.stringify({ query: "expenses", helpful: "yes" }))).status).toBe(400);
    expect((await post("/api/guidance/feedback", JSON.stringify({ query: "x", pageId: "nope.md", helpful: false }))).status).toBe(404);
  });

  it("answers malformed JSON with 400, an oversized body with 413, and keeps serving", async () => {
    const malformed = await post("/api/guidance/feedback", "{not json");
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { message: string } }).error.message).toMatch(/JSON/);
    const huge = await post("/api/guidance/feedback", JSON.stringify({ query: "x".repeat(300 * 1024), helpful: true }));
    expect(huge.status).toBe(413);
    expect((await get("/api/guidance/search?q=leave")).status).toBe(200);
  });

  it("answers unknown routes with a JSON 404 (and 401 before sign-in)", async () => {
    const res = await get("/api/nothing-here");
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("not_found");
    expect((await fetch(`${hub.baseUrl}/api/nothing-here`)).status).toBe(401);
    expect((await fetch(`${hub.baseUrl}/no-such-page`)).status).toBe(404);
  });

  it("never leaks a stack trace", async () => {
    const res = await post("/api/guidance/feedback", "[1,2,");
    const text = await res.text();
    expect(text).not.toMatch(/at .*\.(js|ts):\d+/);
    expect(text).not.toMatch(/node_modules/);
  });
});

describe("Host", () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(() => hub.stop());

  it("reports health, checking the store", async () => {
    const res = await fetch(`${hub.baseUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", checks: [{ name: "sqlite", ok: true }] });
  });

  it("reports 503 when the store is gone", async () => {
    const other = await startTestHub();
    other.services.db.close();
    const res = await fetch(`${other.baseUrl}/healthz`);
    expect(res.status).toBe(503);
    expect(JSON.stringify(await res.json())).not.toMatch(/database/i);
    await other.stop();
  });

  it("sends security headers that let only Teams and Microsoft 365 frame the tabs", async () => {
    const res = await fetch(`${hub.baseUrl}/healthz`);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("frame-ancestors 'self' https://teams.microsoft.com");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/frame-ancestors[^;]*\*(?!\.)/);
    expect(res.headers.get("x-frame-options")).toBeNull();
    expect(res.headers.get("x-powered-by")).toBeNull();
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("strict-transport-security")).toBeTruthy();
  });
});

describe("Bot endpoint on the real host", () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(() => hub.stop());

  const activity = (text: string) => ({
    type: "message",
    channelId: "msteams",
    serviceUrl: "http://127.0.0.1:9/",
    conversation: { id: "conv-1", conversationType: "personal" },
    from: { id: "29:user-1", name: "Alex Morgan", aadObjectId: "ec000000-0000-4000-8000-000000000001" },
    recipient: { id: "28:bot", name: "Council Hub" },
    text,
    deliveryMode: "expectReplies",
  });
  const send = (body: unknown) => fetch(`${hub.baseUrl}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

  it("answers a guidance question with an Adaptive Card", async () => {
    const res = await send(activity("how do I claim mileage"));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { activities: Array<{ attachments?: Array<{ contentType: string; content: { version: string; speak?: string } }> }> };
    const card = body.activities[0]!.attachments![0]!;
    expect(card.contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(card.content.version).toBe("1.5");
    expect(card.content.speak).toBeTruthy();
  });

  it("says honestly when nothing answers, offering the closest pages only as links", async () => {
    const res = await send(activity("what time does the staff canteen close on fridays"));
    const body = (await res.json()) as { activities: Array<{ attachments?: Array<{ content: { body: Array<{ type: string; text?: string; actions?: Array<{ type: string }> }>; speak: string } }> }> };
    const card = body.activities[0]!.attachments![0]!.content;
    expect(card.body[0]!.text).toBe("No guidance found");
    expect(card.speak).toMatch(/couldn't find any guidance/);
    expect(JSON.stringify(card)).not.toContain("Was this helpful?");
  });

  it.each([
    ["an empty object", {}],
    ["a missing conversation", { type: "message", serviceUrl: "http://127.0.0.1:9/", from: { id: "x" } }],
    ["a non-string type", { ...activity("hi"), type: 42 }],
    ["an array", [1, 2, 3]],
  ])("answers %s with 400 and keeps serving", async (_label, body) => {
    const res = await send(body);
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).toContain("bad_request");
    expect(text).not.toMatch(/at .*\.(js|ts):\d+/);
    expect((await send(activity("annual leave"))).status).toBe(200);
  });
});
