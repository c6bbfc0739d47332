export * from "./bot-log";
export * from "./council-hub-bot";
export * from "./create-adapter";
export * from "./turn-error";
export * from "./read-message";
export * from "./cards";
export * from "./handlers";
export * from "./validate-incoming-activity";
