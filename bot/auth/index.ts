export * from "./bot-framework-endpoints";
export * from "./connector-token-credentials";
export * from "./guarded-cloud-adapter";
export * from "./inbound-claims";
