import type { IndexablePage } from "../page";
import { packMeaning, type WordVectors } from "../semantic/word-vectors";
import { isStopword, scanWords, termOf } from "./analyzer";
import {
  checkSnapshot,
  isTypedArray,
  INDEX_SNAPSHOT_FORMAT,
  SNAPSHOT_DOCS_PER_PART,
  SNAPSHOT_POSTINGS_PER_PART,
  SNAPSHOT_TERMS_PER_PART,
  SNAPSHOT_WORDS_PER_PART,
  type IndexSnapshotHead,
  type IndexSnapshotPart,
  type SnapshotDoc,
} from "./index-snapshot";

/**
 * The in-memory inverted index behind Council Hub search. Pages are added and removed one at a time (an upsert is a
 * remove then an add), so the index follows every ingest without a rebuild.
 *
 * Layout, chosen for 100k pages in a few hundred MB and millisecond queries:
 * - postings per term: parallel typed arrays of document slots and packed per-field term frequencies;
 * - per document: its title, headings and body as one array of term ids (-1 between fields and headings), which the
 *   second ranking phase scans for proximity and the answering passage, instead of storing positions in postings;
 * - a removed page's slot is only marked dead; postings are compacted once dead slots pile up.
 */

/** Fields: the first four packed into one 32-bit word per posting, `keywords` in a byte of its own. */
export const FIELDS = ["title", "headings", "body", "path", "keywords"] as const;
export type Field = (typeof FIELDS)[number];
export const FIELD_COUNT = FIELDS.length;
/** Index of the keywords field (the author's front matter keywords, tags and description). */
export const KEYWORDS_FIELD = 4;
/** Fields packed in the 32-bit word. */
const PACKED_FIELDS = 4;

// Packed frequencies: title 6 bits, headings 8, body 12, path 6 (saturating: after a few dozen mentions more
// mentions say nothing, and BM25's saturation flattens them anyway). The 32 bits are full, so keywords get a
// parallel byte array: one byte a posting (not a second 32-bit word) keeps 100k pages' postings small.
const FIELD_SHIFT = [0, 6, 14, 26] as const;
const FIELD_MAX = [63, 255, 4095, 63] as const;
const KEYWORDS_MAX = 255;

/** Decodes one packed field's frequency (title, headings, body or path) from a posting's 32-bit word. */
export function fieldFrequency(packed: number, field: number): number {
  return (packed >>> FIELD_SHIFT[field as 0 | 1 | 2 | 3]) & FIELD_MAX[field as 0 | 1 | 2 | 3];
}

/** Body words between character checkpoints: a snippet re-reads at most this many words before its window. */
export const CHECKPOINT_EVERY = 16;
/** Separator in a document's term sequence: no phrase or passage spans it. */
export const GAP = -1;
/** Compact postings once this share of slots are dead (and there are enough to be worth it). */
const COMPACT_DEAD_SHARE = 0.25;
const COMPACT_MIN_DEAD = 256;

/** What the index keeps of a page: enough to rank it, and to quote it with its text (kept, or read back). */
export interface IndexedDoc {
  readonly id: string;
  readonly title: string;
  readonly url?: string;
  /** The page's text, for snippets; absent when the index reads it from a PageTextSource instead (see textOf). */
  readonly text?: string;
  readonly contentHash: string;
  /** Term ids of title, headings and body in order, GAP between them. */
  readonly sequence: Int32Array;
  /** Index in `sequence` of the first body word. */
  readonly bodyStart: number;
  /** Index in `sequence` of the first heading word (== title length + 1). */
  readonly headingsStart: number;
  /** Character offset in `text` of body word k·CHECKPOINT_EVERY. */
  readonly checkpoints: Uint32Array;
  /** Distinct term ids with a posting for this document, to undo its document frequencies on removal. */
  readonly terms: Int32Array;
  /**
   * The author's keywords, for whole-question tag matches: each as the term ids of all its words (stopwords too, so
   * "IT support" is not the tag "support"), one after another, each preceded by its length. One array per page:
   * a small typed array per keyword would cost more in overhead than in data at 100k pages.
   */
  readonly tags?: Int32Array;
  /** The title's meaning (see semantic/word-vectors), packed; absent without word vectors or when none of its words has one. */
  readonly meaning?: Int8Array;
}

/** One term's postings: parallel arrays of document slot, packed frequencies, and keywords frequency. */
export interface PostingList {
  readonly docs: Int32Array;
  readonly freqs: Uint32Array;
  /** Frequency in the keywords field (0–255). */
  readonly keywords: Uint8Array;
  readonly length: number;
}

class Postings implements PostingList {
  docs = new Int32Array(4);
  freqs = new Uint32Array(4);
  keywords = new Uint8Array(4);
  length = 0;

  push(doc: number, packed: number, keywords: number): void {
    if (this.length === this.docs.length) {
      // At least 4: a list restored from a snapshot can be empty, and exactly full.
      const capacity = Math.max(4, this.length * 2);
      const docs = new Int32Array(capacity);
      docs.set(this.docs);
      this.docs = docs;
      const freqs = new Uint32Array(capacity);
      freqs.set(this.freqs);
      this.freqs = freqs;
      const kw = new Uint8Array(capacity);
      kw.set(this.keywords);
      this.keywords = kw;
    }
    this.docs[this.length] = doc;
    this.freqs[this.length] = packed;
    this.keywords[this.length] = keywords;
    this.length++;
  }
}

/**
 * Where an index that does not hold page text reads it back, for the snippets of the pages it shows: the page store.
 * Text is most of an index's memory (two bytes a character for most real pages, which have a curly quote or a dash),
 * and only the few pages shown need it.
 */
export interface PageTextSource {
  /**
   * The page's stored text, at least its first `upTo` characters (UTF-16 code units; all of it when undefined), and
   * whether it is still the version indexed (the same content hash); undefined when the page is gone.
   */
  textOf(id: string, contentHash: string, upTo?: number): PageText | undefined;
}

/** A page's text as read back for a snippet (see PageTextSource). */
export interface PageText {
  readonly text: string;
  /** False when the page changed since it was indexed: its word positions no longer fit the text. */
  readonly current: boolean;
}

/** The inverted index. Not thread-safe, not persistent: it is rebuilt from the page store at start. */
export class GuidanceIndex {
  /**
   * @param wordVectors gives each page's title a meaning, for re-ranking by meaning; without them pages have none.
   * @param pageText where page text is read back from; without it, the index keeps each page's text.
   */
  constructor(
    private readonly wordVectors?: WordVectors,
    private readonly pageText?: PageTextSource,
  ) {}

  /**
   * A page's text for its snippet, at least its first `upTo` characters: kept, or read back from the page text
   * source. Not current when the page changed since it was indexed (in another process, or while a snapshot was
   * being written; the index catches up on the next search); empty when it is gone.
   */
  textOf(doc: IndexedDoc, upTo?: number): PageText {
    if (doc.text !== undefined) return { text: doc.text, current: true };
    return this.pageText?.textOf(doc.id, doc.contentHash, upTo) ?? { text: "", current: false };
  }

  private termIds = new Map<string, number>();
  private termText: string[] = [];
  private postings: Postings[] = [];
  private docFreq = new Int32Array(1024);
  private stop = new Uint8Array(1024);
  /** Surface word → term id, for typo tolerance (which compares what people type, not stems). */
  private surfaces = new Map<string, number>();

  private slotOf = new Map<string, number>();
  private docs: Array<IndexedDoc | undefined> = [];
  private lengths: Float32Array[] = FIELDS.map(() => new Float32Array(1024));
  private live8 = new Uint8Array(1024);
  private readonly lengthSums = new Float64Array(FIELD_COUNT);
  private live = 0;
  private dead = 0;
  /** Bumped on every change, so cached statistics (length norms) know when to recompute. */
  private version = 0;

  // Scratch space for add(): per-term field counts, indexed by term id.
  private scratchCounts = new Int32Array(1024 * FIELD_COUNT);

  /** Pages indexed (live). */
  get size(): number {
    return this.live;
  }

  /** Document slots ever allocated (live or dead): the size of per-document arrays. */
  get slotCount(): number {
    return this.docs.length;
  }

  /** Changes whenever a page is added or removed. */
  get changeVersion(): number {
    return this.version;
  }

  get vocabularySize(): number {
    return this.termText.length;
  }

  /** The term id of an index term, or -1 if no page ever had it. */
  termId(term: string): number {
    return this.termIds.get(term) ?? -1;
  }

  term(id: number): string {
    return this.termText[id] ?? "";
  }

  /** Pages (live) with this term in any field. */
  documentFrequency(termId: number): number {
    return termId >= 0 && termId < this.termText.length ? this.docFreq[termId]! : 0;
  }

  isStopTerm(termId: number): boolean {
    return termId >= 0 && this.stop[termId] === 1;
  }

  /** Term id for a surface word seen in some page, or -1. */
  surfaceTerm(surface: string): number {
    return this.surfaces.get(surface) ?? -1;
  }

  postingsOf(termId: number): PostingList | undefined {
    return this.postings[termId];
  }

  doc(slot: number): IndexedDoc | undefined {
    return this.docs[slot];
  }

  isLive(slot: number): boolean {
    return this.live8[slot] === 1;
  }

  /** 1 per live slot, 0 per dead one: for hot loops (re-read after changes; it is replaced as the index grows). */
  get liveFlags(): Uint8Array {
    return this.live8;
  }

  /** 1 per stopword term id: for hot loops (re-read after changes). */
  get stopFlags(): Uint8Array {
    return this.stop;
  }

  /** Slot of a page id, or -1. */
  slot(id: string): number {
    return this.slotOf.get(id) ?? -1;
  }

  /** contentHash of the indexed version of a page, to skip re-indexing an unchanged page. */
  contentHash(id: string): string | undefined {
    const slot = this.slotOf.get(id);
    return slot === undefined ? undefined : this.docs[slot]?.contentHash;
  }

  ids(): IterableIterator<string> {
    return this.slotOf.keys();
  }

  fieldLength(field: number, slot: number): number {
    return this.lengths[field]![slot]!;
  }

  /** Mean length of a field over live pages (≥ 1, so an empty corpus does not divide by zero). */
  averageFieldLength(field: number): number {
    return this.live === 0 ? 1 : Math.max(1, this.lengthSums[field]! / this.live);
  }

  /** Adds or replaces a page. */
  upsert(page: IndexablePage): void {
    this.remove(page.id);
    this.add(page);
  }

  /** Removes a page; a no-op if it is not indexed. */
  remove(id: string): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    const doc = this.docs[slot]!;
    for (const term of doc.terms) this.docFreq[term]!--;
    for (let f = 0; f < FIELD_COUNT; f++) this.lengthSums[f]! -= this.lengths[f]![slot]!;
    this.docs[slot] = undefined;
    this.live8[slot] = 0;
    this.slotOf.delete(id);
    this.live--;
    this.dead++;
    this.version++;
    if (this.dead >= COMPACT_MIN_DEAD && this.dead > COMPACT_DEAD_SHARE * this.docs.length) this.compact();
  }

  private add(page: IndexablePage): void {
    const slot = this.docs.length;
    const sequence: number[] = [];
    const touched: number[] = [];
    const lengths = new Array<number>(FIELD_COUNT).fill(0);
    // Not cached in a local: interning a new term can grow the scratch array mid-page.
    const count = (termId: number, field: number): void => {
      const counts = this.scratchCounts;
      const at = termId * FIELD_COUNT;
      if (counts[at]! + counts[at + 1]! + counts[at + 2]! + counts[at + 3]! + counts[at + 4]! === 0) touched.push(termId);
      counts[at + field]!++;
    };
    // Stopwords get term ids (they hold positions, so "time off in lieu" stays a phrase) but are only posted for
    // the title and path, where they are few and a stopword-only question ("who we are") can still find a title.
    const visit = (field: number, positional: boolean) => (surface: string) => {
      const termId = this.intern(surface);
      lengths[field]!++;
      if (positional) sequence.push(termId);
      if (this.stop[termId] === 0 || field === 0 || field === 3) count(termId, field);
    };
    const joined = (field: number) => (surface: string) => {
      const termId = this.intern(surface);
      if (this.stop[termId] === 0) count(termId, field);
    };

    scanWords(page.title, 0, visit(0, true), joined(0));
    sequence.push(GAP);
    const headingsStart = sequence.length;
    for (const heading of page.headings) {
      scanWords(heading, 0, visit(1, true), joined(1));
      sequence.push(GAP);
    }
    const bodyStart = sequence.length;
    const checkpoints: number[] = [];
    let bodyWords = 0;
    const visitBody = visit(2, true);
    scanWords(
      page.text,
      0,
      (surface, start) => {
        if (bodyWords % CHECKPOINT_EVERY === 0) checkpoints.push(start);
        bodyWords++;
        visitBody(surface);
      },
      joined(2),
    );
    // The path and link carry topic words the text may not repeat ("travel-and-leave/paid-parental-leave.md").
    const pathText = (page.id.replace(/\.[a-z0-9]+$/i, "") + " " + (page.url ?? "").replace(/^[a-z]+:\/\/[^/]+/i, "")).replace(/[_/.]/g, " ");
    scanWords(pathText, 0, visit(3, false), joined(3));
    // The author's keywords and description: not positional (no proximity or passage across them), stopwords not
    // posted (as in the body: "out of office" is found by "office").
    const keywordVisitor = visit(KEYWORDS_FIELD, false);
    const keywordJoined = joined(KEYWORDS_FIELD);
    const tags: number[] = [];
    for (const keyword of page.keywords ?? []) {
      const lengthAt = tags.push(0) - 1;
      scanWords(
        keyword,
        0,
        (surface) => {
          keywordVisitor(surface);
          tags.push(this.intern(surface));
        },
        keywordJoined,
      );
      tags[lengthAt] = tags.length - lengthAt - 1;
      if (tags[lengthAt] === 0) tags.pop();
    }
    if (page.description) scanWords(page.description, 0, keywordVisitor, keywordJoined);

    const counts = this.scratchCounts;
    const terms = new Int32Array(touched.length);
    let distinct = 0;
    for (const termId of touched) {
      const at = termId * FIELD_COUNT;
      let packed = 0;
      for (let f = 0; f < PACKED_FIELDS; f++) {
        packed |= Math.min(counts[at + f]!, FIELD_MAX[f as 0 | 1 | 2 | 3]) << FIELD_SHIFT[f as 0 | 1 | 2 | 3];
        counts[at + f] = 0;
      }
      const keywords = Math.min(counts[at + KEYWORDS_FIELD]!, KEYWORDS_MAX);
      counts[at + KEYWORDS_FIELD] = 0;
      (this.postings[termId] ??= new Postings()).push(slot, packed >>> 0, keywords);
      this.docFreq[termId]!++;
      terms[distinct++] = termId;
    }

    const meaning = this.wordVectors?.meaningOfText(page.title);
    this.ensureSlotCapacity(slot + 1);
    for (let f = 0; f < FIELD_COUNT; f++) {
      this.lengths[f]![slot] = lengths[f]!;
      this.lengthSums[f]! += lengths[f]!;
    }
    this.docs.push({
      id: page.id,
      title: page.title,
      ...(page.url ? { url: page.url } : {}),
      ...(this.pageText ? {} : { text: page.text }),
      contentHash: page.contentHash,
      sequence: Int32Array.from(sequence),
      headingsStart,
      bodyStart,
      checkpoints: Uint32Array.from(checkpoints),
      terms,
      ...(tags.length > 0 ? { tags: Int32Array.from(tags) } : {}),
      ...(meaning ? { meaning: packMeaning(meaning) } : {}),
    });
    this.slotOf.set(page.id, slot);
    this.live8[slot] = 1;
    this.live++;
    this.version++;
  }

  /** Empties the index. */
  clear(): void {
    this.termIds.clear();
    this.termText.length = 0;
    this.postings.length = 0;
    this.docFreq = new Int32Array(1024);
    this.stop = new Uint8Array(1024);
    this.scratchCounts = new Int32Array(1024 * FIELD_COUNT);
    this.surfaces.clear();
    this.slotOf.clear();
    this.docs.length = 0;
    this.lengths = FIELDS.map(() => new Float32Array(1024));
    this.live8 = new Uint8Array(1024);
    this.lengthSums.fill(0);
    this.live = 0;
    this.dead = 0;
    this.version++;
  }

  /**
   * The index as plain data, part by part (see index-snapshot). Parts copy the postings and statistics, and share
   * only each page's arrays, which never change once made. Parts are taken as they are generated: do not change
   * the index until the last part has been taken. Part sizes are
   * parameters only so tests can cut a small index into many parts.
   */
  *snapshotParts(
    termsPerPart = SNAPSHOT_TERMS_PER_PART,
    docsPerPart = SNAPSHOT_DOCS_PER_PART,
    postingsPerPart = SNAPSHOT_POSTINGS_PER_PART,
    wordsPerPart = SNAPSHOT_WORDS_PER_PART,
  ): Generator<IndexSnapshotPart> {
    const slots = this.docs.length;
    const terms = this.termText.length;
    yield {
      kind: "head",
      format: INDEX_SNAPSHOT_FORMAT,
      terms,
      surfaces: this.surfaces.size,
      slots,
      live: this.live,
      dead: this.dead,
      docFreq: this.docFreq.slice(0, terms),
      stop: this.stop.slice(0, terms),
      lengths: this.lengths.map((l) => l.slice(0, slots)),
      lengthSums: this.lengthSums.slice(),
      live8: this.live8.slice(0, slots),
    } satisfies IndexSnapshotHead;
    for (let from = 0; from < terms; from += termsPerPart) {
      yield { kind: "terms", from, text: this.termText.slice(from, from + termsPerPart) };
    }
    const surfaces = [...this.surfaces];
    for (let from = 0; from < surfaces.length; from += termsPerPart) {
      const chunk = surfaces.slice(from, from + termsPerPart);
      yield { kind: "surfaces", surfaces: chunk.map(([surface]) => surface), ids: Int32Array.from(chunk, ([, id]) => id) };
    }
    // Cut by postings as well as terms: terms are numbered as first seen, so the first few thousand (the commonest
    // words) hold most postings, and one part of them would be hundreds of MB at 100k pages.
    for (let from = 0; from < terms; ) {
      let to = from;
      for (let postings = 0; to < terms && to - from < termsPerPart; to++) {
        const n = this.postings[to]!.length;
        if (to > from && postings + n > postingsPerPart) break; // a term with more than the limit goes alone
        postings += n;
      }
      const lists = this.postings.slice(from, to);
      const offsets = new Int32Array(lists.length + 1);
      lists.forEach((list, k) => (offsets[k + 1] = offsets[k]! + list.length));
      const total = offsets[lists.length]!;
      const docs = new Int32Array(total);
      const freqs = new Uint32Array(total);
      const keywords = new Uint8Array(total);
      lists.forEach((list, k) => {
        docs.set(list.docs.subarray(0, list.length), offsets[k]);
        freqs.set(list.freqs.subarray(0, list.length), offsets[k]);
        keywords.set(list.keywords.subarray(0, list.length), offsets[k]);
      });
      yield { kind: "postings", from, offsets, docs, freqs, keywords };
      from = to;
    }
    // Cut by words as well as pages: a few very long pages (a converted PDF) must not make one huge part.
    for (let from = 0; from < slots; ) {
      let to = from;
      for (let words = 0; to < slots && to - from < docsPerPart; to++) {
        const n = this.docs[to]?.sequence.length ?? 0;
        if (to > from && words + n > wordsPerPart) break;
        words += n;
      }
      yield {
        kind: "docs",
        from,
        docs: this.docs.slice(from, to).map((doc): SnapshotDoc | null => {
          if (!doc) return null;
          const { text: _text, ...rest } = doc;
          return rest;
        }),
      };
      from = to;
    }
  }

  /**
   * Replaces this index's contents with a snapshot's (see snapshotParts). A page that is not `current` (changed or
   * gone since the snapshot) is left out, as if removed; the caller indexes its current version. An index that keeps
   * page text (no page text source) gives each page its text from `textOf`, which it then requires. Throws
   * SnapshotMismatch, leaving the index as it was, when the parts are not a whole, well-formed snapshot of this
   * format: everything is checked and built aside first, then swapped in by assignments alone. Synchronous: at 100k
   * pages it holds the thread for about a second.
   */
  restore(parts: readonly IndexSnapshotPart[], current: (id: string) => boolean, textOf?: (id: string) => string | undefined): void {
    if (!this.pageText && !textOf) throw new Error("An index that keeps page text needs each page's text to restore a snapshot.");
    const head = parts[0];
    checkSnapshot(typeof head === "object" && head !== null && head.kind === "head" && head.format === INDEX_SNAPSHOT_FORMAT, "not a snapshot of this format");
    const { terms, slots } = head;
    checkSnapshot(Number.isInteger(terms) && Number.isInteger(slots) && terms >= 0 && slots >= 0, "counts");
    checkSnapshot(isTypedArray(head.docFreq, "Int32Array") && head.docFreq.length === terms && isTypedArray(head.stop, "Uint8Array") && head.stop.length === terms, "term arrays");
    checkSnapshot(Array.isArray(head.lengths) && head.lengths.length === FIELD_COUNT && head.lengths.every((l) => isTypedArray(l, "Float32Array") && l.length === slots), "length arrays");
    checkSnapshot(isTypedArray(head.live8, "Uint8Array") && head.live8.length === slots && isTypedArray(head.lengthSums, "Float64Array") && head.lengthSums.length === FIELD_COUNT, "slot arrays");

    // Pushed one at a time: spreading 100k+ items into push() overflows the call stack.
    const termText: string[] = [];
    const postings: Postings[] = [];
    const surfaces = new Map<string, number>();
    const docs: Array<IndexedDoc | undefined> = [];
    for (const part of parts.slice(1)) {
      checkSnapshot(typeof part === "object" && part !== null, "a part that is not one");
      if (part.kind === "terms") {
        checkSnapshot(part.from === termText.length && Array.isArray(part.text), "terms out of order");
        for (const term of part.text) {
          checkSnapshot(typeof term === "string", "a term that is not text");
          termText.push(term);
        }
      } else if (part.kind === "surfaces") {
        checkSnapshot(Array.isArray(part.surfaces) && isTypedArray(part.ids, "Int32Array") && part.ids.length === part.surfaces.length, "surfaces");
        part.surfaces.forEach((surface, k) => surfaces.set(surface, part.ids[k]!));
      } else if (part.kind === "postings") {
        checkSnapshot(part.from === postings.length && isTypedArray(part.offsets, "Int32Array") && isTypedArray(part.docs, "Int32Array"), "postings out of order");
        checkSnapshot(isTypedArray(part.freqs, "Uint32Array") && isTypedArray(part.keywords, "Uint8Array") && part.offsets.length > 0 && part.offsets[0] === 0, "posting arrays");
        const total = part.offsets[part.offsets.length - 1]!;
        checkSnapshot(part.docs.length === total && part.freqs.length === total && part.keywords.length === total, "posting lengths");
        for (let k = 0; k + 1 < part.offsets.length; k++) {
          const from = part.offsets[k]!;
          const to = part.offsets[k + 1]!;
          checkSnapshot(from <= to && to <= total, "posting offsets");
          // Views into the part's arrays, each its own range: compaction rewrites a list within it, and the first
          // push after restore copies the list out (see Postings.push). So parts must not be restored twice.
          const list = new Postings();
          list.docs = part.docs.subarray(from, to);
          list.freqs = part.freqs.subarray(from, to);
          list.keywords = part.keywords.subarray(from, to);
          list.length = to - from;
          postings.push(list);
        }
      } else if (part.kind === "docs") {
        checkSnapshot(part.from === docs.length && Array.isArray(part.docs), "pages out of order");
        for (const doc of part.docs) {
          if (doc === null) {
            docs.push(undefined);
            continue;
          }
          checkDoc(doc, terms);
          // With a page text source the text is read back when needed, not kept.
          docs.push(this.pageText || !textOf ? { ...doc } : { ...doc, text: textOf(doc.id) ?? "" });
        }
      } else {
        checkSnapshot(false, "a part of no known kind, or a second head");
      }
    }
    checkSnapshot(termText.length === terms && postings.length === terms && surfaces.size === head.surfaces && docs.length === slots, "parts missing");
    for (const id of surfaces.values()) checkSnapshot(Number.isInteger(id) && id >= 0 && id < terms, "surface term id");
    for (const list of postings) for (let i = 0; i < list.length; i++) checkSnapshot(list.docs[i]! >= 0 && list.docs[i]! < slots, "posting slot");
    const termIds = new Map<string, number>();
    termText.forEach((term, id) => termIds.set(term, id));
    const slotOf = new Map<string, number>();
    docs.forEach((doc, slot) => {
      checkSnapshot((doc !== undefined) === (head.live8[slot] === 1), "live flags");
      if (doc) slotOf.set(doc.id, slot);
    });
    checkSnapshot(slotOf.size === head.live, "page count");
    const capacity = Math.max(1024, terms);
    const slotCapacity = Math.max(1024, slots);
    const lengths = head.lengths.map((l) => {
      const next = new Float32Array(slotCapacity);
      next.set(l);
      return next;
    });

    // Checked and built: swap it in (assignments only, nothing here can throw).
    this.termIds = termIds;
    this.termText = termText;
    this.postings = postings;
    this.docFreq = grow(head.docFreq, capacity);
    this.stop = growBytes(head.stop, capacity);
    this.scratchCounts = new Int32Array(capacity * FIELD_COUNT);
    this.surfaces = surfaces;
    this.lengths = lengths;
    this.live8 = growBytes(head.live8, slotCapacity);
    this.lengthSums.set(head.lengthSums);
    this.docs = docs;
    this.slotOf = slotOf;
    this.live = head.live;
    this.dead = head.dead;
    this.version++;
    // Pages changed or gone since the snapshot: out, as any removed page (the caller indexes their current version).
    // Ids first: a removal can compact the index, which rewrites the docs array being walked.
    const stale = docs.flatMap((doc) => (doc && !current(doc.id) ? [doc.id] : []));
    for (const id of stale) this.remove(id);
  }

  /** Term id for a surface word, creating the term on first sight. */
  private intern(surface: string): number {
    const known = this.surfaces.get(surface);
    if (known !== undefined) return known;
    const term = termOf(surface);
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.termText.length;
      this.termIds.set(term, id);
      this.termText.push(term);
      this.postings.push(new Postings());
      this.ensureTermCapacity(id + 1);
    }
    // A term is a stopword if any of its surfaces is one ("what's" and "what" share nothing else).
    if (isStopword(surface)) this.stop[id] = 1;
    this.surfaces.set(surface, id);
    return id;
  }

  private ensureTermCapacity(n: number): void {
    if (n <= this.docFreq.length) return;
    const size = Math.max(n, this.docFreq.length * 2);
    this.docFreq = grow(this.docFreq, size);
    this.stop = growBytes(this.stop, size);
    const counts = new Int32Array(size * FIELD_COUNT);
    counts.set(this.scratchCounts);
    this.scratchCounts = counts;
  }

  private ensureSlotCapacity(n: number): void {
    if (n <= this.lengths[0]!.length) return;
    const size = Math.max(n, this.lengths[0]!.length * 2);
    this.lengths = this.lengths.map((old) => {
      const next = new Float32Array(size);
      next.set(old);
      return next;
    });
    this.live8 = growBytes(this.live8, size);
  }

  /**
   * Rewrites postings without dead slots and renumbers the live documents densely. Queries never see a half-done
   * compaction: it runs synchronously inside remove().
   */
  private compact(): void {
    const renumber = new Int32Array(this.docs.length).fill(-1);
    const docs: IndexedDoc[] = [];
    this.docs.forEach((doc, slot) => {
      if (!doc) return;
      renumber[slot] = docs.length;
      docs.push(doc);
    });
    for (const list of this.postings) {
      let n = 0;
      for (let i = 0; i < list.length; i++) {
        const slot = renumber[list.docs[i]!]!;
        if (slot < 0) continue;
        list.docs[n] = slot;
        list.freqs[n] = list.freqs[i]!;
        list.keywords[n] = list.keywords[i]!;
        n++;
      }
      list.length = n;
    }
    const lengths = FIELDS.map(() => new Float32Array(Math.max(1024, docs.length * 2)));
    renumber.forEach((slot, old) => {
      if (slot >= 0) for (let f = 0; f < FIELD_COUNT; f++) lengths[f]![slot] = this.lengths[f]![old]!;
    });
    this.lengths = lengths;
    this.live8 = new Uint8Array(lengths[0]!.length);
    this.live8.fill(1, 0, docs.length);
    this.docs.length = 0;
    for (const doc of docs) this.docs.push(doc);
    this.slotOf.clear();
    docs.forEach((doc, slot) => this.slotOf.set(doc.id, slot));
    this.dead = 0;
    this.version++;
  }
}

function grow(old: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(size);
  next.set(old);
  return next;
}

function growBytes(old: Uint8Array, size: number): Uint8Array<ArrayBuffer> {
  const next = new Uint8Array(size);
  next.set(old);
  return next;
}

/** A snapshot's page: the fields the index reads, of the types it reads them as, its terms within the dictionary. */
function checkDoc(doc: SnapshotDoc, terms: number): void {
  checkSnapshot(typeof doc === "object" && typeof doc.id === "string" && typeof doc.title === "string" && typeof doc.contentHash === "string", "a page's id, title or hash");
  checkSnapshot(isTypedArray(doc.sequence, "Int32Array") && isTypedArray(doc.checkpoints, "Uint32Array") && isTypedArray(doc.terms, "Int32Array"), "a page's arrays");
  checkSnapshot(Number.isInteger(doc.headingsStart) && Number.isInteger(doc.bodyStart) && doc.headingsStart <= doc.bodyStart && doc.bodyStart <= doc.sequence.length, "a page's field bounds");
  checkSnapshot((doc.tags === undefined || isTypedArray(doc.tags, "Int32Array")) && (doc.meaning === undefined || isTypedArray(doc.meaning, "Int8Array")), "a page's tags or meaning");
  checkSnapshot(doc.url === undefined || typeof doc.url === "string", "a page's url");
  for (const termId of doc.terms) checkSnapshot(termId >= 0 && termId < terms, "a page's term id");
}
