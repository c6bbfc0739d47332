export * from "./confidential-client";
export * from "./user-token-cache";
export * from "./obo-errors";
export * from "./obo-token-provider";
