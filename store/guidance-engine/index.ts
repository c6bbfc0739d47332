export * from "./indexed-guidance";
