import { DEFAULT_VOCABULARY } from "./default-vocabulary";
import { InMemoryVocabulary, normaliseVocabulary } from "./vocabulary";

describe("vocabulary", () => {
  it("tidies hand-edited entries: trims, de-duplicates, drops entries that say nothing", () => {
    const tidy = normaliseVocabulary({
      entries: [{ terms: ["  Annual leave ", "holiday", "HOLIDAY", ""] }, { terms: ["alone"] }, { terms: ["laptop"], broader: ["equipment", " "] }],
    });
    expect(tidy.entries).toEqual([{ terms: ["Annual leave", "holiday"] }, { terms: ["laptop"], broader: ["equipment"] }]);
  });

  it("ships a default set with council acronyms and UK/US equivalents", () => {
    const flat = DEFAULT_VOCABULARY.entries.map((e) => e.terms.join("|").toLowerCase());
    for (const pair of [["slt", "senior leadership team"], ["oh", "occupational health"], ["annual leave", "vacation"], ["dpia", "data protection impact assessment"], ["toil", "time off in lieu"], ["carer's leave", "fmla"], ["london weighting", "locality pay"], ["politically restricted", "hatch act"]]) {
      expect(flat.some((terms) => pair.every((t) => terms.split("|").includes(t)))).toBe(true);
    }
  });

  it("does not list alone a word the analyser reads as an everyday verb ('parking' is 'park')", () => {
    // Each would expand every question using the verb: "build a service" to premises, "speak to" to conferences.
    const single = new Set(DEFAULT_VOCABULARY.entries.flatMap((e) => [...e.terms, ...(e.broader ?? [])]).map((t) => t.toLowerCase()));
    for (const word of ["building", "buildings", "parking", "speaking", "meeting", "meetings"]) expect([word, single.has(word)]).toEqual([word, false]);
  });

  it("can be replaced at runtime", () => {
    const source = new InMemoryVocabulary({ entries: [] });
    source.replace({ entries: [{ terms: ["CAB", "change advisory board"] }] });
    expect(source.current().entries).toHaveLength(1);
  });
});
