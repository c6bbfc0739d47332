export * from "./vocabulary";
export * from "./default-vocabulary";
export * from "./vocabulary-collection";
export * from "./vocabulary-store";
export * from "./query-expansion";
