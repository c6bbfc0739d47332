import { randomUUID } from "node:crypto";
import type { Activity } from "botbuilder";
import request from "supertest";
import {
  ADAPTIVE_CARD_CONTENT_TYPE,
  GENERIC_ERROR_MESSAGE,
  THANKS_HELPFUL,
  UNREADABLE_SUBMIT_MESSAGE,
  type AdaptiveCard,
  type SubmitAction,
} from "../../bot";
import { startBotTestServer, TEST_PUBLIC_URL, type BotTestServer } from "./support/bot-test-server";
import { cardActions, cardElements, cardTexts } from "./support/walk-card";

const BOT = { id: "28:council-hub-bot", name: "Council Hub" };
const USER = { id: "29:1-user-ann", name: "Ann Example", aadObjectId: "6f1c2d3e-1111-2222-3333-0123456789ab" };
// Nothing listens here: were a reply ever sent over HTTP instead of buffered (expectReplies), it fails fast and locally.
const SERVICE_URL = "http://127.0.0.1:9/teams/";

/** A Teams-shaped activity whose replies come back in the HTTP response (deliveryMode expectReplies). */
function activity(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: "message",
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: "msteams",
    serviceUrl: SERVICE_URL,
    conversation: { id: "a:personal-chat-ann", conversationType: "personal", tenantId: "tenant-1" },
    from: USER,
    recipient: BOT,
    channelData: { tenant: { id: "tenant-1" } },
    locale: "en-GB",
    deliveryMode: "expectReplies",
    ...fields,
  };
}

function mentioning(text: string): Record<string, unknown> {
  const mention = `<at>${BOT.name}</at>`;
  return activity({
    text: `${mention} ${text}`,
    conversation: { id: "19:channel@thread.tacv2", conversationType: "channel", isGroup: true, tenantId: "tenant-1" },
    entities: [{ type: "mention", mentioned: BOT, text: mention }],
  });
}

let server: BotTestServer;

beforeAll(async () => {
  server = await startBotTestServer();
});

afterAll(async () => {
  await server.close();
});

async function post(body: unknown): Promise<request.Response> {
  return request(server.url).post("/api/messages").send(body as object);
}

/** Posts an activity and returns the bot's buffered replies. */
async function replies(body: Record<string, unknown>): Promise<Activity[]> {
  const res = await post(body);
  expect(res.status).toBe(200);
  return (res.body as { activities: Activity[] }).activities;
}

function onlyCard(sent: readonly Activity[]): AdaptiveCard {
  expect(sent).toHaveLength(1);
  const attachment = sent[0]?.attachments?.[0];
  expect(attachment?.contentType).toBe(ADAPTIVE_CARD_CONTENT_TYPE);
  return attachment?.content as AdaptiveCard;
}

function onlyText(sent: readonly Activity[]): string {
  expect(sent).toHaveLength(1);
  expect(sent[0]?.attachments ?? []).toHaveLength(0);
  return sent[0]?.text ?? "";
}

function feedbackRows(): Array<Record<string, unknown>> {
  return server.hub.db.prepare("SELECT * FROM rec_search_feedback ORDER BY id").all() as Array<Record<string, unknown>>;
}

describe("POST /api/messages: guidance questions", () => {
  it("answers a question with one Adaptive Card listing the top three pages", async () => {
    const sent = await replies(mentioning("How do I book annual leave?"));
    const card = onlyCard(sent);

    expect(card.version).toBe("1.5");
    expect(card.speak).toMatch(/^I found 3 pages\. The top one is Annual leave/);
    expect(sent[0]?.speak).toBe(card.speak);
    const headings = cardElements(card).filter((e) => e.type === "TextBlock" && e.style === "heading");
    expect(headings).toHaveLength(3);
    expect(headings[0]).toMatchObject({ text: "Annual leave" });
    expect(cardTexts(card).some((t) => /\*\*\w+\*\*/.test(t))).toBe(true);

    const links = cardActions(card).filter((a) => a.type === "Action.OpenUrl");
    expect(links).toHaveLength(3);
    expect(links[0]).toMatchObject({ title: "Open page", url: `${TEST_PUBLIC_URL}/tabs/guidance?page=hr%2Fannual-leave.md` });
    expect(cardActions(card).filter((a) => a.type === "Action.Submit").map((a) => a.title)).toEqual(["Yes", "No"]);
  });

  it("does not log the question", async () => {
    await replies(activity({ text: "parental leave notice" }));
    expect(JSON.stringify(server.logs)).not.toContain("parental leave notice");
    expect(server.logs).toContainEqual(expect.objectContaining({ level: "info", message: "bot.guidance.answered" }));
  });

  it("says honestly when nothing matches, and where to go next", async () => {
    const card = onlyCard(await replies(activity({ text: "xylophone quokka" })));
    expect(card.speak).toContain("couldn't find any guidance");
    const texts = cardTexts(card);
    expect(texts).toContain("No guidance found");
    // Core's next steps (SearchResponse.nextSteps), labels as links, each with when to use it.
    expect(texts).toContain("Where to go next");
    expect(texts.some((t) => /^\[.+\]\(mailto:.+\)$/.test(t))).toBe(true);
    expect(card.speak).toContain("Where to go next:");
    expect(cardActions(card).filter((a) => a.type === "Action.OpenUrl")).toHaveLength(0);
  });

  it("answers punctuation alone with core's polite message, not an error", async () => {
    const text = onlyText(await replies(activity({ text: "!!! ..." })));
    expect(text).toBe("Type some words to search for: punctuation alone can't be searched.");
    expect(server.logs.filter((l) => l.level === "error")).toEqual([]);
  });
});

describe("POST /api/messages: feedback", () => {
  async function askAndGetButtons(question: string): Promise<SubmitAction[]> {
    const card = onlyCard(await replies(activity({ text: question })));
    return cardActions(card).filter((a): a is SubmitAction => a.type === "Action.Submit");
  }

  it("stores a Yes without the asker's identity and says thank you", async () => {
    const [yes] = await askAndGetButtons("How do I book annual leave?");
    const before = feedbackRows().length;

    const text = onlyText(await replies(activity({ text: undefined, value: yes?.data })));

    expect(text).toBe(THANKS_HELPFUL);
    const rows = feedbackRows();
    expect(rows).toHaveLength(before + 1);
    const row = rows.at(-1);
    expect(row).toMatchObject({ query: "How do I book annual leave?", pageId: "hr/annual-leave.md", helpful: 1, channel: "bot" });
    expect(Object.keys(row ?? {}).sort()).toEqual(["at", "channel", "created_at", "helpful", "id", "pageId", "query", "updated_at", "version"]);
    const stored = JSON.stringify(rows);
    for (const identity of [USER.id, USER.name, USER.aadObjectId, "tenant-1", "a:personal-chat-ann"]) expect(stored).not.toContain(identity);
  });

  it("reads a No delivered as the button's value", async () => {
    const [, no] = await askAndGetButtons("sick leave fit note");
    expect(no?.data.msteams).toBeUndefined();

    const text = onlyText(await replies(activity({ text: undefined, value: no?.data })));

    expect(text).toContain("Thanks for letting us know");
    expect(feedbackRows().at(-1)).toMatchObject({ query: "sick leave fit note", pageId: "hr/sickness-absence.md", helpful: 0, channel: "bot" });
  });

  it("answers an unreadable submission politely and stores nothing", async () => {
    const before = feedbackRows().length;
    const text = onlyText(await replies(activity({ value: { action: "guidance.feedback", query: "leave", helpful: "very" } })));
    expect(text).toBe(UNREADABLE_SUBMIT_MESSAGE);
    expect(feedbackRows()).toHaveLength(before);
  });

  it("shows core's message for feedback about a page that no longer exists", async () => {
    const value = { action: "guidance.feedback", query: "leave", helpful: true, pageId: "hr/deleted.md" };
    expect(onlyText(await replies(activity({ value })))).toBe("That guidance page was not found.");
  });
});

describe("POST /api/messages: help and welcome", () => {
  it.each(["help", "Hi", "hello!", "?", "menu"])("answers %j with the help card", async (text) => {
    const card = onlyCard(await replies(activity({ text })));
    const texts = cardTexts(card);
    expect(texts[0]).toBe("Council Hub help");
    expect(texts.join("\n")).toMatch(/Coming soon[\s\S]*adjustments[\s\S]*Technology governance[\s\S]*Pulse surveys[\s\S]*news/i);
    expect(card.speak.length).toBeGreaterThan(0);
  });

  it("answers a sample-question button with search results", async () => {
    const help = onlyCard(await replies(activity({ text: "help" })));
    const sample = cardActions(help).find((a): a is SubmitAction => a.type === "Action.Submit");
    expect(sample?.data).toEqual({ action: "guidance.ask", question: sample?.title });

    const card = onlyCard(await replies(activity({ text: undefined, value: sample?.data })));
    expect(card.speak).toMatch(/^I found \d pages?\./);
  });

  it("welcomes once when the bot is installed with a user", async () => {
    const update = activity({ type: "conversationUpdate", text: undefined, membersAdded: [BOT, USER] });
    const card = onlyCard(await replies(update));
    expect(cardTexts(card)[0]).toBe("Welcome to Council Hub");
    expect(card.speak).toContain("Welcome to Council Hub");
  });

  it("welcomes a user added to a team, with the Teams event type", async () => {
    const update = activity({
      type: "conversationUpdate",
      conversation: { id: "19:general@thread.tacv2", conversationType: "channel", isGroup: true },
      channelData: { eventType: "teamMemberAdded", team: { id: "19:general@thread.tacv2" }, tenant: { id: "tenant-1" } },
      membersAdded: [{ id: USER.id, aadObjectId: USER.aadObjectId }],
    });
    expect(cardTexts(onlyCard(await replies(update)))[0]).toBe("Welcome to Council Hub");
  });

  it("stays quiet when only the bot is added to a team", async () => {
    const update = activity({
      type: "conversationUpdate",
      conversation: { id: "19:general@thread.tacv2", conversationType: "channel", isGroup: true },
      channelData: { eventType: "teamMemberAdded", team: { id: "19:general@thread.tacv2" } },
      membersAdded: [BOT],
    });
    expect(await replies(update)).toEqual([]);
  });
});

describe("POST /api/messages: malformed requests", () => {
  it.each([
    ["an empty object", {}],
    ["no type", { ...activity(), type: undefined }],
    ["a numeric type", activity({ type: 42 })],
    ["no conversation", activity({ conversation: undefined })],
    ["no sender", activity({ from: undefined })],
    ["no serviceUrl", activity({ serviceUrl: undefined })],
  ])("rejects %s with 400 and keeps serving", async (_name, body) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.(ts|js):\d+/);
    expect(onlyCard(await replies(activity({ text: "annual leave" }))).version).toBe("1.5");
  });

  it("rejects malformed JSON with 400", async () => {
    const res = await request(server.url).post("/api/messages").set("content-type", "application/json").send("{not json");
    expect(res.status).toBe(400);
  });

  it("rejects a non-JSON body with 400", async () => {
    const res = await request(server.url).post("/api/messages").set("content-type", "text/plain").send("hello");
    expect(res.status).toBe(400);
  });
});

describe("POST /api/messages: unexpected failures", () => {
  it("apologises without leaking internals, and logs the cause", async () => {
    const broken = await startBotTestServer();
    try {
      broken.hub.db.close(); // the store failing under the bot, as a lost database would

      const res = await request(broken.url).post("/api/messages").send(activity({ text: "annual leave" }));

      expect(res.status).toBe(200);
      const sent = (res.body as { activities: Activity[] }).activities;
      expect(sent.map((a) => a.text)).toEqual([GENERIC_ERROR_MESSAGE]);
      expect(JSON.stringify(res.body)).not.toMatch(/database|sqlite|stack/i);
      expect(broken.logs).toContainEqual(expect.objectContaining({ level: "error", message: "bot.turn.failed" }));
    } finally {
      await broken.close();
    }
  });
});
