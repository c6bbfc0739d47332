export * from "./validate";
export * from "./error-handler";
export * from "./security-headers";
export * from "./close-server";
