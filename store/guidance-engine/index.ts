export * from "./indexed-guidance";
export * from "./index-snapshot-file";
export * from "./snapshot-key";
