export * from "./sqlite-delta-state-store";
