export * from "./api-types";
export * from "./api-error";
export * from "./api-client";
export * from "./teams-context";
export * from "./dev-session";
export * from "./use-hub-session";
export * from "./dev-sign-in";
export * from "./app-shell";
