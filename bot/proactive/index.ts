export * from "./rate-windows";
export * from "./sliding-window-limiter";
export * from "./send-retry-policy";
export * from "./connector-sender";
export * from "./proactive-send-queue";
export * from "./conversation-capture";
export * from "./notification-card";
export * from "./proactive-notifier";
