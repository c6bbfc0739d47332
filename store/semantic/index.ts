export * from "./shipped-word-vectors";
export * from "./english-words";
