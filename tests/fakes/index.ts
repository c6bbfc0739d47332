export * from "./test-tls";
export * from "./trusting-fetch";
export * from "./graph-fake";
