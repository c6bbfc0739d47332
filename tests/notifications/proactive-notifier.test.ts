import { ProactiveNotifier } from "../../bot";
import type { AnyBroadcast, AnyNotification } from "../../core";
import { openDatabase, SqliteConversationReferenceStore, type SqliteDb } from "../../store";
import { personId, startProactiveHarness, type ProactiveHarness } from "./support/proactive-harness";

/** ProactiveNotifier over the SQLite reference store and the paced queue, into the fake Bot Connector. */

const TEAMS_APP_ID = "5f3e2d1c-0b9a-4876-9543-210fedcba987";

function survey(recipient: string): AnyNotification {
  return {
    recipient,
    activityType: "surveyOpened",
    previewText: "Five questions, closes Friday",
    target: { tab: "pulse", entityId: "survey-9" },
    templateParameters: { surveyTitle: "Hybrid working" },
  };
}

let h: ProactiveHarness;
let db: SqliteDb;
let store: SqliteConversationReferenceStore;
let notifier: ProactiveNotifier;

beforeEach(async () => {
  h = await startProactiveHarness();
  db = openDatabase(":memory:");
  store = new SqliteConversationReferenceStore(db, h.clock);
  notifier = new ProactiveNotifier({ references: store, queue: h.queue, teamsAppId: TEAMS_APP_ID, log: (level, message, meta) => h.logs.push({ level, message, meta }) });
});
afterEach(async () => {
  db.close();
  await h.close();
});

it("sends a card with the title, template line, preview and a deep link, and nothing more", async () => {
  await store.save(h.target(1));

  expect(await notifier.notify(survey(personId(1)))).toEqual({ recipient: personId(1), status: "delivered", channel: "botMessage" });

  const [post] = h.connector.delivered;
  expect(post.body.summary).toBe("Five questions, closes Friday");
  const card = (post.body.attachments as Array<{ contentType: string; content: Record<string, unknown> }>)[0];
  expect(card.contentType).toBe("application/vnd.microsoft.card.adaptive");
  expect(card.content).toMatchObject({
    body: [
      { type: "TextBlock", text: "New survey" },
      { type: "TextBlock", text: "Council Hub opened a survey: Hybrid working" },
      { type: "TextBlock", text: "Five questions, closes Friday" },
    ],
    actions: [{ type: "Action.OpenUrl", title: "Open in Council Hub", url: `https://teams.microsoft.com/l/entity/${TEAMS_APP_ID}/pulse?context=%7B%22subEntityId%22%3A%22survey-9%22%7D` }],
  });
});

it("skips people it cannot address instead of failing them", async () => {
  await store.save(h.target(2));
  await store.markStale(personId(2));

  expect(await notifier.notify(survey(personId(1)))).toMatchObject({ status: "skipped", reason: "noConversationReference" });
  expect(await notifier.notify(survey(personId(2)))).toMatchObject({ status: "skipped", reason: "staleConversationReference" });
  expect(await notifier.notify(survey("jo.bloggs@example-council.gov.uk"))).toMatchObject({ status: "skipped", reason: "recipientNotAddressable" });
  expect(h.connector.posts).toEqual([]);
});

it("marks the reference stale when Teams says the bot was uninstalled (403), and skips the person next time", async () => {
  await store.save(h.target(1));
  h.connector.injectFaults({ status: 403, count: 1 });

  expect(await notifier.notify(survey(personId(1)))).toEqual({
    recipient: personId(1),
    status: "failed",
    channel: "botMessage",
    reason: "recipientUnreachable",
    detail: "HTTP 403 BotNotInConversationRoster",
  });
  expect((await store.find(personId(1)))?.staleSince).toEqual(h.clock.now());

  expect(await notifier.notify(survey(personId(1)))).toMatchObject({ status: "skipped", reason: "staleConversationReference" });
  expect(h.connector.posts).toHaveLength(1);

  // The person opens the bot again: the capture saves the reference, which clears the mark.
  await store.save(h.target(1));
  expect(await notifier.notify(survey(personId(1)))).toMatchObject({ status: "delivered" });
});

it("broadcasts to everyone once, in recipient order, retrying what Teams throttled", async () => {
  for (let n = 0; n < 40; n++) await store.save(h.target(n));
  h.connector.injectFaults({ status: 429, count: 3, retryAfterSeconds: 2 });
  const recipients = [...Array.from({ length: 40 }, (_, n) => personId(n)), personId(3), personId(99)];
  const broadcast: AnyBroadcast = { ...survey(""), recipients } as AnyBroadcast;

  const outcomes = await notifier.broadcast(broadcast);

  expect(outcomes.map((o) => o.recipient)).toEqual([...Array.from({ length: 40 }, (_, n) => personId(n)), personId(99)]);
  expect(outcomes.slice(0, 40).every((o) => o.status === "delivered")).toBe(true);
  expect(outcomes[40]).toMatchObject({ status: "skipped", reason: "noConversationReference" });
  expect(h.connector.delivered).toHaveLength(40);
  expect(new Set(h.connector.delivered.map((p) => p.conversationId)).size).toBe(40);
  expect(h.connector.posts).toHaveLength(43);
});
