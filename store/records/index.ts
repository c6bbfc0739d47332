// The public face of SQLite records; schema mapping, value codec and cursor stay internal to this folder.
export * from "./sqlite-record-store";
export * from "./sqlite-provisioner";
export { recordTableName } from "./record-schema";
