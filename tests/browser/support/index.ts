export * from "./browser";
export * from "./build-tabs";
export * from "./start-host";
export * from "./playground-chat";
export * from "./tab-test-bed";
