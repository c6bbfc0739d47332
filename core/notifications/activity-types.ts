/**
 * The kinds of notification Council Hub sends, each declared once: its Teams activity type (what the Graph activity
 * feed API calls `activityType`), the template Teams renders, the template parameters the sender must supply, the tab
 * it opens and, for sensitive kinds, the only preview text allowed.
 *
 * The manifest's `activities.activityTypes` must list the same types with the same templates, or Graph refuses the
 * notification; `manifestActivityTypes()` renders that JSON from here so the two cannot drift.
 */

/** Static tabs a notification can open (each must be a `staticTabs[].entityId` in the manifest). */
export const NOTIFICATION_TABS = ["adjustments", "governance", "pulse", "newsroom"] as const;

/** A static tab a notification can open. */
export type NotificationTab = (typeof NOTIFICATION_TABS)[number];

/** Longest `activities.activityTypes[].type` the Teams manifest schema accepts. */
export const MAX_ACTIVITY_TYPE_LENGTH = 32;

/** Longest `description` and `templateText` the Teams manifest schema accepts for an activity type. */
export const MAX_ACTIVITY_TEMPLATE_LENGTH = 128;

/** One kind of notification. */
export interface ActivityTypeDefinition {
  /** Shown in the user's Teams notification settings, so people can mute one kind and keep the others. */
  readonly description: string;
  /** Teams' title line; `{actor}` is the app's name on app-only sends, other `{names}` are template parameters. */
  readonly templateText: string;
  /** Every `{name}` in `templateText` except `{actor}`: the sender must give each one. */
  readonly parameters: readonly string[];
  /** The tab the notification opens. */
  readonly tab: NotificationTab;
  /** Heading of the bot-message form of the notification, and the topic line of the activity feed item. */
  readonly title: string;
  /**
   * When set, the preview is always this text, whatever the sender passes (see `prepareNotification`). Used where the
   * subject is special-category personal data: anything more specific could disclose it on a lock screen.
   */
  readonly fixedPreview?: string;
}

/**
 * Every notification kind. The wording is deliberately plain: Teams shows the template line in OS toasts and on
 * lock screens, where anyone near the screen can read it.
 */
export const NOTIFICATION_ACTIVITY_TYPES = {
  adjustmentCaseUpdated: {
    description: "Updates to a case you are part of",
    // Not "your adjustment case": workplace adjustments usually concern disability or health (UK GDPR Article 9
    // special-category data), and even the existence of a case can reveal that. The reference is opaque (e.g. ADJ-1042).
    templateText: "{actor} updated case {caseReference}",
    parameters: ["caseReference"],
    tab: "adjustments",
    title: "Case update",
    fixedPreview: "There is an update for you. Open Council Hub to read it.",
  },
  proposalNeedsDecision: {
    description: "Proposals waiting for your decision",
    templateText: "{actor} needs your decision on {proposalTitle}",
    parameters: ["proposalTitle"],
    tab: "governance",
    title: "Decision needed",
  },
  surveyOpened: {
    description: "New staff surveys",
    templateText: "{actor} opened a survey: {surveyTitle}",
    parameters: ["surveyTitle"],
    tab: "pulse",
    title: "New survey",
  },
  newsPublished: {
    description: "Council news and announcements",
    templateText: "{actor} published {headline}",
    parameters: ["headline"],
    tab: "newsroom",
    title: "Council news",
  },
} as const satisfies Record<string, ActivityTypeDefinition>;

/** A notification kind, e.g. `"adjustmentCaseUpdated"`. */
export type NotificationActivityType = keyof typeof NOTIFICATION_ACTIVITY_TYPES;

/** The template parameters one kind needs, e.g. `{ caseReference: "ADJ-1042" }` for `adjustmentCaseUpdated`. */
export type TemplateParameters<T extends NotificationActivityType> = {
  readonly [K in (typeof NOTIFICATION_ACTIVITY_TYPES)[T]["parameters"][number]]: string;
};

/** Every notification kind, in declaration order. */
export const NOTIFICATION_ACTIVITY_TYPE_NAMES = Object.keys(NOTIFICATION_ACTIVITY_TYPES) as NotificationActivityType[];

/** The definition of one kind, typed loosely enough to read optional fields such as `fixedPreview`. */
export function activityTypeDefinition(type: NotificationActivityType): ActivityTypeDefinition {
  return NOTIFICATION_ACTIVITY_TYPES[type];
}

/** One entry of the manifest's `activities.activityTypes`. */
export interface ManifestActivityType {
  readonly type: string;
  readonly description: string;
  readonly templateText: string;
}

/**
 * The manifest's `activities` section for these kinds, ready to paste into manifest/template/manifest.json.
 *
 * @example
 * JSON.stringify({ activities: manifestActivities() }, null, 2)
 */
export function manifestActivities(): { readonly activityTypes: readonly ManifestActivityType[] } {
  return {
    activityTypes: NOTIFICATION_ACTIVITY_TYPE_NAMES.map((type) => {
      const { description, templateText } = NOTIFICATION_ACTIVITY_TYPES[type];
      return { type, description, templateText };
    }),
  };
}
