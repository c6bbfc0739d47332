import { teamsDeepLink, type PreparedContent } from "../../core";
import { GRAPH_BASE_URL } from "../graph-limits";

/**
 * What the notification's topic line points at:
 * - `text` (default): the kind's title, linking to the item through a Teams deep link (`webUrl`), so selecting the
 *   notification opens the tab at that item;
 * - `entityUrl`: the app itself in the Teams app catalog. Teams then names the topic after the app and opens it at
 *   its default tab: no item. For tenants that prefer the app's own name on every notification.
 */
export type ActivityTopicMode = { readonly source: "text" } | { readonly source: "entityUrl"; readonly catalogAppId: string };

/** Graph's `teamworkActivityTopic`. */
export type ActivityTopic =
  | { readonly source: "text"; readonly value: string; readonly webUrl: string }
  | { readonly source: "entityUrl"; readonly value: string };

/** The body of `POST /users/{id}/teamwork/sendActivityNotification`. */
export interface ActivityNotificationBody {
  readonly topic: ActivityTopic;
  readonly activityType: string;
  readonly previewText: { readonly content: string };
  readonly templateParameters: ReadonlyArray<{ readonly name: string; readonly value: string }>;
}

/** Graph's `aadUserNotificationRecipient`: the only recipient type the bulk endpoint accepts. */
export interface AadUserNotificationRecipient {
  readonly "@odata.type": "microsoft.graph.aadUserNotificationRecipient";
  readonly userId: string;
}

/** The body of `POST /teamwork/sendActivityNotificationToRecipients`. */
export interface ActivityNotificationToRecipientsBody extends ActivityNotificationBody {
  readonly recipients: readonly AadUserNotificationRecipient[];
}

/** The topic for `content` in the given mode. */
export function activityTopic(content: PreparedContent, teamsAppId: string, mode: ActivityTopicMode): ActivityTopic {
  if (mode.source === "entityUrl") {
    // Graph resolves the entity URL itself, so it must name real Graph even when requests go to a test fake.
    return { source: "entityUrl", value: `${GRAPH_BASE_URL}/v1.0/appCatalogs/teamsApps/${encodeURIComponent(mode.catalogAppId)}` };
  }
  return { source: "text", value: content.title, webUrl: teamsDeepLink(teamsAppId, content.target) };
}

/** The single-recipient body (the recipient is in the URL). */
export function activityNotificationBody(content: PreparedContent, topic: ActivityTopic): ActivityNotificationBody {
  return {
    topic,
    activityType: content.activityType,
    previewText: { content: content.previewText },
    templateParameters: content.templateParameters.map(({ name, value }) => ({ name, value })),
  };
}

/** The bulk body for up to MAX_ACTIVITY_NOTIFICATION_RECIPIENTS object ids. */
export function activityNotificationToRecipientsBody(content: PreparedContent, topic: ActivityTopic, userIds: readonly string[]): ActivityNotificationToRecipientsBody {
  return {
    ...activityNotificationBody(content, topic),
    recipients: userIds.map((userId) => ({ "@odata.type": "microsoft.graph.aadUserNotificationRecipient", userId })),
  };
}
