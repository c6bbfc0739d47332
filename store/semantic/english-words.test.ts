import { shippedEnglishWords } from "./english-words";

describe("the shipped English word list", () => {
  const words = shippedEnglishWords();

  it("knows common and less common words in British and American spelling, in lower case", () => {
    for (const word of ["holiday", "gritting", "pothole", "canteen", "legible", "colour", "color", "organise", "organize"]) {
      expect(words.has(word)).toBe(true);
    }
  });

  it("knows words with their accents folded, as questions are read ('cafe', 'protege')", () => {
    for (const word of ["cafe", "protege", "fiance"]) expect(words.has(word)).toBe(true);
  });

  it("knows no slips, nor forms the analyser never gives (capitals; a possessive is looked up as its word)", () => {
    for (const word of ["residnets", "rport", "stnll", "Holiday", "council's"]) expect(words.has(word)).toBe(false);
  });

  it("is read once per process", () => {
    expect(shippedEnglishWords()).toBe(words);
  });
});
