export * from "./shared";
export * from "./identity";
export * from "./audit";
export * from "./guidance";
export * from "./records";
export * from "./health";
export * from "./services";
export * from "./notifications";
