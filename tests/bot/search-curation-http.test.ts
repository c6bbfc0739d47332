import { randomUUID } from "node:crypto";
import type { Activity, MessagingExtensionResponse } from "botbuilder";
import request from "supertest";
import { PINNED_LABEL, SAMPLE_QUESTIONS, SEARCH_COMMAND_ID, THUMBNAIL_CARD_CONTENT_TYPE, type AdaptiveCard } from "../../bot";
import { councilDayOf } from "../../core";
import { startBotTestServer, TEST_PUBLIC_URL, type BotTestServer } from "./support/bot-test-server";
import { cardTexts } from "./support/walk-card";

/**
 * The comms team's curation as staff meet it in Teams: a best bet pinned through the real BestBetService shows first
 * and marked, in the bot's answer and in the message extension; the bot's questions reach the anonymous query log,
 * the message extension's type-ahead queries do not. Driven through /api/messages like Teams.
 */

const BOT = { id: "28:council-hub-bot", name: "Council Hub" };
const USER = { id: "29:1-user-ann", name: "Ann Example", aadObjectId: "6f1c2d3e-1111-2222-3333-0123456789ab" };
/** A question the fixtures do not answer on their own; the comms team pins the parental leave page for it. */
const PINNED_QUESTION = "time off to look after my kids";

let server: BotTestServer;

beforeAll(async () => {
  server = await startBotTestServer();
  await server.hub.searchCuration.bestBets.create({ pageId: "hr/parental-leave.md", triggers: ["look after my kids"], match: "phrase" }, "olivia.grant@example-council.gov.uk");
});

afterAll(async () => {
  await server.close();
});

function activity(fields: Record<string, unknown>): Record<string, unknown> {
  return {
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: "msteams",
    serviceUrl: "http://127.0.0.1:9/teams/",
    conversation: { id: "a:personal-chat-ann", conversationType: "personal", tenantId: "tenant-1" },
    from: USER,
    recipient: BOT,
    channelData: { tenant: { id: "tenant-1" } },
    locale: "en-GB",
    ...fields,
  };
}

async function post(body: Record<string, unknown>): Promise<unknown> {
  const res = await request(server.url).post("/api/messages").send(body);
  expect(res.status).toBe(200);
  return res.body as unknown;
}

async function askBot(text: string): Promise<AdaptiveCard> {
  const { activities } = (await post(activity({ type: "message", text, deliveryMode: "expectReplies" }))) as { activities: Activity[] };
  expect(activities).toHaveLength(1);
  return activities[0]?.attachments?.[0]?.content as AdaptiveCard;
}

async function searchExtension(parameters: Array<{ name: string; value: string }>): Promise<MessagingExtensionResponse> {
  return (await post(activity({ type: "invoke", name: "composeExtension/query", value: { commandId: SEARCH_COMMAND_ID, parameters, queryOptions: { skip: 0, count: 25 } } }))) as MessagingExtensionResponse;
}

describe("best bets in Teams", () => {
  it("puts the pinned page first in the bot's answer, marked in words", async () => {
    const card = await askBot(PINNED_QUESTION);
    const texts = cardTexts(card);
    expect(texts.filter((t) => t === PINNED_LABEL)).toHaveLength(1);
    expect(texts[texts.indexOf(PINNED_LABEL) + 1]).toBe("Parental leave");
    expect(card.speak).toContain("The top one is Parental leave (pinned by the communications team)");
  });

  it("puts the pinned page first in the message extension, marked in the preview and the inserted card", async () => {
    const [first, ...rest] = (await searchExtension([{ name: "query", value: PINNED_QUESTION }])).composeExtension?.attachments ?? [];
    expect(first?.preview).toMatchObject({ contentType: THUMBNAIL_CARD_CONTENT_TYPE, content: { title: "Parental leave", subtitle: PINNED_LABEL } });
    const card = first?.content as AdaptiveCard;
    expect(cardTexts(card).slice(0, 2)).toEqual([PINNED_LABEL, "Parental leave"]);
    expect(card.speak.startsWith(`${PINNED_LABEL}. `)).toBe(true);
    for (const other of rest) expect(JSON.stringify(other)).not.toContain(PINNED_LABEL);
  });

  it("never marks an unfurled link as pinned: a pin belongs to a question", async () => {
    const url = `${TEST_PUBLIC_URL}/tabs/guidance?page=hr%2Fparental-leave.md`;
    const response = (await post(activity({ type: "invoke", name: "composeExtension/queryLink", value: { url } }))) as MessagingExtensionResponse;
    expect(response.composeExtension?.attachments).toHaveLength(1);
    expect(JSON.stringify(response)).not.toContain(PINNED_LABEL);
  });
});

describe("the anonymous query log", () => {
  it("records questions asked of the bot, but not the message extension's type-ahead queries, suggestions or unfurled links", async () => {
    const before = await loggedToday();
    await askBot("sick note rules");
    // Teams sends these as the person types: fragments, not questions.
    for (const typed of ["sic", "sick no", "sick note rul"]) await searchExtension([{ name: "query", value: typed }]);
    await searchExtension([{ name: "initialRun", value: "true" }]);
    await post(activity({ type: "invoke", name: "composeExtension/queryLink", value: { url: `${TEST_PUBLIC_URL}/tabs/guidance?page=hr%2Fannual-leave.md` } }));

    const added = (await loggedToday()).slice(before.length);
    expect(added).toEqual([expect.objectContaining({ query: "sick note rules", channel: "bot" })]);
    expect(JSON.stringify(added)).not.toContain(USER.aadObjectId);
    for (const question of SAMPLE_QUESTIONS) expect(added.map((row) => row.query)).not.toContain(question);
  });
});

async function loggedToday(): Promise<Array<{ query: string; channel: string }>> {
  const { searchLog } = server.hub.searchCuration;
  await searchLog.flush();
  const today = councilDayOf(new Date());
  return searchLog.readRange(today, today);
}
