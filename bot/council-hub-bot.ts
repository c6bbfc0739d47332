import {
  CardFactory,
  MessageFactory,
  TeamsActivityHandler,
  type AppBasedLinkQuery,
  type MessagingExtensionQuery,
  type MessagingExtensionResponse,
  type TurnContext,
} from "botbuilder";
import type { ConversationReferenceStore, HubServices } from "../core";
import { silentBotLog, type BotLog } from "./bot-log";
import type { AdaptiveCard } from "./cards";
import { searchGuidance, unfurlLink, type MessageExtensionContext } from "./message-extension";
import { answerQuestion, explainUnreadableSubmit, recordFeedback, showHelp, welcomeMembers, type BotTurn } from "./handlers";
import { captureConversationReferences } from "./proactive/conversation-capture";
import { readMessage } from "./read-message";

/** What the bot needs from the host. */
export interface CouncilHubBotOptions {
  /** Core use cases; the bot calls these and nothing lower (no SQL, no Graph). */
  readonly services: HubServices;
  /** Public base URL of the host (e.g. https://hub.example.gov.uk), for links into the tabs. */
  readonly publicUrl: string;
  /** Where the bot reports what it did. Defaults to silent. */
  readonly log?: BotLog;
  /** Where to remember each person's personal chat for proactive messages. Absent: nothing is stored. */
  readonly conversationReferences?: ConversationReferenceStore;
}

/**
 * The Council Hub Teams bot. Each handler works out what happened, calls one use case and replies with a card.
 * It never catches errors itself: the adapter's single `onTurnError` (see createBotAdapter) turns an AppError into
 * its user-safe message and anything else into a logged, generic apology.
 *
 * @example
 * const bot = new CouncilHubBot({ services, publicUrl: config.publicUrl, log });
 * app.post("/api/messages", (req, res) => adapter.process(req, res, (context) => bot.run(context)));
 */
export class CouncilHubBot extends TeamsActivityHandler {
  private readonly options: Required<Omit<CouncilHubBotOptions, "conversationReferences">>;

  constructor(options: CouncilHubBotOptions) {
    super();
    this.options = { log: silentBotLog, ...options };
    if (options.conversationReferences) captureConversationReferences(this, { store: options.conversationReferences, log: this.options.log });

    this.onMessage(async (context, next) => {
      const turn = this.turnFor(context);
      const request = readMessage(context.activity);
      switch (request.kind) {
        case "help":
          await showHelp(turn);
          break;
        case "question":
          await answerQuestion(turn, request.question);
          break;
        case "feedback":
          await recordFeedback(turn, request.feedback);
          break;
        case "unreadable-submit":
          await explainUnreadableSubmit(turn);
          break;
      }
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      await welcomeMembers(this.turnFor(context), context.activity);
      await next();
    });
  }

  /** `composeExtension/query`: the search message extension. Answers bad input with a message, never an error. */
  protected override async handleTeamsMessagingExtensionQuery(_context: TurnContext, query: MessagingExtensionQuery): Promise<MessagingExtensionResponse> {
    return searchGuidance(this.messageExtensionContext(), query);
  }

  /** `composeExtension/queryLink`: unfurls a pasted Guidance tab link or original page link into the page's card. */
  protected override async handleTeamsAppBasedLinkQuery(_context: TurnContext, query: AppBasedLinkQuery): Promise<MessagingExtensionResponse> {
    return unfurlLink(this.messageExtensionContext(), query);
  }

  private messageExtensionContext(): MessageExtensionContext {
    const { services, publicUrl, log } = this.options;
    return { services, publicUrl, log };
  }

  private turnFor(context: TurnContext): BotTurn {
    const { services, publicUrl, log } = this.options;
    return {
      services,
      publicUrl,
      log,
      sendCard: async (card: AdaptiveCard) => {
        await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card), undefined, card.speak));
      },
      sendText: async (text: string) => {
        await context.sendActivity(MessageFactory.text(text, text));
      },
    };
  }
}
