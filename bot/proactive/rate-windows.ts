import {
  TEAMS_PROACTIVE_SEND_TARGET_PER_SECOND,
  TEAMS_THREAD_MESSAGES_PER_2_SECONDS,
  TEAMS_THREAD_MESSAGES_PER_30_SECONDS,
  TEAMS_THREAD_MESSAGES_PER_HOUR,
  TEAMS_THREAD_MESSAGES_PER_SECOND,
} from "../../graph/graph-limits";

/** At most `limit` sends in any `windowMs` milliseconds. */
export interface RateWindow {
  readonly limit: number;
  readonly windowMs: number;
}

const SECOND_MS = 1000;
const HOUR_MS = 60 * 60 * SECOND_MS;

/**
 * Teams' per-bot, per-thread limits for "send to conversation" ("Rate limiting for bots"): 7 in any second, 8 in any
 * 2 seconds, 60 in any 30 seconds, 1,800 in any hour. A personal chat is one thread, so these only bite when one
 * person gets many messages; the 2-second window is what keeps a burst to 4 a second after the first second.
 */
export const TEAMS_THREAD_WINDOWS: readonly RateWindow[] = [
  { limit: TEAMS_THREAD_MESSAGES_PER_SECOND, windowMs: SECOND_MS },
  { limit: TEAMS_THREAD_MESSAGES_PER_2_SECONDS, windowMs: 2 * SECOND_MS },
  { limit: TEAMS_THREAD_MESSAGES_PER_30_SECONDS, windowMs: 30 * SECOND_MS },
  { limit: TEAMS_THREAD_MESSAGES_PER_HOUR, windowMs: HOUR_MS },
];

/**
 * All proactive sends of this app in one tenant. Teams allows 50 requests a second per app per tenant across every
 * bot API call; proactive sends aim for 30, leaving room for the bot's interactive replies (Microsoft's page has
 * given both 30 and 50 over time, and 30 is safe under either).
 */
export const TEAMS_TENANT_WINDOWS: readonly RateWindow[] = [{ limit: TEAMS_PROACTIVE_SEND_TARGET_PER_SECOND, windowMs: SECOND_MS }];
