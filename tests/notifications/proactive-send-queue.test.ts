import type { Activity } from "botbuilder";
import type { ConnectorPost } from "../fakes";
import { CONNECTOR_TOKEN, startProactiveHarness, TENANT_ID, type ProactiveHarness } from "./support/proactive-harness";

/**
 * ProactiveSendQueue + BotConnectorSender + a real CloudAdapter (createBotAdapter with an injected connector token)
 * against a fake Bot Connector. Time is virtual: the queue's clock and sleep, and the fake's `receivedAt`, share one
 * VirtualClock, so minutes of pacing run in milliseconds and every timestamp below is exact.
 */

const text = (n: number | string): Partial<Activity> => ({ type: "message", text: `message ${n}` });
const textOf = (post: ConnectorPost): string => String(post.body.text);

/** The most posts in any window of `windowMs` ending at a post (a send at t counts in (t − windowMs, t]). */
function busiestWindow(posts: readonly ConnectorPost[], windowMs: number): number {
  return Math.max(0, ...posts.map((p) => posts.filter((q) => q.receivedAt > p.receivedAt - windowMs && q.receivedAt <= p.receivedAt).length));
}

let h: ProactiveHarness;
let realStart: number;

beforeEach(async () => {
  h = await startProactiveHarness();
  realStart = Date.now();
});
afterEach(async () => {
  await h.close();
});

describe("delivery through the Bot Connector", () => {
  it("posts to /v3/conversations/{id}/activities with the bot's bearer token and the stored ids", async () => {
    const target = h.target(1);
    const outcome = await h.queue.send({ id: "m1", target, activity: text(1) });

    expect(outcome).toEqual({ status: "sent", attempts: 1, activityId: "activity-1" });
    expect(h.connector.posts).toHaveLength(1);
    const [post] = h.connector.posts;
    expect(post.path).toBe(`/v3/conversations/${encodeURIComponent("a:personal-chat-1")}/activities`);
    expect(post.authorization).toBe(`Bearer ${CONNECTOR_TOKEN}`);
    expect(post.body).toMatchObject({
      type: "message",
      text: "message 1",
      conversation: { id: "a:personal-chat-1", tenantId: TENANT_ID, conversationType: "personal" },
      recipient: { id: "29:teams-user-1", aadObjectId: target.aadObjectId },
      from: { id: target.botId },
    });
    // A new message, not a reply to botbuilder's made-up continuation id.
    expect(post.body.replyToId).toBeUndefined();
  });

  it("answers a re-queued pending id with the same outcome instead of sending twice", async () => {
    const target = h.target(1);
    const [a, b] = await Promise.all([h.queue.send({ id: "same", target, activity: text(1) }), h.queue.send({ id: "same", target, activity: text(1) })]);

    expect(a).toEqual(b);
    expect(h.connector.posts).toHaveLength(1);
    expect(h.queue.pendingCount).toBe(0);
  });
});

describe("pacing within Teams' per-thread limits", () => {
  it("spreads 100 messages to one conversation at 7/s, 8/2 s and 60/30 s, in order, each exactly once", async () => {
    const target = h.target(1);
    const outcomes = await Promise.all(Array.from({ length: 100 }, (_, i) => h.queue.send({ id: `m${i}`, target, activity: text(i) })));

    expect(outcomes.every((o) => o.status === "sent" && o.attempts === 1)).toBe(true);
    const posts = h.connector.posts;
    expect(posts.map(textOf)).toEqual(Array.from({ length: 100 }, (_, i) => `message ${i}`));
    expect(busiestWindow(posts, 1000)).toBe(7);
    expect(busiestWindow(posts, 2000)).toBe(8);
    expect(busiestWindow(posts, 30_000)).toBe(60);

    const at = posts.map((p) => h.clock.elapsed(p.receivedAt));
    // A burst of 7, then the 2-second window allows one more a second later: 8 per 2 seconds.
    expect(at.slice(0, 8)).toEqual([0, 0, 0, 0, 0, 0, 0, 1000]);
    expect(at.slice(8, 16)).toEqual([2000, 2000, 2000, 2000, 2000, 2000, 2000, 3000]);
    // The 60th goes at 14 s; the 61st must wait until the first burst leaves the 30-second window.
    expect(at[59]).toBe(14_000);
    expect(at[60]).toBe(30_000);
    expect(at[99]).toBe(39_000);
    // 39 virtual seconds, no real waiting.
    expect(Date.now() - realStart).toBeLessThan(5000);
  });

  it("keeps all conversations of a tenant within 30 sends a second, sharing slots round-robin", async () => {
    const outcomes = await Promise.all(Array.from({ length: 90 }, (_, i) => h.queue.send({ id: `p${i}`, target: h.target(i), activity: text(i) })));

    expect(outcomes.every((o) => o.status === "sent")).toBe(true);
    const posts = h.connector.posts;
    expect(new Set(posts.map((p) => p.conversationId)).size).toBe(90);
    expect(busiestWindow(posts, 1000)).toBeLessThanOrEqual(30);
    expect(h.clock.elapsed(Math.max(...posts.map((p) => p.receivedAt)))).toBe(2000);
  });

  it("paces tenants separately", async () => {
    const other = "0f0f0f0f-1111-4222-8333-444455556666";
    await Promise.all(
      Array.from({ length: 60 }, (_, i) => h.queue.send({ id: `t${i}`, target: h.target(i, i % 2 ? { tenantId: other } : {}), activity: text(i) })),
    );
    // 30 per tenant: both tenants' messages fit in the first instant...
    expect(h.connector.posts.map((p) => h.clock.elapsed(p.receivedAt))).toEqual(Array(60).fill(0));
    // ...where 60 for one tenant take two seconds' worth of slots.
    h.connector.reset();
    await Promise.all(Array.from({ length: 60 }, (_, i) => h.queue.send({ id: `u${i}`, target: h.target(100 + i), activity: text(i) })));
    const start = Math.min(...h.connector.posts.map((p) => p.receivedAt));
    expect(h.connector.posts.map((p) => p.receivedAt - start).sort((a, b) => a - b)).toEqual([...Array(30).fill(0), ...Array(30).fill(1000)]);
  });
});

describe("retries", () => {
  it.each([
    { status: 429 as const, retryAfterSeconds: 3, gaps: [3000, 3000] },
    { status: 412 as const, retryAfterSeconds: undefined, gaps: [2000, 4000] },
    { status: 502 as const, retryAfterSeconds: undefined, gaps: [2000, 4000] },
    { status: 504 as const, retryAfterSeconds: undefined, gaps: [2000, 4000] },
  ])("retries $status (Retry-After $retryAfterSeconds) and delivers every message exactly once, in order", async ({ status, retryAfterSeconds, gaps }) => {
    const target = h.target(7);
    h.connector.injectFaults({ status, count: 2, retryAfterSeconds });

    const outcomes = await Promise.all([1, 2, 3].map((n) => h.queue.send({ id: `r${n}`, target, activity: text(n) })));

    expect(outcomes.map((o) => o.status)).toEqual(["sent", "sent", "sent"]);
    expect(outcomes[0].attempts).toBe(3);
    const posts = h.connector.posts;
    expect(posts.map((p) => p.status)).toEqual([status, status, 201, 201, 201]);
    expect(h.connector.delivered.map(textOf)).toEqual(["message 1", "message 2", "message 3"]);
    // Waits come from the queue on the virtual clock: Retry-After as sent, else 2 s then 4 s (jitter pinned).
    const at = posts.map((p) => h.clock.elapsed(p.receivedAt));
    expect([at[1] - at[0], at[2] - at[1]]).toEqual(gaps);
    // The messages behind the retried one waited for it (a 429 holds the whole conversation).
    expect(at[3]).toBeGreaterThanOrEqual(at[2]);
    expect(posts.every((p) => p.authorization === `Bearer ${CONNECTOR_TOKEN}`)).toBe(true);
    // botbuilder's own connector retries are off: no hidden extra POSTs and no real sleeping.
    expect(Date.now() - realStart).toBeLessThan(1500);
  });

  it("gives up after 4 attempts with backoff 2 s, 4 s, 8 s, then carries on with the next message", async () => {
    const target = h.target(3);
    h.connector.injectFaults({ status: 502, count: 4 });

    const [first, second] = await Promise.all([h.queue.send({ id: "a", target, activity: text("a") }), h.queue.send({ id: "b", target, activity: text("b") })]);

    expect(first).toEqual({ status: "failed", attempts: 4, reason: "unavailable", stale: false, httpStatus: 502, code: "BadGateway" });
    expect(second).toMatchObject({ status: "sent", attempts: 1 });
    const at = h.connector.posts.map((p) => h.clock.elapsed(p.receivedAt));
    expect(at).toEqual([0, 2000, 6000, 14_000, 14_000]);
    expect(h.connector.delivered.map(textOf)).toEqual(["message b"]);
  });

  it("reports a conversation still throttled after 4 attempts as throttled", async () => {
    h.connector.injectFaults({ status: 429, count: 4, retryAfterSeconds: 1 });
    const outcome = await h.queue.send({ id: "x", target: h.target(1), activity: text(1) });
    expect(outcome).toMatchObject({ status: "failed", attempts: 4, reason: "throttled", stale: false });
  });

  it("fails at once, without waiting, when Retry-After asks for longer than the queue holds a message", async () => {
    h.connector.injectFaults({ status: 429, count: 1, retryAfterSeconds: 600 });
    const outcome = await h.queue.send({ id: "x", target: h.target(1), activity: text(1) });
    expect(outcome).toMatchObject({ status: "failed", attempts: 1, reason: "throttled" });
    expect(h.clock.sleeps).toEqual([]);
  });

  it("does not retry a 500 (the message may have been stored)", async () => {
    h.connector.injectFaults({ status: 500, count: 1 });
    const outcome = await h.queue.send({ id: "x", target: h.target(1), activity: text(1) });
    expect(outcome).toMatchObject({ status: "failed", attempts: 1, reason: "unavailable" });
    expect(h.connector.posts).toHaveLength(1);
  });

  it("retries when the connector cannot be reached at all, then reports it unavailable", async () => {
    const closedPort = await h.connector.close().then(() => h.connector.serviceUrl);
    const outcome = await h.queue.send({ id: "x", target: h.target(1, { serviceUrl: closedPort }), activity: text(1) });
    expect(outcome).toMatchObject({ status: "failed", attempts: 4, reason: "unavailable", stale: false });
    expect(outcome).not.toHaveProperty("httpStatus");
    expect(h.clock.sleeps).toEqual([2000, 4000, 8000]);
  });
});

describe("a conversation the bot can no longer reach", () => {
  it.each([403 as const, 404 as const])("fails on %i at once, marked stale, and other conversations carry on", async (status) => {
    h.connector.injectFaults({ status, count: 1, conversationId: "a:personal-chat-1" });

    const [gone, fine] = await Promise.all([h.queue.send({ id: "gone", target: h.target(1), activity: text(1) }), h.queue.send({ id: "fine", target: h.target(2), activity: text(2) })]);

    expect(gone).toMatchObject({ status: "failed", attempts: 1, reason: "recipientUnreachable", stale: true, httpStatus: status });
    expect(fine).toMatchObject({ status: "sent" });
    expect(h.connector.posts.filter((p) => p.conversationId === "a:personal-chat-1")).toHaveLength(1);
  });
});
