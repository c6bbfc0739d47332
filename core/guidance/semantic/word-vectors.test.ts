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

  it("refuses damaged headers, dimensions, words and scales rather than half using them", () => {
    const file = (header: object, scales: number[], values: number[]): Uint8Array => {
      const json = new TextEncoder().encode(JSON.stringify(header));
      const at = 8 + json.length + ((4 - ((8 + json.length) % 4)) % 4);
      const bytes = new Uint8Array(at + 4 * scales.length + values.length);
      const view = new DataView(bytes.buffer);
      bytes.set([67, 72, 87, 86]); // "CHWV"
      view.setUint32(4, json.length, true);
      bytes.set(json, 8);
      scales.forEach((scale, i) => view.setFloat32(at + 4 * i, scale, true));
      bytes.set(Int8Array.from(values).map((v) => v & 0xff), at + 4 * scales.length);
      return bytes;
    };
    expect(() => WordVectors.decode(file({ format: 1, dimensions: 1, words: ["a"] }, [1], [5]))).not.toThrow();
    expect(() => WordVectors.decode(file({ format: 1, dimensions: 0.5, words: ["a"] }, [1], [5]))).toThrow(/Unsupported/);
    expect(() => WordVectors.decode(file({ format: 1, dimensions: -3, words: [] }, [], []))).toThrow(/Unsupported/);
    expect(() => WordVectors.decode(file({ format: 1, dimensions: 1, words: [7] }, [1], [5]))).toThrow(/Unsupported/);
    expect(() => WordVectors.decode(file({ format: 2, dimensions: 1, words: ["a"] }, [1], [5]))).toThrow(/Unsupported/);
    expect(() => WordVectors.decode(file({ format: 1, dimensions: 1, words: ["a"] }, [Number.NaN], [5]))).toThrow(/bad scale/);
    expect(() => WordVectors.decode(file({ format: 1, dimensions: 1, words: ["a", "a"] }, [1, 1], [5, 6]))).toThrow(/twice/);
    const good = file({ format: 1, dimensions: 1, words: ["a"] }, [1], [5]);
    new DataView(good.buffer).setUint32(4, 1_000_000, true);
    expect(() => WordVectors.decode(good)).toThrow(/truncated/);
    const garbled = file({ format: 1, dimensions: 1, words: ["a"] }, [1], [5]);
    garbled[8] = 0x7b + 1; // the header's "{" is no longer JSON
    expect(() => WordVectors.decode(garbled)).toThrow(/damaged header/);
  });

  it("lets some words count for less in a meaning", () => {
    const even = vectors.meaningOf(["laptop", "holiday"])!;
    const mostlyLaptop = vectors.meaningOf(["laptop", "holiday"], [1, 0.35])!;
    expect(mostlyLaptop[0]).toBeGreaterThan(even[0]!);
    expect(vectors.meaningOf(["laptop", "holiday"], [1, 0])).toEqual(vectors.meaningOf(["laptop"]));
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
