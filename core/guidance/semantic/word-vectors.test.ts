import { meaningSimilarity, packMeaning, WordVectors } from "./word-vectors";

// Three words in two dimensions: "laptop" and "computer" point the same way, "holiday" at right angles.
const vectors = new WordVectors(["laptop", "computer", "holiday"], 2, Float32Array.of(0.01, 0.02, 0.01), Int8Array.of(100, 0, 50, 10, 0, 100));

describe("WordVectors", () => {
  it("round-trips through its file layout", () => {
    const decoded = WordVectors.decode(vectors.encode());
    expect(decoded.words).toEqual(["laptop", "computer", "holiday"]);
    expect(decoded.dimensions).toBe(2);
    expect(decoded.meaningOf(["computer"])).toEqual(vectors.meaningOf(["computer"]));
  });

  it("refuses a file that is not word vectors, or is cut short", () => {
    expect(() => WordVectors.decode(new TextEncoder().encode("not vectors at all"))).toThrow(/Not a word-vectors file/);
    const bytes = vectors.encode();
    expect(() => WordVectors.decode(bytes.subarray(0, bytes.length - 1))).toThrow(/truncated/);
  });

  it("gives a text the unit mean of its known words, leaving out stopwords and unknown words", () => {
    const meaning = vectors.meaningOfText("The laptop and the holiday, whatever zxq means")!;
    expect(Math.hypot(...meaning)).toBeCloseTo(1, 5);
    // laptop (1, 0) and holiday (0, 1) at equal scale: the mean points between them.
    expect(meaning[0]).toBeCloseTo(meaning[1]!, 5);
    expect(vectors.meaningOfText("the of and zxq")).toBeUndefined();
  });

  it("finds words with close vectors close in meaning", () => {
    const laptop = vectors.meaningOf(["laptop"])!;
    expect(meaningSimilarity(laptop, packMeaning(vectors.meaningOf(["computer"])!))).toBeGreaterThan(0.9);
    expect(meaningSimilarity(laptop, packMeaning(vectors.meaningOf(["holiday"])!))).toBeLessThan(0.1);
  });
});
