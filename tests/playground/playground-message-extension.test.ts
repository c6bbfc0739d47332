import { ADAPTIVE_CARD_CONTENT_TYPE, PINNED_LABEL, SEARCH_COMMAND_ID, THUMBNAIL_CARD_CONTENT_TYPE, type AdaptiveCard } from "../../bot";
import { cardActions, cardTexts } from "../bot/support/walk-card";
import { startTestHub, type TestHub } from "../support/test-hub";
import { PlaygroundClient, startPlayground, type RunningPlayground } from "./support";

/**
 * The message extension as a developer tries it in the Microsoft 365 Agents Playground: the real host and bot, the
 * real playground CLI, driven through the invoke API its message-extension panel calls (search as you type, paste a
 * link). The playground builds the invoke activity and passes the bot's response back.
 */

const START_TIMEOUT_MS = 120_000;
const TEST_TIMEOUT_MS = 60_000;

let hub: TestHub | undefined;
let playground: RunningPlayground | undefined;
let client: PlaygroundClient;

beforeAll(async () => {
  hub = await startTestHub();
  playground = await startPlayground({ botEndpoint: `${hub.baseUrl}/api/messages` });
  client = new PlaygroundClient(playground.url, playground.config);
}, START_TIMEOUT_MS);

afterAll(async () => {
  const results = await Promise.allSettled([playground?.stop()]);
  await hub?.stop();
  for (const result of results) if (result.status === "rejected") throw result.reason;
}, START_TIMEOUT_MS);

function requireHub(): TestHub {
  if (!hub) throw new Error("the host did not start");
  return hub;
}

/** A page card's title: its first text, after the "pinned" line a search result may carry (an unfurl never does). */
function titleOf(card: AdaptiveCard): string | undefined {
  return cardTexts(card).find((text) => text !== PINNED_LABEL);
}

describe("Agents Playground: message extension", () => {
  it(
    "searches guidance as the user types and offers each page as a card with a preview",
    async () => {
      const response = await client.invokeMessageExtension("composeExtension/query", {
        commandId: SEARCH_COMMAND_ID,
        parameters: [{ name: "query", value: "annual leave" }],
        queryOptions: { skip: 0, count: 25 },
      });
      expect(response.composeExtension).toMatchObject({ type: "result", attachmentLayout: "list" });
      const attachments = response.composeExtension?.attachments ?? [];
      expect(attachments.length).toBeGreaterThan(0);
      expect(attachments.length).toBeLessThanOrEqual(25);
      const [first] = attachments;
      expect(first?.contentType).toBe(ADAPTIVE_CARD_CONTENT_TYPE);
      expect(first?.preview?.contentType).toBe(THUMBNAIL_CARD_CONTENT_TYPE);
      const card = first?.content as AdaptiveCard;
      expect(card.speak).toMatch(/^(Pinned by the communications team\. )?Council guidance: /);
      expect(cardActions(card)[0]).toMatchObject({ title: "Open in Council Hub", url: expect.stringContaining(`${requireHub().baseUrl}/tabs/guidance?page=`) });
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "unfurls a pasted Guidance tab link into the same card, and leaves other links alone",
    async () => {
      const search = await client.invokeMessageExtension("composeExtension/query", {
        commandId: SEARCH_COMMAND_ID,
        parameters: [{ name: "query", value: "annual leave" }],
      });
      const searched = search.composeExtension?.attachments?.[0]?.content as AdaptiveCard;
      const tabLink = cardActions(searched).find((a) => a.title === "Open in Council Hub");
      expect(tabLink?.type).toBe("Action.OpenUrl");
      const url = tabLink?.type === "Action.OpenUrl" ? tabLink.url : "";

      const unfurled = await client.invokeMessageExtension("composeExtension/queryLink", { url });
      const attachments = unfurled.composeExtension?.attachments ?? [];
      expect(attachments).toHaveLength(1);
      expect(titleOf(attachments[0]?.content as AdaptiveCard)).toBe(titleOf(searched));

      const elsewhere = await client.invokeMessageExtension("composeExtension/queryLink", { url: "https://www.example.com/anything" });
      expect(elsewhere.composeExtension).toMatchObject({ type: "result", attachments: [] });
    },
    TEST_TIMEOUT_MS,
  );
});
