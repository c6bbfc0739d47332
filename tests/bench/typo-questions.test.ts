import { seededRandom } from "../support/seeded-random";
import type { BenchQuery } from "./search-bench";
import { misspell, withTypos } from "./typo-questions";

/** Damerau–Levenshtein distance (optimal string alignment), small inputs only. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

describe("misspelt bench questions", () => {
  it("makes exactly one slip, never in the first letter, including in words with doubled letters", () => {
    const random = seededRandom(7);
    for (const word of ["assessment", "committee", "leave", "sickness", "booking"]) {
      for (let k = 0; k < 200; k++) {
        const slip = misspell(word, random);
        expect({ word, slip, distance: distance(word, slip), first: slip[0] }).toEqual({ word, slip, distance: 1, first: word[0] });
      }
    }
  });

  it("misspells one longer ordinary word per copy, keeps the judgments, and gives the same copies for the same seed", () => {
    const queries: BenchQuery[] = [
      { id: "q1", query: "how do I claim mileage expenses", judgments: { "travel/mileage.md": 2 } },
      { id: "q2", query: "who is on the SLT", judgments: {} },
      { id: "q3", query: "staff canteen opening times", judgments: {} },
    ];
    const copies = withTypos(queries, 3, 42);
    expect(copies.map((c) => c.id)).toEqual(["q1~typo1", "q1~typo2", "q1~typo3", "q3~typo1", "q3~typo2", "q3~typo3"]); // q2: no word of 5+ letters
    for (const copy of copies) {
      const original = queries.find((q) => copy.id.startsWith(`${q.id}~`))!;
      expect(copy.judgments).toBe(original.judgments);
      const before = original.query.split(" ");
      const after = copy.query.split(" ");
      const changed = before.flatMap((w, i) => (w === after[i] ? [] : [[w, after[i]!] as const]));
      expect(changed).toHaveLength(1);
      expect(changed[0]![0].length).toBeGreaterThanOrEqual(5);
      expect(distance(changed[0]![0], changed[0]![1])).toBe(1);
    }
    expect(withTypos(queries, 3, 42)).toEqual(copies);
    expect(withTypos(queries, 3, 43)).not.toEqual(copies);
  });
});
