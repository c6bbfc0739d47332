import { randomUUID } from "node:crypto";

/** Tenant and ids the bench's activities claim; made up, and shaped like Teams' own. */
const BENCH_TENANT_ID = "00000000-0000-4000-8000-00000000be0c";
const BENCH_SERVICE_URL = "https://smba.trafficmanager.net/uk/";

/**
 * A Teams personal-chat message as the Bot Framework channel would POST it, asking for the replies in the HTTP
 * response (`expectReplies`) so no outbound call to the connector is made. One conversation per load lane.
 */
export function teamsMessage(text: string, lane: number): Record<string, unknown> {
  return {
    type: "message",
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: "msteams",
    serviceUrl: BENCH_SERVICE_URL,
    locale: "en-GB",
    deliveryMode: "expectReplies",
    from: { id: `29:bench-user-${lane}`, name: "Bench User", aadObjectId: `00000000-0000-4000-8000-${String(lane).padStart(12, "0")}` },
    recipient: { id: "28:council-hub-bench", name: "Council Hub" },
    conversation: { id: `a:bench-conversation-${lane}`, conversationType: "personal", tenantId: BENCH_TENANT_ID },
    channelData: { tenant: { id: BENCH_TENANT_ID } },
    text,
    textFormat: "plain",
  };
}

interface ReplyActivity {
  readonly text?: unknown;
  readonly attachments?: ReadonlyArray<{ readonly contentType?: unknown }>;
}

/** The reply activities of an expectReplies response body; empty when the body is not one. */
export function replies(body: string): ReplyActivity[] {
  try {
    const parsed = JSON.parse(body) as { activities?: unknown };
    return Array.isArray(parsed.activities) ? (parsed.activities as ReplyActivity[]) : [];
  } catch {
    return [];
  }
}

/**
 * True when the bot answered with an Adaptive Card. A turn that failed still gets a 200 and a plain-text apology
 * from onTurnError, which must not count as a (suspiciously fast) answer.
 */
export function hasAdaptiveCard(body: string): boolean {
  return replies(body).some((a) => a.attachments?.some((att) => att.contentType === "application/vnd.microsoft.card.adaptive"));
}

/** True when the bot replied with exactly `text`, as the echo baseline should. */
export const echoes =
  (text: string) =>
  (body: string): boolean =>
    replies(body).some((a) => a.text === text);
