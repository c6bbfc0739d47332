import type { AnyBroadcast, AnyNotification, NotificationOutcome } from "./notification";

/**
 * Tells staff that something needs their attention, through Teams (the activity feed, a bot message, or both via
 * CompositeNotifier). Implementations never throw for a recipient they could not reach: each recipient gets an
 * outcome, so one uninstalled app does not stop an announcement to a thousand people. They do throw AppError
 * bad_request for a notification that is invalid whoever receives it (see `prepareNotification`).
 *
 * @example
 * const outcome = await notifier.notify({
 *   recipient: "6f1c2d3e-1111-2222-3333-0123456789ab",
 *   activityType: "proposalNeedsDecision",
 *   previewText: "Decision due by Friday 14 March",
 *   target: { tab: "governance", entityId: "proposal-118" },
 *   templateParameters: { proposalTitle: "Parking permits 2025" },
 * });
 */
export interface Notifier {
  /** Sends one notification to one person. */
  notify(notification: AnyNotification): Promise<NotificationOutcome>;
  /** Sends one announcement to many people: one outcome per distinct recipient, in first-seen order. */
  broadcast(broadcast: AnyBroadcast): Promise<NotificationOutcome[]>;
}
