export * from "./worker-parser";
