export * from "./app-error";
export * from "./clock";
