import { isStopword, scanWords } from "../ranking/analyzer";

/**
 * Word vectors: a fixed-length vector per word, such that texts with close meanings have close mean vectors
 * ("laptop charger broke" near "Laptops and equipment", though they share one word). Search uses them to re-order
 * the pages its words found by how close each page's title is in meaning to the question (see ranking/meaning.ts).
 *
 * They are static on purpose: a sentence encoder run per question costs tens of milliseconds, a table lookup per
 * word a few microseconds. The shipped table was distilled from a sentence encoder (see scripts/word-vectors/).
 *
 * File layout (little-endian): "CHWV", a uint32 header length, a JSON header `{ format, dimensions, words }`, padding
 * to 4 bytes, one float32 scale per word, then each word's vector as `dimensions` int8 values (value × scale).
 */
export class WordVectors {
  private readonly rows: Map<string, number>;

  constructor(
    readonly words: readonly string[],
    readonly dimensions: number,
    private readonly scales: Float32Array,
    private readonly values: Int8Array,
  ) {
    if (scales.length !== words.length || values.length !== words.length * dimensions) {
      throw new Error(`Word vectors do not add up: ${words.length} words, ${scales.length} scales, ${values.length} values of ${dimensions} dimensions`);
    }
    this.rows = new Map(words.map((word, row) => [word, row]));
    if (this.rows.size !== words.length) throw new Error("Word vectors list a word twice");
  }

  /** Reads a word-vectors file (layout above). Throws on anything else, so a damaged file is never half used. */
  static decode(bytes: Uint8Array): WordVectors {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (bytes.byteLength < 8 || String.fromCharCode(...bytes.subarray(0, 4)) !== MAGIC) throw new Error("Not a word-vectors file");
    const headerLength = view.getUint32(4, true);
    if (8 + headerLength > bytes.byteLength) throw new Error("Word-vectors file is truncated");
    let header: { format?: unknown; dimensions?: unknown; words?: unknown };
    try {
      header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength))) as typeof header;
    } catch {
      throw new Error("Word-vectors file has a damaged header");
    }
    const { dimensions, words } = header;
    if (header.format !== FORMAT || !Number.isInteger(dimensions) || (dimensions as number) <= 0 || !Array.isArray(words) || !words.every((w) => typeof w === "string")) {
      throw new Error("Unsupported word-vectors file");
    }
    let at = scalesOffset(headerLength);
    const scales = new Float32Array(words.length);
    if (bytes.byteLength - at !== words.length * (4 + (dimensions as number))) throw new Error("Word-vectors file is truncated or too long");
    for (let i = 0; i < words.length; i++) {
      scales[i] = view.getFloat32(at + 4 * i, true);
      if (!(Number.isFinite(scales[i]) && scales[i]! > 0)) throw new Error(`Word-vectors file has a bad scale for "${words[i] as string}"`);
    }
    at += 4 * words.length;
    const values = new Int8Array(bytes.buffer.slice(bytes.byteOffset + at, bytes.byteOffset + bytes.byteLength));
    return new WordVectors(words as string[], dimensions as number, scales, values);
  }

  /** Encodes vectors in the file layout {@link decode} reads. */
  encode(): Uint8Array<ArrayBuffer> {
    const header = new TextEncoder().encode(JSON.stringify({ format: FORMAT, dimensions: this.dimensions, words: this.words }));
    const scalesAt = scalesOffset(header.length);
    const bytes = new Uint8Array(scalesAt + 4 * this.words.length + this.values.length);
    const view = new DataView(bytes.buffer);
    bytes.set([...MAGIC].map((c) => c.charCodeAt(0)));
    view.setUint32(4, header.length, true);
    bytes.set(header, 8);
    this.scales.forEach((scale, i) => view.setFloat32(scalesAt + 4 * i, scale, true));
    bytes.set(new Uint8Array(this.values.buffer, this.values.byteOffset, this.values.byteLength), scalesAt + 4 * this.words.length);
    return bytes;
  }

  /** Words with a vector. */
  get size(): number {
    return this.words.length;
  }

  has(word: string): boolean {
    return this.rows.has(word);
  }

  /**
   * The meaning of some words: the mean of the vectors of those the table knows, at unit length; undefined when it
   * knows none. Words are surfaces as the analyser gives them (lower case, accents folded); stopwords are left out.
   * `weights` (one per word, default 1) make some words count for more than others in the mean.
   */
  meaningOf(words: readonly string[], weights?: readonly number[]): Float32Array | undefined {
    const sum = new Float32Array(this.dimensions);
    let known = 0;
    for (let w = 0; w < words.length; w++) {
      const word = words[w]!;
      const row = isStopword(word) ? undefined : this.rows.get(word);
      const weight = weights?.[w] ?? 1;
      if (row === undefined || !(weight > 0)) continue;
      const scale = this.scales[row]! * weight;
      const from = row * this.dimensions;
      for (let d = 0; d < this.dimensions; d++) sum[d]! += this.values[from + d]! * scale;
      known++;
    }
    return known === 0 ? undefined : unit(sum);
  }

  /** The meaning of a text (its words, as the analyser reads them): see {@link meaningOf}. */
  meaningOfText(text: string): Float32Array | undefined {
    const words: string[] = [];
    scanWords(text, 0, (surface) => {
      words.push(surface);
    });
    return this.meaningOf(words);
  }
}

const MAGIC = "CHWV";
const FORMAT = 1;

/** Where the scales start: after the magic, the header length and the header, padded to 4 bytes (float32 aligned). */
function scalesOffset(headerLength: number): number {
  const end = 8 + headerLength;
  return end + ((4 - (end % 4)) % 4);
}
/** A packed meaning holds each component × PACKED_SCALE as an int8 (components of a unit vector are within ±1). */
const PACKED_SCALE = 127;

/** A unit vector packed into a byte per component, for keeping one per page in the index. */
export function packMeaning(meaning: Float32Array): Int8Array {
  return Int8Array.from(meaning, (x) => Math.round(x * PACKED_SCALE));
}

/** Cosine similarity of a (unit) question meaning with a packed page meaning: about −1 to 1. */
export function meaningSimilarity(question: Float32Array, page: Int8Array): number {
  let dot = 0;
  for (let d = 0; d < question.length; d++) dot += question[d]! * page[d]!;
  return dot / PACKED_SCALE;
}

function unit(vector: Float32Array): Float32Array | undefined {
  let norm = 0;
  for (const x of vector) norm += x * x;
  if (norm === 0) return undefined;
  const scale = 1 / Math.sqrt(norm);
  for (let d = 0; d < vector.length; d++) vector[d]! *= scale;
  return vector;
}
