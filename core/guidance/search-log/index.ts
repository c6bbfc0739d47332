export * from "./search-log-collection";
export * from "./search-log";
export * from "./search-log-retention";
export * from "./redact-identifiers";
export * from "./query-text";
export * from "./delete-where";
export * from "./search-log-purge";
