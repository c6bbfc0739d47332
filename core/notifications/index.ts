export * from "./activity-types";
export * from "./notification";
export * from "./notifier";
export * from "./prepare-notification";
export * from "./deep-link";
export * from "./conversation-reference-store";
export * from "./composite-notifier";
