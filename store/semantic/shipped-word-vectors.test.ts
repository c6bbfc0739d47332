import { meaningSimilarity, packMeaning } from "../../core";
import { shippedWordVectors } from "./shipped-word-vectors";

describe("the shipped word vectors", () => {
  const vectors = shippedWordVectors();
  const closeness = (a: string, b: string): number => meaningSimilarity(vectors.meaningOfText(a)!, packMeaning(vectors.meaningOfText(b)!));

  it("cover everyday English and the guidance's own words", () => {
    expect(vectors.size).toBeGreaterThan(30_000);
    for (const word of ["holiday", "laptop", "password", "accessibility", "timesheet", "procurement"]) expect(vectors.has(word)).toBe(true);
  });

  it("put staff wording near the guidance's wording for the same thing", () => {
    expect(closeness("laptop charger broke", "Laptops and equipment")).toBeGreaterThan(closeness("laptop charger broke", "Annual leave"));
    expect(closeness("time off for a holiday", "Annual leave")).toBeGreaterThan(closeness("time off for a holiday", "Password requirements"));
    expect(closeness("switching off an old system", "Retire an application")).toBeGreaterThan(closeness("switching off an old system", "Writing user stories"));
  });
});
