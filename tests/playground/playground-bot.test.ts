import { ADAPTIVE_CARD_CONTENT_TYPE, THANKS_HELPFUL, type AdaptiveCard, type SubmitAction } from "../../bot";
import { cardActions, cardElements, cardTexts } from "../bot/support/walk-card";
import { startTestHub, type TestHub } from "../support/test-hub";
import {
  ConversationStream,
  PlaygroundClient,
  startPlayground,
  type CreateMessageEvent,
  type RunningPlayground,
  type StreamEvent,
  type StreamMessage,
} from "./support";

/**
 * The bot as a user meets it in the Microsoft 365 Agents Playground: the real host and bot, the real playground CLI,
 * driven through the HTTP and WebSocket API the playground's own web UI uses.
 */

/** Starting the host and the playground on a busy 2-core CI runner. */
const START_TIMEOUT_MS = 120_000;
/** One question and its answer, with room for a slow runner. */
const TEST_TIMEOUT_MS = 60_000;
/** How long to wait for the bot's reply to show up in the chat. */
const REPLY_TIMEOUT_MS = 30_000;

let hub: TestHub | undefined;
let playground: RunningPlayground | undefined;
let stream: ConversationStream | undefined;
let client: PlaygroundClient;

beforeAll(async () => {
  hub = await startTestHub();
  playground = await startPlayground({ botEndpoint: `${hub.baseUrl}/api/messages` });
  stream = await ConversationStream.connect(playground.url);
  client = new PlaygroundClient(playground.url, playground.config);
}, START_TIMEOUT_MS);

afterAll(async () => {
  // Each step runs even if an earlier one failed, so no process or temp dir outlives the suite.
  const results = await Promise.allSettled([stream?.close(), playground?.stop()]);
  await hub?.stop();
  for (const result of results) if (result.status === "rejected") throw result.reason;
}, START_TIMEOUT_MS);

function botMessageIn(conversationId: string) {
  return (event: StreamEvent): event is CreateMessageEvent =>
    event.action === "createMessage" && event.actionConversationId === conversationId && event.message.from.id === client.botId;
}

/** Does what pressing Enter in the chat does, and returns the bot's next message in the personal chat. */
async function say(text: string): Promise<StreamMessage> {
  const chat = requireStream();
  const mark = chat.mark();
  await client.sendText(text);
  return (await chat.waitFor(botMessageIn(client.personalChatId), REPLY_TIMEOUT_MS, mark)).message;
}

/** Does what pressing an Action.Submit button does, and returns the bot's next message. */
async function press(card: StreamMessage, action: SubmitAction): Promise<StreamMessage> {
  const chat = requireStream();
  const mark = chat.mark();
  await client.submit(card.messageId, action.data);
  return (await chat.waitFor(botMessageIn(client.personalChatId), REPLY_TIMEOUT_MS, mark)).message;
}

function requireStream(): ConversationStream {
  if (!stream) throw new Error("the playground did not start (see beforeAll)");
  return stream;
}

/** The one Adaptive Card a message carries. */
function onlyCard(message: StreamMessage): AdaptiveCard {
  expect(message.attachments).toHaveLength(1);
  expect(message.attachments[0]?.contentType).toBe(ADAPTIVE_CARD_CONTENT_TYPE);
  return message.attachments[0]?.content as AdaptiveCard;
}

function headings(card: AdaptiveCard): string[] {
  return cardElements(card).flatMap((e) => (e.type === "TextBlock" && e.style === "heading" ? [e.text] : []));
}

function submitActions(card: AdaptiveCard): SubmitAction[] {
  return cardActions(card).filter((a): a is SubmitAction => a.type === "Action.Submit");
}

function feedbackRows(): Array<Record<string, unknown>> {
  if (!hub) throw new Error("the host did not start (see beforeAll)");
  return hub.services.db.prepare("SELECT * FROM rec_search_feedback ORDER BY id").all() as Array<Record<string, unknown>>;
}

describe("the bot in the Agents Playground (personal chat)", () => {
  it(
    "answers a question with an Adaptive Card 1.5 of the top guidance pages",
    async () => {
      const card = onlyCard(await say("how do I claim expenses"));

      expect(card.version).toBe("1.5");
      expect(card.speak).toMatch(/^I found \d pages?\. The top one is .*expense/i);
      const titles = headings(card);
      expect(titles.length).toBeGreaterThanOrEqual(1);
      expect(titles.length).toBeLessThanOrEqual(3);
      expect(titles[0]).toMatch(/expense/i);
      expect(submitActions(card).map((a) => a.title)).toEqual(["Yes", "No"]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "answers \"help\" with the help card",
    async () => {
      const card = onlyCard(await say("help"));

      expect(card.version).toBe("1.5");
      expect(cardTexts(card)[0]).toBe("Council Hub help");
      expect(cardTexts(card).join("\n")).toMatch(/Coming soon/);
      expect(card.speak.length).toBeGreaterThan(0);
      expect(submitActions(card).length).toBeGreaterThan(0);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "thanks the user for pressing \"Yes\" and stores the feedback",
    async () => {
      const answer = await say("how do I claim expenses");
      const yes = submitActions(onlyCard(answer)).find((a) => a.title === "Yes");
      expect(yes?.data).toMatchObject({ action: "guidance.feedback", helpful: true });
      const before = feedbackRows().length;

      const reply = await press(answer, yes as SubmitAction);

      expect(reply.text).toBe(THANKS_HELPFUL);
      expect(reply.attachments).toHaveLength(0);
      const rows = feedbackRows();
      expect(rows).toHaveLength(before + 1);
      expect(rows.at(-1)).toMatchObject({ query: "how do I claim expenses", pageId: yes?.data.pageId, helpful: 1, channel: "bot" });
      expect(String(rows.at(-1)?.pageId)).toMatch(/expense/i);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "notifies someone proactively once they have chatted with the bot, through the playground's connector",
    async () => {
      await say("help");
      const chat = requireStream();
      const mark = chat.mark();
      const recipient = playground!.config.config.currentUser.aadObjectId!;

      const outcome = await hub!.notifier.notify({
        recipient,
        activityType: "newsPublished",
        previewText: "The winter opening hours for council buildings are out.",
        target: { tab: "newsroom", entityId: "news-42" },
        templateParameters: { headline: "Winter opening hours" },
      });

      expect(outcome).toMatchObject({ status: "delivered", channel: "botMessage" });
      const message = (await chat.waitFor(botMessageIn(client.personalChatId), REPLY_TIMEOUT_MS, mark)).message;
      const text = JSON.stringify(message);
      expect(text).toContain("Winter opening hours");
    },
    TEST_TIMEOUT_MS,
  );
});
