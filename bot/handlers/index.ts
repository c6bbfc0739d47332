export * from "./bot-turn";
export * from "./answer-question";
export * from "./record-feedback";
export * from "./show-help";
export * from "./welcome-members";
export * from "./explain-unreadable-submit";
