import { GraphError } from "@microsoft/microsoft-graph-client";
import type { NotificationFailureReason } from "../../core";

/** How a failed activity feed call is reported for its recipients. */
export interface FeedFailure {
  readonly reason: NotificationFailureReason;
  /** Status and Graph error code only: Graph's messages can quote ids and are not for end users. */
  readonly detail: string;
}

/**
 * Classifies what the Graph client threw once its RetryHandler had given up (429/503/504 have already been retried,
 * honouring Retry-After). A 403/404 on a single-user call means that person cannot be reached (no app installed, no
 * such user). On a bulk call it cannot be about one person, so it is `rejected`: most likely the app lacks the
 * TeamsActivity.Send permission, which an operator must grant.
 */
export function feedFailure(error: unknown, bulk: boolean): FeedFailure {
  if (!(error instanceof GraphError)) return { reason: "unavailable", detail: error instanceof Error ? error.name : "unknown error" };
  const status = error.statusCode;
  const detail = `HTTP ${status}${error.code ? ` ${error.code}` : ""}`;
  if (status === 429) return { reason: "throttled", detail };
  // -1: no HTTP answer at all (connection refused, TLS, timeout).
  if (status === -1 || status >= 500) return { reason: "unavailable", detail };
  if (!bulk && (status === 403 || status === 404)) return { reason: "recipientUnreachable", detail };
  return { reason: "rejected", detail };
}
