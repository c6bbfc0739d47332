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

/** True when an expectReplies response carries at least one reply activity. */
export function hasReplies(body: string): boolean {
  try {
    const parsed = JSON.parse(body) as { activities?: unknown };
    return Array.isArray(parsed.activities) && parsed.activities.length > 0;
  } catch {
    return false;
  }
}
