import {
  PLAYGROUND_PATHS,
  type CreateMessageResponse,
  type DraftTextMessage,
  type MessageExtensionInvokeRequest,
  type MessageExtensionInvokeResponse,
  type PlaygroundConfigResponse,
  type SubmitRequest,
} from "./playground-api";

/** Cap on one API call; the playground answers at once and talks to the bot afterwards. */
const REQUEST_TIMEOUT_MS = 15_000;

/**
 * Acts as the playground's web UI would for its `currentUser` in the personal chat: types messages and presses
 * card buttons through the playground's HTTP API. Replies arrive on the conversation stream, not here.
 */
export class PlaygroundClient {
  constructor(
    private readonly baseUrl: string,
    private readonly config: PlaygroundConfigResponse,
  ) {}

  /** The personal chat between `currentUser` and the bot. */
  get personalChatId(): string {
    return this.config.config.personalChat.id;
  }

  /** The bot's account id, to tell its messages from the user's. */
  get botId(): string {
    return this.config.config.bot.id;
  }

  /** Types `text` into the personal chat and presses Enter. */
  async sendText(text: string): Promise<CreateMessageResponse> {
    const draft: DraftTextMessage = { type: "text", text, textFormat: "plain", from: { id: this.config.config.currentUser.id } };
    return (await this.post(PLAYGROUND_PATHS.messages(this.personalChatId), draft)) as CreateMessageResponse;
  }

  /** Presses an Action.Submit button with `data` on the card in message `replyToId` of the personal chat. */
  async submit(replyToId: string, data: Readonly<Record<string, unknown>>): Promise<void> {
    const body: SubmitRequest = {
      conversation: { id: this.personalChatId },
      from: { id: this.config.config.currentUser.id },
      replyToId,
      value: data,
    };
    await this.post(PLAYGROUND_PATHS.submit, body);
  }

  /**
   * Does what the message-extension panel does in the personal chat's compose box (a search as the user types, or a
   * pasted link) and returns the bot's answer, which the playground passes back synchronously.
   */
  async invokeMessageExtension(name: MessageExtensionInvokeRequest["name"], value: Readonly<Record<string, unknown>>): Promise<MessageExtensionInvokeResponse> {
    const body: MessageExtensionInvokeRequest = { name, conversation: { id: this.personalChatId }, from: { id: this.config.config.currentUser.id }, value };
    return (await this.post(PLAYGROUND_PATHS.invoke, body)) as MessageExtensionInvokeResponse;
  }

  private async post(path: string, body: unknown): Promise<unknown> {
    const res = await fetch(this.baseUrl + path, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`POST ${path} answered ${res.status}: ${text.slice(0, 500)}`);
    return text ? (JSON.parse(text) as unknown) : undefined;
  }
}
