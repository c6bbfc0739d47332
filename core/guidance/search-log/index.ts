export * from "./calendar-day";
export * from "./search-log-collection";
export * from "./search-log";
export * from "./search-log-retention";
export * from "./redact-identifiers";
