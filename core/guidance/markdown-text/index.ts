export * from "./markdown-text";
export { inlineText, referenceLabel } from "./inline-text";
