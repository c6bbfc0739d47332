export * from "./search-snippet";
export * from "./search-errors";
export * from "./search-hit";
export * from "./kql-query";
export * from "./microsoft-search-engine";
