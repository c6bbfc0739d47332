import { CardFactory, MessageFactory, type Activity } from "botbuilder";
import {
  distinctRecipients,
  isEntraObjectId,
  prepareContent,
  teamsDeepLink,
  type AnyBroadcast,
  type AnyNotification,
  type ConversationReferenceStore,
  type Notifier,
  type NotificationOutcome,
  type PreparedContent,
  type RecipientId,
} from "../../core";
import { describeError, silentBotLog, type BotLog } from "../bot-log";
import { notificationCard } from "./notification-card";
import type { ProactiveSendQueue } from "./proactive-send-queue";

/** Options for {@link ProactiveNotifier}. */
export interface ProactiveNotifierOptions {
  /** Where the bot saved each person's personal-chat reference. */
  readonly references: ConversationReferenceStore;
  /** Paces and retries the sends (one queue per process, shared by every caller, so the limits hold overall). */
  readonly queue: ProactiveSendQueue;
  /** The Teams app id (the manifest's `id`), for the card's deep link. */
  readonly teamsAppId: string;
  readonly log?: BotLog;
}

/**
 * Notifications as proactive bot messages in each person's personal chat with the bot, sent through the paced queue.
 * People the bot has never met (no stored reference), whose reference went stale, or who are named by UPN (the
 * store is keyed by object id) are skipped, not failed: there is nothing to retry until they open the bot.
 * A 403/404 marks the reference stale.
 */
export class ProactiveNotifier implements Notifier {
  private readonly log: BotLog;

  constructor(private readonly options: ProactiveNotifierOptions) {
    this.log = options.log ?? silentBotLog;
  }

  async notify(notification: AnyNotification): Promise<NotificationOutcome> {
    const content = prepareContent(notification);
    return this.sendTo(notification.recipient.trim(), content, this.activityFor(content));
  }

  /** Every recipient queued at once; the queue spreads them within the tenant rate. */
  async broadcast(broadcast: AnyBroadcast): Promise<NotificationOutcome[]> {
    const content = prepareContent(broadcast);
    const activity = this.activityFor(content);
    return Promise.all(distinctRecipients(broadcast.recipients).map((recipient) => this.sendTo(recipient, content, activity)));
  }

  private activityFor(content: PreparedContent): Partial<Activity> {
    const card = notificationCard(content, teamsDeepLink(this.options.teamsAppId, content.target));
    // `summary` is what Teams shows in the chat list and the toast for a card-only message.
    return { ...MessageFactory.attachment(CardFactory.adaptiveCard(card)), summary: content.previewText };
  }

  private async sendTo(recipient: RecipientId, content: PreparedContent, activity: Partial<Activity>): Promise<NotificationOutcome> {
    const channel = "botMessage";
    if (!isEntraObjectId(recipient)) return { recipient, status: "skipped", channel, reason: "recipientNotAddressable" };
    const reference = await this.options.references.find(recipient);
    if (!reference) return { recipient, status: "skipped", channel, reason: "noConversationReference" };
    if (reference.staleSince) return { recipient, status: "skipped", channel, reason: "staleConversationReference" };

    const outcome = await this.options.queue.send({ id: deliveryId(recipient, content), target: reference, activity });
    if (outcome.status === "sent") return { recipient, status: "delivered", channel };
    if (outcome.stale) await this.markStale(recipient);
    const detail = [outcome.httpStatus !== undefined ? `HTTP ${outcome.httpStatus}` : "no HTTP answer", outcome.code].filter(Boolean).join(" ");
    return { recipient, status: "failed", channel, reason: outcome.reason, detail };
  }

  private async markStale(recipient: RecipientId): Promise<void> {
    try {
      await this.options.references.markStale(recipient);
    } catch (error) {
      // The outcome still says "failed"; the next send will find out again.
      this.log("error", "bot.proactive.mark-stale-failed", describeError(error));
    }
  }
}

/**
 * One delivery's identity: the same notification to the same person, queued twice while the first is still pending,
 * is sent once.
 */
function deliveryId(recipient: RecipientId, content: PreparedContent): string {
  return JSON.stringify([recipient.toLowerCase(), content.activityType, content.target.tab, content.target.entityId, content.previewText, content.templateParameters]);
}
