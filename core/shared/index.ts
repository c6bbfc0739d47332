export * from "./app-error";
export * from "./clock";
export * from "./calendar-day";
