import type { Client } from "@microsoft/microsoft-graph-client";
import {
  distinctRecipients,
  isEntraObjectId,
  prepareContent,
  type AnyBroadcast,
  type AnyNotification,
  type Notifier,
  type NotificationOutcome,
  type PreparedContent,
  type RecipientId,
} from "../../core";
import { feedFailure } from "./activity-feed-errors";
import { MAX_ACTIVITY_NOTIFICATION_RECIPIENTS } from "./activity-feed-limits";
import { activityNotificationBody, activityNotificationToRecipientsBody, activityTopic, type ActivityTopic, type ActivityTopicMode } from "./activity-feed-request";

/** Options for {@link ActivityFeedNotifier}. */
export interface ActivityFeedNotifierOptions {
  /**
   * An app-only Graph client (createGraphClient with a client-credentials token provider): the app, not a signed-in
   * person, is the sender, and its RetryHandler retries 429/503/504 honouring Retry-After. Needs the
   * TeamsActivity.Send application permission (or the RSC permission TeamsActivity.Send.User).
   */
  readonly client: Client;
  /** The Teams app id (the manifest's `id`), for the deep links in text topics. */
  readonly teamsAppId: string;
  /** Topic style; default `{ source: "text" }` (deep link to the item). */
  readonly topic?: ActivityTopicMode;
}

/**
 * Notifications in the Teams activity feed through Microsoft Graph. One person: `POST
 * /users/{id}/teamwork/sendActivityNotification` (object id or UPN). Many: `POST
 * /teamwork/sendActivityNotificationToRecipients` in batches of 100 object ids; recipients given as UPNs, which the
 * bulk call cannot take, are sent one by one.
 *
 * The recipient must have the Council Hub app installed, and each activity type must be declared in the manifest.
 *
 * @example
 * const feed = new ActivityFeedNotifier({ client: createGraphClient({ tokenProvider }), teamsAppId: config.teamsAppId });
 * await feed.broadcast({ recipients, activityType: "newsPublished", previewText: "Bin collections change from June",
 *   target: { tab: "newsroom", entityId: "news-2025-05-bins" }, templateParameters: { headline: "Bin collections" } });
 */
export class ActivityFeedNotifier implements Notifier {
  private readonly topicMode: ActivityTopicMode;

  constructor(private readonly options: ActivityFeedNotifierOptions) {
    this.topicMode = options.topic ?? { source: "text" };
  }

  /** One per-user call. */
  async notify(notification: AnyNotification): Promise<NotificationOutcome> {
    const content = prepareContent(notification);
    return this.sendToOne(notification.recipient.trim(), content, this.topicFor(content));
  }

  /** Bulk calls of at most 100 object ids, in order; UPN recipients one by one after them. */
  async broadcast(broadcast: AnyBroadcast): Promise<NotificationOutcome[]> {
    const content = prepareContent(broadcast);
    const topic = this.topicFor(content);
    const recipients = distinctRecipients(broadcast.recipients);
    const objectIds = recipients.filter(isEntraObjectId);
    const outcomes = new Map<RecipientId, NotificationOutcome>();

    for (let start = 0; start < objectIds.length; start += MAX_ACTIVITY_NOTIFICATION_RECIPIENTS) {
      const batch = objectIds.slice(start, start + MAX_ACTIVITY_NOTIFICATION_RECIPIENTS);
      for (const outcome of await this.sendBatch(batch, content, topic)) outcomes.set(outcome.recipient, outcome);
    }
    for (const upn of recipients.filter((recipient) => !isEntraObjectId(recipient))) {
      outcomes.set(upn, await this.sendToOne(upn, content, topic));
    }
    return recipients.map((recipient) => outcomes.get(recipient) as NotificationOutcome);
  }

  private topicFor(content: PreparedContent): ActivityTopic {
    return activityTopic(content, this.options.teamsAppId, this.topicMode);
  }

  private async sendToOne(recipient: RecipientId, content: PreparedContent, topic: ActivityTopic): Promise<NotificationOutcome> {
    try {
      await this.options.client.api(`/users/${encodeURIComponent(recipient)}/teamwork/sendActivityNotification`).post(activityNotificationBody(content, topic));
      return { recipient, status: "delivered", channel: "activityFeed" };
    } catch (error) {
      return { recipient, status: "failed", channel: "activityFeed", ...feedFailure(error, false) };
    }
  }

  /** One bulk call: Graph accepts (202) or refuses the whole batch, so every recipient in it shares the outcome. */
  private async sendBatch(userIds: readonly string[], content: PreparedContent, topic: ActivityTopic): Promise<NotificationOutcome[]> {
    try {
      await this.options.client.api("/teamwork/sendActivityNotificationToRecipients").post(activityNotificationToRecipientsBody(content, topic, userIds));
      return userIds.map((recipient) => ({ recipient, status: "delivered", channel: "activityFeed" }));
    } catch (error) {
      const failure = feedFailure(error, true);
      return userIds.map((recipient) => ({ recipient, status: "failed", channel: "activityFeed", ...failure }));
    }
  }
}
