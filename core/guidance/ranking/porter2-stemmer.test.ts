import { porter2 } from "./porter2-stemmer";

describe("porter2", () => {
  it.each([
    ["consign", "consign"],
    ["consigned", "consign"],
    ["consistency", "consist"],
    ["generous", "generous"],
    ["general", "general"],
    ["communism", "communism"],
    ["community", "communiti"],
    ["abilities", "abil"],
    ["hoping", "hope"],
    ["added", "ad"],
    ["skies", "sky"],
    ["dying", "die"],
    ["cries", "cri"],
    ["ties", "tie"],
    ["gas", "gas"],
    ["gaps", "gap"],
    ["knitting", "knit"],
    ["succeeding", "succeed"],
    ["travelling", "travel"],
    ["claiming", "claim"],
    ["phoned", "phone"],
    ["organization", "organ"],
    ["acknowledgement", "acknowledg"],
  ])("stems %s to %s", (word, stem) => expect(porter2(word)).toBe(stem));

  it("leaves words of one or two letters alone", () => {
    expect(porter2("it")).toBe("it");
    expect(porter2("a")).toBe("a");
  });
});
