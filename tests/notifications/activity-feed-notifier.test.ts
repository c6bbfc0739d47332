import type { Client } from "@microsoft/microsoft-graph-client";
import { createGraphClient, StaticTokenProvider, ActivityFeedNotifier, MAX_ACTIVITY_NOTIFICATION_RECIPIENTS } from "../../graph";
import type { AnyBroadcast, AnyNotification } from "../../core";
import { GraphFake } from "../fakes";
import { personId } from "./support/proactive-harness";

/**
 * ActivityFeedNotifier through the production Graph client (SDK middleware: auth, RetryHandler, TLS) against the
 * HTTPS Graph fake, asserting the exact request bodies Graph documents for sendActivityNotification and
 * sendActivityNotificationToRecipients.
 */

const TOKEN = "app-only-graph-token";
const TEAMS_APP_ID = "5f3e2d1c-0b9a-4876-9543-210fedcba987";
const SINGLE = /^\/users\/([^/]+)\/teamwork\/sendActivityNotification$/;
const BULK = "/teamwork/sendActivityNotificationToRecipients";

const decision: AnyNotification = {
  recipient: personId(1),
  activityType: "proposalNeedsDecision",
  previewText: "Decision due by Friday 14 March",
  target: { tab: "governance", entityId: "proposal-118" },
  templateParameters: { proposalTitle: "Parking permits 2025" },
};

function news(recipients: readonly string[]): AnyBroadcast {
  return {
    recipients,
    activityType: "newsPublished",
    previewText: "Bin collections change from June",
    target: { tab: "newsroom", entityId: "news-2025-05-bins" },
    templateParameters: { headline: "Bin collection changes" },
  };
}

/** The Teams deep link Graph must carry as the topic's webUrl. */
function deepLink(tab: string, entityId: string): string {
  return `https://teams.microsoft.com/l/entity/${TEAMS_APP_ID}/${tab}?context=${encodeURIComponent(JSON.stringify({ subEntityId: entityId }))}`;
}

let fake: GraphFake;
let client: Client;

beforeEach(async () => {
  fake = await GraphFake.start();
  fake.on("POST", SINGLE, () => ({ status: 204 }));
  fake.on("POST", BULK, () => ({ status: 202 }));
  client = createGraphClient({ tokenProvider: new StaticTokenProvider(TOKEN), baseUrl: fake.baseUrl, fetch: fake.fetch, retryDelaySeconds: 0 });
});
afterEach(async () => {
  await fake.close();
});

const feed = (options: Partial<ConstructorParameters<typeof ActivityFeedNotifier>[0]> = {}): ActivityFeedNotifier =>
  new ActivityFeedNotifier({ client, teamsAppId: TEAMS_APP_ID, ...options });
const bodyOf = (i: number): unknown => JSON.parse(fake.requests[i].body);

describe("one person: POST /users/{id}/teamwork/sendActivityNotification", () => {
  it("sends exactly the documented body, app-only, with a text topic deep-linking to the item", async () => {
    const outcome = await feed().notify(decision);

    expect(outcome).toEqual({ recipient: personId(1), status: "delivered", channel: "activityFeed" });
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({ method: "POST", url: `/v1.0/users/${personId(1)}/teamwork/sendActivityNotification` });
    expect(fake.requests[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(fake.requests[0].headers["content-type"]).toMatch(/^application\/json/);
    expect(bodyOf(0)).toEqual({
      topic: { source: "text", value: "Decision needed", webUrl: deepLink("governance", "proposal-118") },
      activityType: "proposalNeedsDecision",
      previewText: { content: "Decision due by Friday 14 March" },
      templateParameters: [{ name: "proposalTitle", value: "Parking permits 2025" }],
    });
  });

  it("accepts a UPN, URL-encoded in the path", async () => {
    await feed().notify({ ...decision, recipient: "jo.bloggs@example-council.gov.uk" });
    expect(fake.requests[0].url).toBe("/v1.0/users/jo.bloggs%40example-council.gov.uk/teamwork/sendActivityNotification");
  });

  it("uses an entityUrl topic naming the app in the catalog when configured", async () => {
    await feed({ topic: { source: "entityUrl", catalogAppId: "catalog-app-42" } }).notify(decision);
    expect((bodyOf(0) as { topic: unknown }).topic).toEqual({ source: "entityUrl", value: "https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/catalog-app-42" });
  });

  it("never sends a caller's preview for adjustment cases: the fixed, generic one goes instead", async () => {
    await feed().notify({
      recipient: personId(2),
      activityType: "adjustmentCaseUpdated",
      previewText: "Occupational health report about your back condition received",
      target: { tab: "adjustments", entityId: "case-1042" },
      templateParameters: { caseReference: "ADJ-1042" },
    });
    const body = bodyOf(0) as { previewText: { content: string }; topic: { value: string } };
    expect(body.previewText.content).toBe("There is an update for you. Open Council Hub to read it.");
    expect(fake.requests[0].body).not.toMatch(/health|back|condition/i);
    expect(body.topic.value).toBe("Case update");
  });

  it("retries 429 in the SDK's RetryHandler, honouring Retry-After, then delivers", async () => {
    fake.injectFaults({ status: 429, retryAfterSeconds: 0.3, count: 2, match: { path: SINGLE } });

    const started = Date.now();
    const outcome = await feed().notify(decision);

    expect(outcome.status).toBe("delivered");
    const attempts = fake.requestsTo("POST", SINGLE);
    expect(attempts).toHaveLength(3);
    expect(attempts.map((a) => a.headers["retry-attempt"])).toEqual([undefined, "1", "2"]);
    expect(attempts[1].receivedAt - attempts[0].receivedAt).toBeGreaterThanOrEqual(280);
    expect(Date.now() - started).toBeGreaterThanOrEqual(580);
    // The same body every time: nothing lost or changed on retry.
    expect(new Set(attempts.map((a) => a.body)).size).toBe(1);
  });

  it("reports throttling that outlasts the SDK's retries as failed: throttled", async () => {
    fake.injectFaults({ status: 429, retryAfterSeconds: 0, count: 10 });
    const outcome = await feed().notify(decision);
    expect(outcome).toEqual({ recipient: personId(1), status: "failed", channel: "activityFeed", reason: "throttled", detail: "HTTP 429 TooManyRequests" });
    expect(fake.requests).toHaveLength(4); // 1 + the client's 3 retries
  });

  it.each([
    { status: 403, code: "Forbidden", reason: "recipientUnreachable" },
    { status: 404, code: "NotFound", reason: "recipientUnreachable" },
    { status: 400, code: "BadRequest", reason: "rejected" },
  ])("reports a $status as failed: $reason, without retrying", async ({ status, code, reason }) => {
    fake.on("POST", SINGLE, () => ({ status, body: { error: { code, message: "no app installation found for user 6f1c…" } } }));
    const outcome = await feed().notify(decision);
    expect(outcome).toEqual({ recipient: personId(1), status: "failed", channel: "activityFeed", reason, detail: `HTTP ${status} ${code}` });
    expect(fake.requests).toHaveLength(1);
  });

  it("refuses an invalid notification before calling Graph", async () => {
    const tooLong = { ...decision, previewText: "x".repeat(151) };
    await expect(feed().notify(tooLong)).rejects.toMatchObject({ status: 400, details: [{ path: "previewText", message: "At most 150 characters" }] });
    const missing = { ...decision, templateParameters: {} } as unknown as AnyNotification;
    await expect(feed().notify(missing)).rejects.toMatchObject({ status: 400, details: [{ path: "templateParameters.proposalTitle", message: "Required" }] });
    expect(fake.requests).toHaveLength(0);
  });
});

describe("many people: POST /teamwork/sendActivityNotificationToRecipients", () => {
  it(`batches recipients at Graph's limit of ${MAX_ACTIVITY_NOTIFICATION_RECIPIENTS} per request, with the documented body`, async () => {
    const ids = Array.from({ length: 250 }, (_, i) => personId(i));
    const outcomes = await feed().broadcast(news(ids));

    expect(outcomes).toHaveLength(250);
    expect(outcomes.every((o, i) => o.recipient === ids[i] && o.status === "delivered" && o.channel === "activityFeed")).toBe(true);
    const calls = fake.requestsTo("POST", BULK);
    expect(calls).toHaveLength(3);
    const bodies = calls.map((c) => JSON.parse(c.body) as { recipients: Array<{ userId: string }> });
    expect(bodies.map((b) => b.recipients.length)).toEqual([100, 100, 50]);
    expect(bodies.flatMap((b) => b.recipients.map((r) => r.userId))).toEqual(ids);
    expect(bodies[0]).toEqual({
      topic: { source: "text", value: "Council news", webUrl: deepLink("newsroom", "news-2025-05-bins") },
      activityType: "newsPublished",
      previewText: { content: "Bin collections change from June" },
      templateParameters: [{ name: "headline", value: "Bin collection changes" }],
      recipients: ids.slice(0, 100).map((userId) => ({ "@odata.type": "microsoft.graph.aadUserNotificationRecipient", userId })),
    });
    expect(calls.every((c) => c.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
  });

  it("sends exactly 100 in one request and 101 in two", async () => {
    await feed().broadcast(news(Array.from({ length: 100 }, (_, i) => personId(i))));
    expect(fake.requestsTo("POST", BULK)).toHaveLength(1);
    fake.reset();
    await feed().broadcast(news(Array.from({ length: 101 }, (_, i) => personId(i))));
    expect(fake.requestsTo("POST", BULK).map((c) => (JSON.parse(c.body) as { recipients: unknown[] }).recipients.length)).toEqual([100, 1]);
  });

  it("notifies each person once, and sends UPNs (which the bulk call cannot take) one by one", async () => {
    const outcomes = await feed().broadcast(news([personId(1), personId(1).toUpperCase(), "jo.bloggs@example-council.gov.uk", "JO.BLOGGS@example-council.gov.uk", personId(2)]));

    expect(outcomes.map((o) => o.recipient)).toEqual([personId(1), "jo.bloggs@example-council.gov.uk", personId(2)]);
    expect((JSON.parse(fake.requestsTo("POST", BULK)[0].body) as { recipients: unknown[] }).recipients).toHaveLength(2);
    expect(fake.requestsTo("POST", SINGLE).map((r) => r.url)).toEqual(["/v1.0/users/jo.bloggs%40example-council.gov.uk/teamwork/sendActivityNotification"]);
  });

  it("retries a throttled batch in the SDK and loses no recipient", async () => {
    fake.injectFaults({ status: 429, retryAfterSeconds: 0.1, count: 1, match: { path: BULK } });
    const outcomes = await feed().broadcast(news(Array.from({ length: 150 }, (_, i) => personId(i))));

    expect(outcomes.every((o) => o.status === "delivered")).toBe(true);
    const calls = fake.requestsTo("POST", BULK);
    expect(calls.map((c) => c.headers["retry-attempt"])).toEqual([undefined, "1", undefined]);
    expect(calls[0].body).toBe(calls[1].body);
  });

  it("fails only the recipients of a batch Graph refused, as rejected (a bulk 403 is about the app, not a person)", async () => {
    let call = 0;
    fake.on("POST", BULK, () => (++call === 2 ? { status: 403, body: { error: { code: "Forbidden", message: "Missing role TeamsActivity.Send" } } } : { status: 202 }));
    const outcomes = await feed().broadcast(news(Array.from({ length: 201 }, (_, i) => personId(i))));

    expect(outcomes.slice(0, 100).every((o) => o.status === "delivered")).toBe(true);
    expect(outcomes.slice(100, 200).every((o) => o.status === "failed" && o.reason === "rejected" && o.detail === "HTTP 403 Forbidden")).toBe(true);
    expect(outcomes[200].status).toBe("delivered");
  });
});
