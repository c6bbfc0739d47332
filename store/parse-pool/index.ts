export * from "./worker-parser";
export * from "./worker-renderer";
