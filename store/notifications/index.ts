export * from "./sqlite-conversation-references";
