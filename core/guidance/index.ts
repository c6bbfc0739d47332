export * from "./page";
export * from "./query";
export * from "./stopwords";
export * from "./ports";
export * from "./parse-document";
export * from "./guidance-service";
export * from "./vocabulary";
export * from "./ranking";
