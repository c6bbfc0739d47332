export * from "./vocabulary";
export * from "./default-vocabulary";
