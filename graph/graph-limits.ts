/**
 * Service limits of Microsoft Graph, SharePoint and Teams that our code must respect, named once so a reviewer can
 * check each against the published documentation instead of hunting for magic numbers.
 *
 * Sources: "Microsoft Graph throttling limits" and "Combine multiple requests in one HTTP call using JSON batching"
 * (learn.microsoft.com/graph), "Manage large lists and libraries" (SharePoint), and "Rate limiting for bots"
 * (learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit).
 */

/** Most sub-requests one JSON `$batch` call may carry; Graph rejects the whole batch with 400 above this. */
export const MAX_BATCH_REQUESTS = 20;

/** Largest `$top` most Graph collections (users, groups, list items) accept; beyond it Graph clamps or errors. */
export const MAX_PAGE_SIZE = 999;

/**
 * SharePoint's list view threshold: a query touching more items than this without an indexed filter fails with
 * "The attempted operation is prohibited because it exceeds the list view threshold", so filter on indexed columns.
 */
export const SHAREPOINT_LIST_VIEW_THRESHOLD = 5000;

/** Retries after a 429/503/504 before the error reaches the caller (the Graph SDK's own default is also 3). */
export const DEFAULT_MAX_RETRIES = 3;

/**
 * Upper bound the Graph SDK's RetryHandlerOptions accepts for maxRetries; it throws above this, so we validate first
 * and give a clearer message.
 */
export const MAX_RETRIES_CEILING = 10;

/** Seconds to wait before a retry when Graph sends no Retry-After header (SDK default; it adds jitter and backoff). */
export const DEFAULT_RETRY_DELAY_SECONDS = 3;

/** Longest wait the Graph SDK allows between retries, in seconds, even if Retry-After asks for more. */
export const MAX_RETRY_DELAY_SECONDS = 180;

/** Teams bot sends to one conversation (thread): at most this many per second... */
export const TEAMS_THREAD_MESSAGES_PER_SECOND = 7;

/** ...at most this many in any 2-second window... */
export const TEAMS_THREAD_MESSAGES_PER_2_SECONDS = 8;

/** ...at most this many in any 30-second window... */
export const TEAMS_THREAD_MESSAGES_PER_30_SECONDS = 60;

/** ...and at most this many in any hour, per bot per thread. Above any of these Teams answers 429. */
export const TEAMS_THREAD_MESSAGES_PER_HOUR = 1800;

/**
 * Teams bot API calls across all conversations: the documented global limit per app per tenant, in requests per
 * second ("Rate limiting for bots"). Microsoft says exact values may change, so senders must still back off on 429.
 */
export const TEAMS_APP_REQUESTS_PER_SECOND_PER_TENANT = 50;

/**
 * What a proactive sender (announcements to many staff) should aim for: below the global limit, leaving headroom for
 * the bot's interactive replies in the same tenant.
 */
export const TEAMS_PROACTIVE_SEND_TARGET_PER_SECOND = 30;

/** The scope a daemon (client-credentials) token for Microsoft Graph must ask for: app permissions are pre-consented. */
export const GRAPH_DEFAULT_SCOPE = "https://graph.microsoft.com/.default";

/** Microsoft Graph's global (commercial cloud) endpoint, which UK councils on Microsoft 365 E3/E5 use. */
export const GRAPH_BASE_URL = "https://graph.microsoft.com";
