export * from "./graph-limits";
export * from "./token-provider";
export * from "./fetch-handler";
export * from "./graph-client-factory";
export * from "./page-iterator";
