/**
 * The Agents Playground's own HTTP and WebSocket API (the one its web UI calls), as used by
 * @microsoft/m365agentsplayground 0.2.28. Not a public contract: shapes were read from the package's server
 * (`ConversationApiValidator`, `ConversationWebSocket`) and web client (`SendPersonalMessageAsync`, the card
 * action handler), so they are typed here in one place and may need updating with the package.
 */

/** A person or bot as the playground's API refers to them. */
export interface PlaygroundAccount {
  readonly id: string;
}

/** A user or bot from `.m365agentsplayground.yml`, as GET /_internal/v1/config returns it. */
export interface PlaygroundPerson extends PlaygroundAccount {
  readonly name: string;
  /** Entra object id, as the bot sees it in `activity.from.aadObjectId` (users only). */
  readonly aadObjectId?: string;
}

/** GET /_internal/v1/config: the loaded config file plus the playground's own settings. */
export interface PlaygroundConfigResponse {
  readonly config: {
    readonly tenantId: string;
    readonly bot: PlaygroundPerson;
    readonly currentUser: PlaygroundPerson;
    readonly users: readonly PlaygroundPerson[];
    readonly personalChat: { readonly id: string; readonly name?: string };
  };
  readonly internalConfig: { readonly channelId: string; readonly locale: string };
}

/**
 * Body of POST /_conversation/v1/conversations/{conversationId}/messages for typed text: the web UI's
 * "draftMessage" when the user presses Enter. The server also accepts `mentions` (group chats and channels) and an
 * `attachments` + `attachmentLayout` variant instead of `textFormat`.
 */
export interface DraftTextMessage {
  readonly type: "text";
  readonly text: string;
  readonly textFormat: "plain" | "markdown" | "xml";
  /** Must be a member of the conversation: in the personal chat, the config's `currentUser`. */
  readonly from: PlaygroundAccount;
}

/** Answer to a created message. The bot is called after this is sent (personal chat, or when it is @mentioned). */
export interface CreateMessageResponse {
  readonly messageId: string;
  readonly timestamp: number;
  /** Set only when the message started a channel post. */
  readonly postConversationId?: string;
}

/**
 * Body of POST /_conversation/v1/submit: what the web UI sends when an Adaptive Card Action.Submit is pressed.
 * The playground turns it into a `message` activity with `value` and `replyToId` and answers 200 with no body.
 */
export interface SubmitRequest {
  readonly conversation: { readonly id: string };
  readonly from: PlaygroundAccount;
  /** The `messageId` of the message whose card holds the button; the playground rejects unknown ids with 400. */
  readonly replyToId: string;
  /** The action's `data`, passed through unchanged as `activity.value`. */
  readonly value: Readonly<Record<string, unknown>>;
}

/** An attachment of a message pushed on the conversation stream. */
export interface StreamAttachment {
  readonly contentType: string;
  readonly content: unknown;
}

/** A chat message as the conversation stream carries it (bot replies and, in other users' chats, user messages). */
export interface StreamMessage {
  readonly messageId: string;
  readonly timestamp: number;
  readonly from: PlaygroundAccount;
  readonly text?: string;
  readonly textFormat?: string;
  readonly attachments: readonly StreamAttachment[];
  readonly attachmentLayout: "list" | "carousel";
}

/** A new message in a conversation (`actionConversationId`). */
export interface CreateMessageEvent {
  readonly action: "createMessage";
  readonly actionConversationId: string;
  readonly message: StreamMessage;
}

/** A message the bot edited (updateActivity). */
export interface UpdateMessageEvent {
  readonly action: "updateMessage";
  readonly actionConversationId: string;
  readonly message: StreamMessage;
}

/** The bot sent a typing activity. */
export interface TypingEvent {
  readonly action: "typing";
  readonly actionConversationId: string;
}

/** One frame of ws://…/_ws_conversation/v1/conversations/stream (JSON text). */
export type StreamEvent = CreateMessageEvent | UpdateMessageEvent | TypingEvent;

/**
 * Body of POST /_conversation/v1/invoke for a message-extension invoke: what the web UI's message-extension panel
 * sends as the user types a search (`composeExtension/query`) or pastes a link (`composeExtension/queryLink`). The
 * playground turns it into an `invoke` activity from the compose box and answers with the bot's invoke response.
 */
export interface MessageExtensionInvokeRequest {
  readonly name: "composeExtension/query" | "composeExtension/queryLink";
  readonly conversation: { readonly id: string };
  readonly from: PlaygroundAccount;
  readonly value: Readonly<Record<string, unknown>>;
}

/** Answer to a message-extension invoke: the bot's `composeExtension` (and `task`, unused here), passed through. */
export interface MessageExtensionInvokeResponse {
  readonly composeExtension?: {
    readonly type: string;
    readonly attachmentLayout?: string;
    readonly text?: string;
    readonly attachments?: ReadonlyArray<StreamAttachment & { readonly preview?: StreamAttachment }>;
  };
}

/** Paths of the playground API, relative to its base URL. */
export const PLAYGROUND_PATHS = {
  config: "/_internal/v1/config",
  messages: (conversationId: string) => `/_conversation/v1/conversations/${encodeURIComponent(conversationId)}/messages`,
  submit: "/_conversation/v1/submit",
  invoke: "/_conversation/v1/invoke",
  // The server matches the upgrade path exactly: no query string.
  conversationStream: "/_ws_conversation/v1/conversations/stream",
} as const;
