export * from "./search-snippet";
export * from "./search-errors";
export * from "./search-hit";
export * from "./microsoft-search-engine";
