export * from "./activity-feed-limits";
export * from "./activity-feed-request";
export * from "./activity-feed-errors";
export * from "./activity-feed-notifier";
