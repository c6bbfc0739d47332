import type { AnyBroadcast, AnyNotification, NotificationOutcome } from "./notification";
import type { Notifier } from "./notifier";

/** Options for {@link CompositeNotifier}. */
export interface CompositeNotifierOptions {
  /** Tried first, for everyone: the activity feed in Council Hub's composition. */
  readonly primary: Notifier;
  /** Tried only for recipients the primary could not reach: the bot. */
  readonly fallback: Notifier;
  /** Which primary outcomes earn a second try; default: every `failed` one (never `delivered`, never `skipped`). */
  readonly shouldFallBack?: (outcome: NotificationOutcome) => boolean;
  /**
   * Told when the fallback itself throws (e.g. its store is down). The primary's outcomes are still returned, so a
   * caller never loses the record of who was reached and sends again to them.
   */
  readonly onFallbackError?: (error: unknown) => void;
}

const failedOnly = (outcome: NotificationOutcome): boolean => outcome.status === "failed";

/**
 * Sends through the primary notifier and, for recipients it failed, through the fallback, so each person is told
 * once. Council Hub composes it feed-first, bot-second:
 * - the activity feed is what Teams designed for "this needs you": each kind appears in the person's notification
 *   settings, so they can mute surveys and keep decisions, whereas a bot chat can only be muted as a whole;
 * - it scales: 100 recipients per Graph call, against the bot's per-tenant message rate (an all-staff announcement
 *   to 5,000 people is 50 calls instead of about three minutes of paced bot messages);
 * - it needs no stored state, so it reaches people for whom the bot never saw an install event;
 * - Microsoft's guidance is to avoid notifying the same thing through both, hence a fallback rather than both.
 * The bot is the fallback because it still works when the feed does not: Graph throttled or down, TeamsActivity.Send
 * not yet consented, or an activity type missing from the manifest. A failure after a 5xx may in rare cases mean
 * the feed item did arrive, so a person can then be told twice; that is preferred to being told never.
 *
 * For a kind that should go bot-first, compose another instance with the two swapped.
 */
export class CompositeNotifier implements Notifier {
  private readonly shouldFallBack: (outcome: NotificationOutcome) => boolean;

  constructor(private readonly options: CompositeNotifierOptions) {
    this.shouldFallBack = options.shouldFallBack ?? failedOnly;
  }

  /** Primary first; the fallback only if the primary's outcome qualifies. */
  async notify(notification: AnyNotification): Promise<NotificationOutcome> {
    const first = await this.options.primary.notify(notification);
    if (!this.shouldFallBack(first)) return first;
    try {
      return preferDelivered(first, await this.options.fallback.notify(notification));
    } catch (error) {
      this.options.onFallbackError?.(error);
      return first;
    }
  }

  /** One primary broadcast, then one fallback broadcast to those it failed; outcomes in the primary's order. */
  async broadcast(broadcast: AnyBroadcast): Promise<NotificationOutcome[]> {
    const first = await this.options.primary.broadcast(broadcast);
    const retry = first.filter((outcome) => this.shouldFallBack(outcome));
    if (retry.length === 0) return first;
    let second: NotificationOutcome[];
    try {
      second = await this.options.fallback.broadcast({ ...broadcast, recipients: retry.map((outcome) => outcome.recipient) });
    } catch (error) {
      this.options.onFallbackError?.(error);
      return first;
    }
    const byRecipient = new Map(second.map((outcome) => [outcome.recipient.toLowerCase(), outcome]));
    return first.map((outcome) => {
      const fallback = this.shouldFallBack(outcome) ? byRecipient.get(outcome.recipient.toLowerCase()) : undefined;
      return fallback ? preferDelivered(outcome, fallback) : outcome;
    });
  }
}

/**
 * The fallback's outcome if it delivered; otherwise the primary's, since the preferred channel's failure is the one
 * an operator needs to fix (a fallback "no conversation reference" says little about why the feed failed).
 */
function preferDelivered(primary: NotificationOutcome, fallback: NotificationOutcome): NotificationOutcome {
  return fallback.status === "delivered" ? fallback : primary;
}
