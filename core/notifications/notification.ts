import type { NotificationActivityType, NotificationTab, TemplateParameters } from "./activity-types";

/**
 * Longest preview Teams shows: the activity feed API keeps only the first 150 characters, so anything longer is
 * refused here rather than silently cut mid-word.
 */
export const MAX_PREVIEW_TEXT_LENGTH = 150;

/** Where selecting the notification takes the user: a Council Hub tab, opened at one item. */
export interface DeepLinkTarget {
  /** The static tab's manifest `entityId`. */
  readonly tab: NotificationTab;
  /** The item to open, passed to the tab as its sub-page id (e.g. a case or proposal id). Not personal data. */
  readonly entityId: string;
}

/**
 * Who receives a notification: an Entra object id (a GUID, preferred: every channel can address it) or a UPN
 * (only the per-user activity feed call accepts one; bulk sends and bot messages need the object id).
 */
export type RecipientId = string;

/** The fields every notification kind shares, whether to one person or many. */
interface NotificationContent<T extends NotificationActivityType> {
  /** Which kind; decides the template, the tab and whether the preview is fixed. */
  readonly activityType: T;
  /**
   * One short line (at most 150 characters) shown under the title in the feed, the OS toast and the lock screen.
   * Never put special-category details here (health, disability, ethnicity, religion, sexual orientation, trade union
   * membership: UK GDPR Article 9): previews are visible to anyone who can see the screen, are kept in the feed for
   * 30 days and are sent through Microsoft's notification services. Say that something changed, not what.
   */
  readonly previewText: string;
  /** What selecting the notification opens. */
  readonly target: DeepLinkTarget;
  /** Values for the `{placeholders}` of the kind's template (the same rule as the preview applies to them). */
  readonly templateParameters: TemplateParameters<T>;
}

/** A notification to one person. */
export interface Notification<T extends NotificationActivityType = NotificationActivityType> extends NotificationContent<T> {
  readonly recipient: RecipientId;
}

/** An announcement to many people (e.g. news to a department). Duplicate recipients receive it once. */
export interface Broadcast<T extends NotificationActivityType = NotificationActivityType> extends NotificationContent<T> {
  readonly recipients: readonly RecipientId[];
}

/** Any notification, with its template parameters checked against its own kind. */
export type AnyNotification = { [T in NotificationActivityType]: Notification<T> }[NotificationActivityType];

/** Any broadcast, with its template parameters checked against its own kind. */
export type AnyBroadcast = { [T in NotificationActivityType]: Broadcast<T> }[NotificationActivityType];

/** How a notification reached (or failed to reach) someone. */
export type NotificationChannel = "activityFeed" | "botMessage";

/** Why a send failed after any retries. */
export type NotificationFailureReason =
  /** 403/404: the app or bot is not installed for the person, the conversation is gone, or the user no longer exists. */
  | "recipientUnreachable"
  /** Still throttled (429) after the bounded retries. */
  | "throttled"
  /** The service kept failing (5xx, timeouts, no answer) after the bounded retries. */
  | "unavailable"
  /** Refused for another reason (400, 401, 412...): our request, manifest or credentials need fixing. */
  | "rejected";

/** Why nobody tried to send. */
export type NotificationSkipReason =
  /** The bot has never been installed or spoken to by this person, so there is no conversation to post into. */
  | "noConversationReference"
  /** The last send found the bot uninstalled; the reference is kept but not used until the person returns. */
  | "staleConversationReference"
  /** The channel needs an Entra object id and the recipient was given as a UPN. */
  | "recipientNotAddressable";

/** The result for one recipient. */
export type NotificationOutcome =
  /**
   * Accepted by the channel. For bot messages Teams has stored the message; for the activity feed Graph has accepted
   * the request (bulk sends answer 202 and deliver later, so a recipient without the app is not reported back).
   */
  | { readonly recipient: RecipientId; readonly status: "delivered"; readonly channel: NotificationChannel }
  | {
      readonly recipient: RecipientId;
      readonly status: "failed";
      readonly channel: NotificationChannel;
      readonly reason: NotificationFailureReason;
      /** For operators: the HTTP status and service error code (never message text or personal data). */
      readonly detail?: string;
    }
  | { readonly recipient: RecipientId; readonly status: "skipped"; readonly channel: NotificationChannel; readonly reason: NotificationSkipReason };
