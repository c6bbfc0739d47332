import type { Browser, BrowserContext, Page } from "playwright-core";
import { THANKS_HELPFUL } from "../../bot";
import { startPlayground, type RunningPlayground } from "../playground/support";
import { startTestHub, type TestHub } from "../support/test-hub";
import { launchBrowser, PlaygroundChat } from "./support";

/**
 * The bot in the Microsoft 365 Agents Playground's own web UI, in chromium, as a person uses it: the real host and
 * bot, the real playground CLI, typing into the personal chat and pressing the card's buttons.
 * tests/playground covers the same conversation through the playground's API; this covers what the person sees.
 */

/** Starting the host, the playground and chromium on a busy 2-core CI runner. */
const START_TIMEOUT_MS = 120_000;
/** One test, including loading the UI (up to 60 s, see PlaygroundChat). */
const TEST_TIMEOUT_MS = 120_000;
/** How long a reply may take to show up in the chat. */
const REPLY_TIMEOUT_MS = 30_000;
const QUESTION = "how do I claim expenses";
/** The answer card's accessible name (its `speak`): the page count, then the top result's title. */
const EXPENSES_ANSWER = /^I found \d pages?\. The top one is [^:]*expense/i;
/** The help card's accessible name (its `speak`). */
const HELP_ANSWER = /^I can answer questions from the council's guidance pages/;
const CARD_SCREENSHOT = "/tmp/playground-card.png";
const THANKS_SCREENSHOT = "/tmp/playground-thanks.png";

let hub: TestHub | undefined;
let playground: RunningPlayground | undefined;
let browser: Browser | undefined;
let context: BrowserContext | undefined;
let page: Page;
/** Uncaught errors in the playground UI during the current test. */
let pageErrors: Error[];

beforeAll(async () => {
  hub = await startTestHub();
  playground = await startPlayground({ botEndpoint: `${hub.baseUrl}/api/messages` });
  browser = await launchBrowser();
}, START_TIMEOUT_MS);

afterAll(async () => {
  // Each step runs even if an earlier one failed, so no process or temp dir outlives the suite.
  const results = await Promise.allSettled([browser?.close(), playground?.stop()]);
  await hub?.stop();
  for (const result of results) if (result.status === "rejected") throw result.reason;
}, START_TIMEOUT_MS);

beforeEach(async () => {
  if (!browser) throw new Error("the browser did not start (see beforeAll)");
  // A fresh context per test; the UI also starts a new conversation, with only the welcome card, on every load.
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.setDefaultTimeout(REPLY_TIMEOUT_MS);
  pageErrors = [];
  page.on("pageerror", (error) => pageErrors.push(error));
});

afterEach(async () => {
  await context?.close();
});

/** Opens the playground's personal chat. */
async function openChat(): Promise<PlaygroundChat> {
  if (!playground) throw new Error("the host or playground did not start (see beforeAll)");
  const chat = new PlaygroundChat(page);
  await chat.open(playground.url);
  return chat;
}

describe("the bot in the Agents Playground web UI (personal chat)", () => {
  it(
    "answers a typed question with a card of guidance pages, and thanks the user for pressing Yes",
    async () => {
      const chat = await openChat();
      await chat.send(QUESTION);
      await chat.message(QUESTION).waitFor();

      const card = chat.card(EXPENSES_ANSWER).last();
      await card.waitFor();
      const titles = await card.getByRole("heading").allInnerTexts();
      expect(titles.length).toBeGreaterThanOrEqual(1);
      expect(titles.length).toBeLessThanOrEqual(3);
      expect(titles[0]).toMatch(/expense/i);
      await card.getByRole("heading", { name: "Claiming expenses" }).waitFor();
      expect(await card.getByRole("link", { name: "Open page" }).count()).toBe(titles.length);
      await card.getByText("Was this helpful?", { exact: true }).waitFor();
      const yes = card.getByRole("button", { name: "Yes", exact: true });
      await yes.waitFor();
      await card.getByRole("button", { name: "No", exact: true }).waitFor();
      await card.screenshot({ path: CARD_SCREENSHOT });

      expect(await chat.message(THANKS_HELPFUL).count()).toBe(0);
      await yes.click();
      const thanks = chat.message(THANKS_HELPFUL);
      await thanks.waitFor();
      expect(await thanks.getByLabel("Message author").innerText()).toBe("Council Hub");
      await page.screenshot({ path: THANKS_SCREENSHOT });
      expect(pageErrors).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "shows the help card when the user sends \"help\" with the send button",
    async () => {
      const chat = await openChat();
      await chat.send("help", "button");

      const card = chat.card(HELP_ANSWER).last();
      await card.waitFor();
      await card.getByRole("heading", { name: "Council Hub help" }).waitFor();
      await card.getByRole("heading", { name: "Coming soon" }).waitFor();
      expect(await card.getByRole("button").count()).toBeGreaterThan(0);
      expect(pageErrors).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "says plainly when no page answers, and where to go next, with the facilities helpdesk as a mail link",
    async () => {
      const chat = await openChat();
      await chat.send("whats on the canteen menu today");

      const card = chat.card(/^I couldn't find any guidance for whats on the canteen menu today\. Where to go next:/).last();
      await card.waitFor();
      await card.getByText("Where to go next", { exact: true }).waitFor();
      const facilities = card.getByRole("link", { name: "Contact the facilities helpdesk" });
      await facilities.waitFor();
      expect(await facilities.getAttribute("href")).toMatch(/^mailto:facilities@/);
      await card.getByRole("link", { name: "Ask the communications team to add a page" }).waitFor();
      await card.getByText("These pages came closest, but may not answer your question:").waitFor();
      expect(pageErrors).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  // The playground's card renderer (0.2.x) throws on Submit data carrying Teams' `msteams` extras, which is why our
  // buttons send plain data: this clicks one with no help from the test, as a person would.
  it(
    "asks a sample question when its button on the help card is pressed",
    async () => {
      const chat = await openChat();
      await chat.send("help");
      const help = chat.card(HELP_ANSWER).last();
      await help.waitFor();
      await help.getByRole("button").first().click();

      await chat.card(/^I found \d pages?\./).last().waitFor();
      expect(pageErrors).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );
});
