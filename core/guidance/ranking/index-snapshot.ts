import type { IndexedDoc } from "./guidance-index";

/**
 * A GuidanceIndex as plain data, in parts, so a host can keep it on disk and start from it instead of re-analysing
 * every page (at 20,000 pages that takes 10 to 20 seconds; see store/guidance-engine/index-snapshot-file).
 *
 * The parts hold only what analysing the pages produced: term dictionary, postings, each page's term sequence and
 * statistics. Page text is left out (it is most of a page's size, and the page store has it): the caller supplies
 * it on restore, which also tells the index which pages are still current (see GuidanceIndex.restore).
 *
 * Every part is structured-clone data (strings, numbers, typed arrays, plain objects and arrays), so any
 * serialiser of it (v8.serialize, a worker message) can carry it. Each part is about 10 MB at most (pages, terms
 * and postings are cut into parts by count), small enough to write or read between other work.
 */
export type IndexSnapshotPart = IndexSnapshotHead | TermsPart | SurfacesPart | PostingsPart | DocsPart;

/** Bumped whenever the parts' layout changes; a snapshot of another format is ignored. */
export const INDEX_SNAPSHOT_FORMAT = 1;

/** Terms, surfaces and postings per part (at most). */
export const SNAPSHOT_TERMS_PER_PART = 20_000;
/** Postings per part (at most, unless one term has more): 9 bytes each, so a postings part stays under about 10 MB. */
export const SNAPSHOT_POSTINGS_PER_PART = 1_000_000;
/** Pages per part: about 7 KB each without their text. */
export const SNAPSHOT_DOCS_PER_PART = 1_000;
/** Words (term ids in pages' sequences) per part, at most, unless one page has more: 4 bytes each. */
export const SNAPSHOT_WORDS_PER_PART = 2_000_000;

/** First part: counts and the per-term and per-slot arrays, each cut to its used length. */
export interface IndexSnapshotHead {
  readonly kind: "head";
  readonly format: number;
  readonly terms: number;
  readonly surfaces: number;
  readonly slots: number;
  readonly live: number;
  readonly dead: number;
  readonly docFreq: Int32Array<ArrayBuffer>;
  readonly stop: Uint8Array<ArrayBuffer>;
  readonly lengths: readonly Float32Array<ArrayBuffer>[];
  readonly lengthSums: Float64Array<ArrayBuffer>;
  readonly live8: Uint8Array<ArrayBuffer>;
}

/** Term texts from term id `from` on. */
export interface TermsPart {
  readonly kind: "terms";
  readonly from: number;
  readonly text: readonly string[];
}

/** Surface words (as typed) and the term id each maps to. */
export interface SurfacesPart {
  readonly kind: "surfaces";
  readonly surfaces: readonly string[];
  readonly ids: Int32Array<ArrayBuffer>;
}

/** Postings of term ids `from` … `from + offsets.length - 2`, packed: term k's are at offsets[k] … offsets[k+1]. */
export interface PostingsPart {
  readonly kind: "postings";
  readonly from: number;
  readonly offsets: Int32Array<ArrayBuffer>;
  readonly docs: Int32Array<ArrayBuffer>;
  readonly freqs: Uint32Array<ArrayBuffer>;
  readonly keywords: Uint8Array<ArrayBuffer>;
}

/** A page as the index keeps it, without its text. */
export type SnapshotDoc = Omit<IndexedDoc, "text">;

/** Pages of slots `from` on (null: a dead slot). */
export interface DocsPart {
  readonly kind: "docs";
  readonly from: number;
  readonly docs: ReadonlyArray<SnapshotDoc | null>;
}

/** The content hash of every page in a snapshot, by id: which pages a page store still has unchanged. */
export function snapshotContentHashes(parts: readonly IndexSnapshotPart[]): Map<string, string> {
  const hashes = new Map<string, string>();
  for (const part of parts) {
    if (part.kind !== "docs") continue;
    for (const doc of part.docs) if (doc) hashes.set(doc.id, doc.contentHash);
  }
  return hashes;
}

/** Why a snapshot cannot be restored: it was damaged, or written by code that laid it out otherwise. */
export class SnapshotMismatch extends Error {
  constructor(reason: string) {
    super(`search index snapshot not usable: ${reason}`);
    this.name = "SnapshotMismatch";
  }
}

type TypedArrayName = "Int8Array" | "Int32Array" | "Uint32Array" | "Uint8Array" | "Float32Array" | "Float64Array";

/**
 * True when `value` is a typed array of that kind. By tag, not instanceof: a snapshot read by another realm's
 * deserialiser (a worker, a test sandbox) has that realm's constructors.
 */
export function isTypedArray(value: unknown, kind: TypedArrayName): boolean {
  return ArrayBuffer.isView(value) && Object.prototype.toString.call(value) === `[object ${kind}]`;
}

/** Throws SnapshotMismatch unless `ok`. */
export function checkSnapshot(ok: boolean, reason: string): asserts ok {
  if (!ok) throw new SnapshotMismatch(reason);
}
