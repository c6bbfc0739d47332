export * from "./shipped-word-vectors";
