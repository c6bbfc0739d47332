export * from "./cli-context";
export * from "./main";
