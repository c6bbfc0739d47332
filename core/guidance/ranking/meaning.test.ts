import { parseDocument } from "../parse-document";
import { parseQuery } from "../query";
import { meaningSimilarity, packMeaning, WordVectors } from "../semantic/word-vectors";
import { DEFAULT_VOCABULARY } from "../vocabulary/default-vocabulary";
import { normaliseVocabulary } from "../vocabulary/vocabulary";
import { ExpansionTable } from "./expansion-table";
import { GuidanceIndex } from "./guidance-index";
import { questionMeaning, rerankByMeaning } from "./meaning";
import { planQuery } from "./query-plan";
import { DEFAULT_RANKING_OPTIONS } from "./ranking-options";
import type { Ranked } from "./second-pass";

// Two dimensions: "charger" one way, "council" the other.
const vectors = new WordVectors(["charger", "council", "gadgets"], 2, Float32Array.of(0.01, 0.01, 0.01), Int8Array.of(100, 0, 0, 100, 100, 0));
const index = new GuidanceIndex(vectors);
for (const [id, title] of [
  ["a.md", "Gadgets"],
  ["b.md", "Council"],
  ["c.md", "Zzyzx"],
]) index.upsert(parseDocument({ id: id!, content: `# ${title}\n\nThe council keeps a spare charger.\n` }, "test", new Date(0)));
const table = new ExpansionTable(normaliseVocabulary(DEFAULT_VOCABULARY));
const planFor = (text: string) => planQuery(parseQuery(text, 10), index, table, DEFAULT_RANKING_OPTIONS);
const ranked = (slot: number, score: number, tagged = false): Ranked => ({ slot, score, coverage: 1, passageCoverage: 1, titleCoverage: 0, keywordCoverage: 0, passageStart: 0, tagged });

describe("questionMeaning", () => {
  it("weighs a framing word ('council') as little as matching does", () => {
    const meaning = questionMeaning(planFor("council charger"), vectors)!;
    const charger = packMeaning(vectors.meaningOf(["charger"])!);
    const council = packMeaning(vectors.meaningOf(["council"])!);
    expect(meaningSimilarity(meaning, charger)).toBeGreaterThan(0.9);
    expect(meaningSimilarity(meaning, council)).toBeLessThan(0.4);
  });

  it("takes a framing word's possessive ('the council's') as framing too", () => {
    const plan = planFor("the council's charger");
    expect(plan.concepts.find((c) => c.label === "council's")?.framing).toBe(true);
    expect(plan.concepts.find((c) => c.label === "charger")?.framing).toBeUndefined();
  });

  it("has no meaning without vectors, or for words none of which has one", () => {
    expect(questionMeaning(planFor("council charger"), undefined)).toBeUndefined();
    expect(questionMeaning(planFor("zzyzx"), vectors)).toBeUndefined();
  });
});

describe("rerankByMeaning", () => {
  const question = vectors.meaningOf(["charger"]);

  it("adds closeness in meaning to scores relative to the best, and re-sorts", () => {
    const order = rerankByMeaning([ranked(1, 10), ranked(0, 9)], question, index, 0.75);
    expect(order.map((r) => r.slot)).toEqual([0, 1]);
    expect(order[0]!.score).toBeCloseTo(0.9 + 0.75, 2);
  });

  it("keeps a page tagged with exactly the question first, and a page without a meaning gets nothing added", () => {
    const order = rerankByMeaning([ranked(1, 5, true), ranked(2, 10), ranked(0, 9)], question, index, 0.75);
    expect(order.map((r) => r.slot)).toEqual([1, 0, 2]);
    expect(order.find((r) => r.slot === 2)!.score).toBeCloseTo(1, 5);
  });

  it("leaves the order alone with weight 0 or no question meaning", () => {
    const input = [ranked(1, 10), ranked(0, 9)];
    expect(rerankByMeaning(input, question, index, 0).map((r) => r.slot)).toEqual([1, 0]);
    expect(rerankByMeaning(input, undefined, index, 0.75).map((r) => r.slot)).toEqual([1, 0]);
  });
});
