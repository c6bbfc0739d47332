export * from "./refreshing-value";
export * from "./term-runs";
export * from "./opening-snippet";
export * from "./search-curation";
export * from "./read-all-records";
