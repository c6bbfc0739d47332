/**
 * When the query log's retention rule (SEARCH_LOG_RETENTION_MONTHS) is applied by a running host: a minute after
 * start (not during it, so start stays quick even on a large SharePoint list), then once a day.
 */
export const SEARCH_LOG_FIRST_PURGE_MS = 60_000;
export const SEARCH_LOG_PURGE_INTERVAL_MS = 24 * 60 * 60 * 1000;
