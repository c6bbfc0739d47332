export * from "./question-key";
export * from "./content-gap-report";
export * from "./content-gap-csv";
export * from "./report-range";
export * from "./content-gap-service";
