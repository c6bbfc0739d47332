export * from "./list-schema";
export * from "./column-diff";
export * from "./sharepoint-provisioner";
