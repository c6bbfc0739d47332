export * from "./audit-event";
