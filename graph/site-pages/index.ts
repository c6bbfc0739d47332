export * from "./site-page-id";
export * from "./site-pages-limits";
export * from "./delta-state-store";
export * from "./delta-round";
export * from "./map-concurrently";
export * from "./site-page-content";
export * from "./sync-plan";
export * from "./site-pages-sync";
