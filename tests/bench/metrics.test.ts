import { dcg, hasRelevant, mean, ndcgAt, percentile, reciprocalRankAt, successAt, summarise } from "./metrics";

const log2 = Math.log2;

describe("bench ranking metrics", () => {
  describe("dcg", () => {
    it("discounts graded gains by log2(rank + 1)", () => {
      // (2^2−1)/log2(2) + (2^0−1)/log2(3) + (2^1−1)/log2(4) = 3 + 0 + 1/2
      expect(dcg([2, 0, 1])).toBeCloseTo(3.5, 12);
    });

    it("stops at the cut-off", () => {
      expect(dcg([1, 1, 1], 2)).toBeCloseTo(1 + 1 / log2(3), 12);
    });
  });

  describe("ndcgAt", () => {
    const judgments = { a: 2, b: 1, c: 0 };

    it("is 1 for the ideal ranking", () => {
      expect(ndcgAt(["a", "b", "x"], judgments)).toBeCloseTo(1, 12);
    });

    it("matches a hand-computed value for a swapped ranking", () => {
      // DCG: 1/log2(2) + 3/log2(3) = 1 + 1.8928…; ideal: 3 + 1/log2(3) = 3.6309…
      const expected = (1 + 3 / log2(3)) / (3 + 1 / log2(3));
      expect(ndcgAt(["b", "a"], judgments)).toBeCloseTo(expected, 12);
      expect(expected).toBeCloseTo(0.7967, 4);
    });

    it("takes the ideal from the judgments, not from what was retrieved", () => {
      // Only the grade-1 page is found, at rank 3; the grade-2 page is missing entirely.
      const expected = (1 / log2(4)) / (3 + 1 / log2(3));
      expect(ndcgAt(["x", "y", "b"], judgments)).toBeCloseTo(expected, 12);
    });

    it("ignores relevant pages below the cut-off", () => {
      expect(ndcgAt(["x", "y", "a"], judgments, 2)).toBe(0);
    });

    it("counts a repeated id once", () => {
      expect(ndcgAt(["a", "a", "b"], judgments)).toBeCloseTo(1, 12);
    });

    it("is 0 when nothing is judged relevant", () => {
      expect(ndcgAt(["a"], { a: 0 })).toBe(0);
      expect(ndcgAt([], {})).toBe(0);
    });
  });

  describe("reciprocalRankAt", () => {
    it("is 1/rank of the first relevant id", () => {
      expect(reciprocalRankAt(["x", "y", "b", "a"], { a: 2, b: 1 })).toBeCloseTo(1 / 3, 12);
      expect(reciprocalRankAt(["a"], { a: 1 })).toBe(1);
    });

    it("is 0 when the first relevant id is below the cut-off", () => {
      expect(reciprocalRankAt(["x", "y", "a"], { a: 1 }, 2)).toBe(0);
    });

    it("does not count a zero grade as relevant", () => {
      expect(reciprocalRankAt(["c", "a"], { a: 1, c: 0 })).toBe(0.5);
    });
  });

  describe("successAt", () => {
    it("is 1 when any relevant id is in the top k", () => {
      expect(successAt(["x", "a"], { a: 1 })).toBe(1);
      expect(successAt(["x", "a"], { a: 1 }, 1)).toBe(0);
      expect(successAt([], { a: 1 })).toBe(0);
    });
  });

  it("hasRelevant needs a positive grade", () => {
    expect(hasRelevant({ a: 0 })).toBe(false);
    expect(hasRelevant({ a: 0, b: 2 })).toBe(true);
  });
});

describe("bench latency metrics", () => {
  it("takes nearest-rank percentiles", () => {
    const values = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(percentile(values, 50)).toBe(5);
    expect(percentile(values, 95)).toBe(10);
    expect(percentile(values, 10)).toBe(1);
    expect(percentile(values, 100)).toBe(10);
    expect(percentile([42], 99)).toBe(42);
    expect(percentile([], 50)).toBe(0);
  });

  it("refuses a percentile outside (0, 100]", () => {
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });

  it("summarises latencies", () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(summarise(values)).toEqual({ count: 100, p50: 50, p95: 95, p99: 99, mean: 50.5 });
    expect(mean([])).toBe(0);
  });
});
