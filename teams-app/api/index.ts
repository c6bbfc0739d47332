export * from "./guidance-routes";
export * from "./me-routes";
export * from "./dev-routes";
export * from "./health-routes";
export * from "./search-curation-routes";
