import type { Activity, CloudAdapter, ConversationReference, TurnContext } from "botbuilder";
import type { ConversationTarget } from "../../core";
import { describeError, silentBotLog, type BotLog } from "../bot-log";
import { parseRetryAfterMs, type SendAttemptResult } from "./send-retry-policy";

/** What of the adapter a proactive send uses: createBotAdapter's CloudAdapter fits. */
export type ProactiveAdapter = Pick<CloudAdapter, "continueConversationAsync" | "ConnectorClientKey">;

/** Options for {@link BotConnectorSender}. */
export interface BotConnectorSenderOptions {
  /** The adapter the bot runs on (its credentials sign the outbound call). */
  readonly adapter: ProactiveAdapter;
  /** The bot's app id; "" when the host runs without one (local development). */
  readonly botAppId: string;
  readonly log?: BotLog;
  /** For Retry-After given as an HTTP date; defaults to Date.now. */
  readonly nowMs?: () => number;
}

/**
 * Name of @azure/core-rest-pipeline's retry policy inside the Bot Connector client (its exported
 * `defaultRetryPolicyName`, not imported because that package is only botbuilder's dependency, not ours).
 */
const AZURE_DEFAULT_RETRY_POLICY = "defaultRetryPolicy";

/**
 * The connector client's private `client` (an @azure/core-client ServiceClient) and its pipeline: the one way to
 * reach the retry policy, as botbuilder passes no retry options through.
 */
interface ConnectorPipelineHolder {
  readonly client?: { readonly pipeline?: { removePolicy(options: { name: string }): unknown[] } };
}

/**
 * Sends one activity into a stored conversation with `adapter.continueConversationAsync` and reports what the Bot
 * Connector answered, without throwing.
 *
 * Two botbuilder behaviours are deliberately side-stepped:
 * - a failure inside the turn would reach the adapter's `onTurnError`, which logs it, tries to post an apology into
 *   the same (failing) conversation and swallows the error, so the caller would think the message went; the send
 *   error is therefore caught inside the turn and returned;
 * - the connector client retries 429/5xx itself (up to 3 times, real timers, Retry-After only on 429/503), which
 *   would multiply with the queue's retries and hide them from its clock. Its retry policy is removed for proactive
 *   turns so that ProactiveSendQueue alone decides, paces and counts every attempt.
 */
export class BotConnectorSender {
  private readonly log: BotLog;
  private readonly nowMs: () => number;
  private warnedRetryPolicy = false;

  constructor(private readonly options: BotConnectorSenderOptions) {
    this.log = options.log ?? silentBotLog;
    this.nowMs = options.nowMs ?? Date.now;
  }

  /** One attempt: no retries here (see ProactiveSendQueue). */
  async send(target: ConversationTarget, activity: Partial<Activity>): Promise<SendAttemptResult> {
    let result: SendAttemptResult | undefined;
    try {
      await this.options.adapter.continueConversationAsync(this.options.botAppId, toConversationReference(target), async (context: TurnContext) => {
        this.disableConnectorRetries(context);
        // botbuilder stamps the continuation event with a random id and would reply to it (POST …/activities/{id});
        // without it the message is a plain "send to conversation", a new message in the chat.
        delete context.activity.id;
        try {
          const response = await context.sendActivity(activity);
          result = { ok: true, ...(response?.id ? { activityId: response.id } : {}) };
        } catch (error) {
          result = this.failureOf(error);
        }
      });
    } catch (error) {
      // Failed before the turn ran: no connector client or no token for the bot.
      result = this.failureOf(error);
    }
    return result ?? { ok: false };
  }

  private disableConnectorRetries(context: TurnContext): void {
    const connector = context.turnState.get<ConnectorPipelineHolder | undefined>(this.options.adapter.ConnectorClientKey);
    const pipeline = connector?.client?.pipeline;
    if (typeof pipeline?.removePolicy === "function") {
      pipeline.removePolicy({ name: AZURE_DEFAULT_RETRY_POLICY });
    } else if (!this.warnedRetryPolicy) {
      // A botbuilder upgrade moved the pipeline: sends still work, with the client's own retries layered under ours.
      this.warnedRetryPolicy = true;
      this.log("warn", "bot.proactive.connector-retries-not-disabled");
    }
  }

  private failureOf(error: unknown): SendAttemptResult {
    const details = error as { statusCode?: unknown; code?: unknown; response?: { headers?: { get?(name: string): string | undefined } } } | undefined;
    const status = typeof details?.statusCode === "number" ? details.statusCode : undefined;
    const code = typeof details?.code === "string" ? details.code : undefined;
    const retryAfterMs = parseRetryAfterMs(details?.response?.headers?.get?.("retry-after"), this.nowMs());
    if (status === undefined) this.log("warn", "bot.proactive.send-error", describeError(error));
    return { ok: false, ...(status !== undefined ? { status } : {}), ...(retryAfterMs !== undefined ? { retryAfterMs } : {}), ...(code ? { code } : {}) };
  }
}

/** The botbuilder reference for a stored target: a personal conversation, addressed by ids only. */
export function toConversationReference(target: ConversationTarget): Partial<ConversationReference> {
  return {
    channelId: target.channelId,
    serviceUrl: target.serviceUrl,
    bot: { id: target.botId, name: "" },
    user: { id: target.userId, name: "", aadObjectId: target.aadObjectId },
    // No activityId: the message starts a new line in the chat rather than replying to an old one.
    conversation: { id: target.conversationId, tenantId: target.tenantId, conversationType: "personal", isGroup: false, name: "" },
  };
}
