export * from "./word-vectors";
