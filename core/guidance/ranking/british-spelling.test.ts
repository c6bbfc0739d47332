import { americanSpelling } from "./british-spelling";
import { termOf } from "./analyzer";

describe("americanSpelling", () => {
  it.each([
    ["organisation", "organization"],
    ["organisations", "organizations"],
    ["colour", "color"],
    ["colourful", "colorful"],
    ["behaviour", "behavior"],
    ["centre", "center"],
    ["centres", "centers"],
    ["licence", "license"],
    ["programme", "program"],
    ["travelled", "traveled"],
    ["cancelling", "canceling"],
    ["analyse", "analyze"],
    ["paediatric", "pediatric"],
    ["catalogue", "catalog"],
    ["enrolment", "enrollment"],
  ])("folds %s to %s", (uk, us) => expect(americanSpelling(uk)).toBe(us));

  it("leaves words without a British spelling alone", () => {
    for (const word of ["four", "hour", "your", "tour", "leave", "rise", "wise", "council"]) expect(americanSpelling(word)).toBe(word);
  });

  it("gives British and American spellings the same index term", () => {
    expect(termOf("organisation")).toBe(termOf("organization"));
    expect(termOf("prioritised")).toBe(termOf("prioritized"));
    expect(termOf("colours")).toBe(termOf("colors"));
  });
});
