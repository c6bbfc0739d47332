/**
 * Limits of the Teams activity feed API ("teamwork: sendActivityNotificationToRecipients" and "Send activity feed
 * notifications to users in Microsoft Teams", learn.microsoft.com/graph).
 */

/** Most recipients one `POST /teamwork/sendActivityNotificationToRecipients` may name ("an upper limit of 100"). */
export const MAX_ACTIVITY_NOTIFICATION_RECIPIENTS = 100;
