export * from "./token-validator";
export * from "./dev-issuer";
export * from "./auth-errors";
export * from "./jwks-key-set";
export * from "./entra-keys";
export * from "./authenticate";
