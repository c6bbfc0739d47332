import { compileTrigger, normaliseWords, triggerMatches } from "./trigger-match";

const matches = (trigger: string, question: string, match: "phrase" | "all-words" = "phrase"): boolean => {
  const compiled = compileTrigger(trigger);
  if (!compiled) throw new Error(`trigger "${trigger}" has no words`);
  return triggerMatches(compiled, normaliseWords(question), match);
};

describe("best bet triggers", () => {
  it.each([
    ["holiday", "Holidays abroad?"],
    ["organisation chart", "where is the organization chart"],
    ["working from home", "Can I work from home on Fridays"],
    ["lone working", "whats the LONE-WORKING policy"],
    ["payslip", "my payslips are wrong"],
  ])("phrase %p matches %p (case, punctuation, spelling, stems, stopwords)", (trigger, question) => {
    expect(matches(trigger, question)).toBe(true);
  });

  it.each([
    ["annual leave", "leave annual"],
    ["annual leave", "annual sick leave"],
    ["car parking", "parking for my car"],
  ])("phrase %p needs its words side by side, in order: not %p", (trigger, question) => {
    expect(matches(trigger, question)).toBe(false);
  });

  it("all-words matches the words in any order, with others between", () => {
    expect(matches("car parking", "parking for my car", "all-words")).toBe(true);
    expect(matches("car parking permit", "parking for my car", "all-words")).toBe(false);
  });

  it("keeps a trigger made only of stopwords, matched as written", () => {
    expect(matches("IT", "who do I call in IT")).toBe(true);
    expect(matches("IT", "who do I call")).toBe(false);
  });

  it("refuses a trigger with no words", () => {
    expect(compileTrigger("?!")).toBeUndefined();
  });
});
