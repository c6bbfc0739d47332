import { ProactiveNotifier } from "../../bot";
import { CompositeNotifier, type AnyBroadcast, type AnyNotification, type Notifier } from "../../core";
import { ActivityFeedNotifier, createGraphClient, StaticTokenProvider } from "../../graph";
import { openDatabase, SqliteConversationReferenceStore, type SqliteDb } from "../../store";
import { GraphFake } from "../fakes";
import { personId, startProactiveHarness, type ProactiveHarness } from "./support/proactive-harness";

/** Feed first, bot second: the activity feed through the Graph fake, the fallback through the fake Bot Connector. */

const SINGLE = /^\/users\/([^/]+)\/teamwork\/sendActivityNotification$/;
const BULK = "/teamwork/sendActivityNotificationToRecipients";

const decision = (recipient: string): AnyNotification => ({
  recipient,
  activityType: "proposalNeedsDecision",
  previewText: "Decision due by Friday 14 March",
  target: { tab: "governance", entityId: "proposal-118" },
  templateParameters: { proposalTitle: "Parking permits 2025" },
});

let graph: GraphFake;
let h: ProactiveHarness;
let db: SqliteDb;
let composite: CompositeNotifier;
let fallbackErrors: unknown[];

beforeEach(async () => {
  graph = await GraphFake.start();
  graph.on("POST", SINGLE, () => ({ status: 204 }));
  graph.on("POST", BULK, () => ({ status: 202 }));
  h = await startProactiveHarness();
  db = openDatabase(":memory:");
  const references = new SqliteConversationReferenceStore(db, h.clock);
  for (let n = 0; n < 5; n++) await references.save(h.target(n));
  const client = createGraphClient({ tokenProvider: new StaticTokenProvider("t"), baseUrl: graph.baseUrl, fetch: graph.fetch, retryDelaySeconds: 0, maxRetries: 1 });
  fallbackErrors = [];
  composite = new CompositeNotifier({
    primary: new ActivityFeedNotifier({ client, teamsAppId: "app" }),
    fallback: new ProactiveNotifier({ references, queue: h.queue, teamsAppId: "app" }),
    onFallbackError: (error) => fallbackErrors.push(error),
  });
});
afterEach(async () => {
  db.close();
  await graph.close();
  await h.close();
});

it("uses only the feed when it works: nobody is told twice", async () => {
  expect(await composite.notify(decision(personId(1)))).toEqual({ recipient: personId(1), status: "delivered", channel: "activityFeed" });
  expect(h.connector.posts).toEqual([]);
});

it("falls back to a bot message when the feed fails for that person", async () => {
  graph.on("POST", SINGLE, () => ({ status: 404, body: { error: { code: "NotFound", message: "app not installed" } } }));
  expect(await composite.notify(decision(personId(1)))).toEqual({ recipient: personId(1), status: "delivered", channel: "botMessage" });
  expect(h.connector.delivered).toHaveLength(1);
});

it("reports the feed's failure when the bot cannot help either", async () => {
  graph.on("POST", SINGLE, () => ({ status: 403, body: { error: { code: "Forbidden", message: "x" } } }));
  expect(await composite.notify(decision(personId(42)))).toMatchObject({ status: "failed", channel: "activityFeed", reason: "recipientUnreachable", detail: "HTTP 403 Forbidden" });
});

it("in a broadcast, sends bot messages only to the batch the feed could not take", async () => {
  graph.injectFaults({ status: 503, retryAfterSeconds: 0, count: 2, match: { path: BULK } });
  const recipients = [personId(0), personId(1), personId(2), personId(77)];
  const outcomes = await composite.broadcast({ ...decision(""), recipients } as AnyBroadcast);

  expect(outcomes.map((o) => [o.recipient, o.status, o.channel])).toEqual([
    [personId(0), "delivered", "botMessage"],
    [personId(1), "delivered", "botMessage"],
    [personId(2), "delivered", "botMessage"],
    // No conversation reference: the feed's failure is the one to report.
    [personId(77), "failed", "activityFeed"],
  ]);
  expect(outcomes[3]).toMatchObject({ reason: "unavailable", detail: "HTTP 503 serviceNotAvailable" });
  expect(h.connector.delivered).toHaveLength(3);
});

it("keeps the feed's outcomes if the fallback throws", async () => {
  const broken: Notifier = {
    notify: async () => {
      throw new Error("store down");
    },
    broadcast: async () => {
      throw new Error("store down");
    },
  };
  graph.on("POST", SINGLE, () => ({ status: 404, body: { error: { code: "NotFound", message: "x" } } }));
  const client = createGraphClient({ tokenProvider: new StaticTokenProvider("t"), baseUrl: graph.baseUrl, fetch: graph.fetch, retryDelaySeconds: 0 });
  const withBrokenFallback = new CompositeNotifier({ primary: new ActivityFeedNotifier({ client, teamsAppId: "app" }), fallback: broken, onFallbackError: (e) => fallbackErrors.push(e) });

  expect(await withBrokenFallback.notify(decision(personId(1)))).toMatchObject({ status: "failed", channel: "activityFeed" });
  expect(fallbackErrors).toHaveLength(1);
});
