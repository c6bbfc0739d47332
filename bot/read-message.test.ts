import type { Activity } from "botbuilder";
import { readMessage, readText } from "./read-message";

function message(fields: Partial<Activity>): Activity {
  return { type: "message", recipient: { id: "28:bot", name: "Council Hub" }, ...fields } as Activity;
}

describe("readMessage", () => {
  it.each(["help", "Help!", "hi", "Hello.", "?", "menu", "  MENU  ", ""])("treats %j as a help request", (text) => {
    expect(readText(text)).toEqual({ kind: "help" });
  });

  it("treats anything else, including punctuation, as a question (core decides whether it is searchable)", () => {
    expect(readText("  How do I book leave? ")).toEqual({ kind: "question", question: "How do I book leave?" });
    expect(readText("!!!")).toEqual({ kind: "question", question: "!!!" });
  });

  it("removes the bot's @mention", () => {
    const activity = message({
      text: "<at>Council Hub</at> annual leave",
      entities: [{ type: "mention", mentioned: { id: "28:bot", name: "Council Hub" }, text: "<at>Council Hub</at>" }],
    });
    expect(readMessage(activity)).toEqual({ kind: "question", question: "annual leave" });
  });

  it("copes with no text and no recipient", () => {
    expect(readMessage({ type: "message" } as Activity)).toEqual({ kind: "help" });
  });

  it("reads a feedback submission, ignoring Teams' msteams extras", () => {
    const value = { action: "guidance.feedback", query: "leave", helpful: false, pageId: "hr/a.md", msteams: { type: "messageBack" } };
    expect(readMessage(message({ value }))).toEqual({ kind: "feedback", feedback: { action: "guidance.feedback", query: "leave", helpful: false, pageId: "hr/a.md" } });
  });

  it("reads a sample-question button as the question typed", () => {
    expect(readMessage(message({ value: { action: "guidance.ask", question: "How do I book annual leave?" } }))).toEqual({
      kind: "question",
      question: "How do I book annual leave?",
    });
    expect(readMessage(message({ value: { action: "guidance.ask", question: "help" } }))).toEqual({ kind: "help" });
  });

  it.each([
    ["an unknown action", { action: "delete.everything" }],
    ["helpful as a string", { action: "guidance.feedback", query: "leave", helpful: "yes" }],
    ["an empty query", { action: "guidance.feedback", query: "  ", helpful: true }],
    ["a string value", "guidance.feedback"],
    ["an array", [1, 2]],
  ])("reports %s as unreadable", (_name, value) => {
    expect(readMessage(message({ value }))).toEqual({ kind: "unreadable-submit" });
  });
});
