import type { Locator, Page } from "playwright-core";

/** Options for {@link PlaygroundChat}. */
export interface PlaygroundChatOptions {
  /** How long the web UI may take to load and show the bot's welcome card. Default 60 s (a loaded 2-core runner). */
  readonly loadTimeoutMs?: number;
}

const DEFAULTS = { loadTimeoutMs: 60_000 };

/** The compose box's placeholder. The box itself (a Lexical contenteditable) has no accessible name. */
const COMPOSE_PLACEHOLDER = "Type a message...";

/**
 * The personal chat in the Microsoft 365 Agents Playground's web UI (0.2.x), driven as a person would: by the names,
 * roles and placeholder a person or screen reader meets, never by the UI's generated CSS class names.
 *
 * Bot cards are found by their accessible name: the Adaptive Cards renderer puts the card's `speak` text in the
 * card's `aria-label`, so a test finds a card the way narration software announces it.
 *
 * @example
 * const chat = new PlaygroundChat(page);
 * await chat.open(playground.url);
 * await chat.send("help");
 * await chat.card(/^I can answer questions/).last().waitFor();
 */
export class PlaygroundChat {
  private readonly settings: typeof DEFAULTS;

  constructor(
    readonly page: Page,
    options: PlaygroundChatOptions = {},
  ) {
    this.settings = { ...DEFAULTS, ...options };
  }

  /**
   * Opens the UI, selects the personal chat and waits for the bot's welcome card. The UI installs the bot and starts
   * a fresh conversation on every load, so the welcome card proves the whole path (UI, playground, bot) is up
   * before anything is typed. Then hides the log panel, which repeats what is said in the chat.
   */
  async open(url: string): Promise<void> {
    const timeout = this.settings.loadTimeoutMs;
    await this.page.goto(url, { timeout });
    await this.page.getByRole("treeitem", { name: "Personal Chat" }).click({ timeout });
    await this.page.getByRole("heading", { name: "Welcome to Council Hub" }).waitFor({ timeout });
    // Open by default on wide screens, closed on narrow ones (a media query), and unmounted when hidden.
    const hideLog = this.page.getByRole("button", { name: "Hide log panel" });
    if (await hideLog.isVisible()) {
      await hideLog.click();
      await hideLog.waitFor({ state: "detached" });
    }
  }

  /** The empty compose box, found by its placeholder as a person finds it. */
  composeBox(): Locator {
    return this.page.getByText(COMPOSE_PLACEHOLDER, { exact: true }).locator("..").getByRole("textbox");
  }

  /**
   * Types `text` into the compose box and sends it with Enter (or the "Send Message" button), then waits until the
   * box is empty again, i.e. the UI has taken the message.
   */
  async send(text: string, how: "enter" | "button" = "enter"): Promise<void> {
    await this.composeBox().click();
    await this.page.keyboard.type(text);
    // Typing goes wherever focus is: check it reached the compose box before sending.
    const focused = this.page.locator("*:focus");
    if ((await focused.getAttribute("role")) !== "textbox" || (await focused.innerText()).trim() !== text) {
      throw new Error(`the compose box did not take the text "${text}"`);
    }
    if (how === "enter") await this.page.keyboard.press("Enter");
    else await this.page.getByRole("button", { name: "Send Message" }).click();
    await this.composeBox().waitFor();
  }

  /** Bot cards whose accessible name (the card's `speak`) matches; `.last()` is the newest. */
  card(name: RegExp | string): Locator {
    return this.page.getByLabel(name);
  }

  /**
   * Messages in the open conversation (each with its "Message header", and "Message author" for others' messages),
   * oldest first. The chat list also shows the latest message's text, so text is only ever looked for in here.
   */
  messages(): Locator {
    return this.page.getByLabel("Message header", { exact: true }).locator("..");
  }

  /** Messages in the open conversation showing exactly `text`: the user's own and the bot's plain-text replies. */
  message(text: string): Locator {
    return this.messages().filter({ has: this.page.getByText(text, { exact: true }) });
  }
}
