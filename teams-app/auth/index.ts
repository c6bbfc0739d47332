export * from "./token-validator";
export * from "./dev-issuer";
export * from "./entra-keys";
export * from "./authenticate";
