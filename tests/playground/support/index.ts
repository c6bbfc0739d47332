export * from "./conversation-stream";
export * from "../../support/free-port";
export * from "./playground-api";
export * from "./playground-client";
export * from "./start-playground";
