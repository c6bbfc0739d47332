export * from "./collection";
export * from "./record-store";
export * from "./validate-record";
