import {
  CouncilSearchEngine,
  snapshotContentHashes,
  SnapshotMismatch,
  type BackgroundErrorHandler,
  type CouncilSearchOptions,
  type GuidancePage,
  type GuidancePages,
  type GuidanceSearchEngine,
  type PageChanges,
  type ParsedQuery,
  type SearchAnswer,
  type SearchHit,
  type Vocabulary,
} from "../../core";
import { shippedEnglishWords } from "../semantic/english-words";
import { shippedWordVectors } from "../semantic/shipped-word-vectors";
import type { SqliteGuidance } from "../sqlite-guidance";
import { readSnapshotFile, removeStaleTemporaries, writeSnapshotFile } from "./index-snapshot-file";
import { indexSnapshotKey } from "./snapshot-key";
import { TimeSlice } from "../yield-to-event-loop";

/** Pages read from SQLite per query of the index load; between queries the host serves other requests. */
export const INDEX_LOAD_CHUNK = 500;
/**
 * Longest the index load holds the thread at a time, so requests arriving meanwhile (health checks, bot messages,
 * page reads) wait at most about this. Analysing 500 pages took 250 ms, and up to 600 ms, at 20,000 pages.
 */
export const INDEX_LOAD_SLICE_MS = 20;

/**
 * Pages by which the snapshot on disk may fall behind the index before it is written again (when the host stops,
 * or after a restore that found this many changed): at least this many, or this share of the library. Below it,
 * the next start analyses the few changed pages again, which costs less than rewriting the whole file (about
 * 700 MB at 100k pages) at every stop.
 */
export const SNAPSHOT_REWRITE_MIN_PAGES = 500;
export const SNAPSHOT_REWRITE_SHARE = 0.02;
/** A snapshot with more than this share of its pages changed since is not restored: building afresh is quicker. */
export const SNAPSHOT_MOSTLY_STALE_SHARE = 0.5;

/** Keeping the index on disk between runs (see index-snapshot-file), so a host starts without re-analysing every page. */
export interface IndexSnapshotOptions {
  /** The snapshot file, beside the database. */
  readonly file: string;
  /** Reports a snapshot that could not be written (the host keeps running; the next start rebuilds). */
  readonly onError: BackgroundErrorHandler;
  /** Overrides the rewrite threshold (SNAPSHOT_REWRITE_MIN_PAGES, SNAPSHOT_REWRITE_SHARE): tests. */
  readonly rewriteAfterPages?: number;
}

/** How the index was last loaded: for the host's log and for tests. */
export interface IndexLoadReport {
  /** "snapshot": restored, then brought up to date; "pages": built by analysing every page. */
  readonly from: "snapshot" | "pages";
  readonly pages: number;
  /** Pages analysed: all of them from pages, only those changed since the snapshot from one. */
  readonly analysed: number;
  readonly ms: number;
  /** Why a snapshot was not used, when one was configured. */
  readonly snapshotUnusable?: string;
}

/**
 * The SQLite page store with Council Hub's in-memory search engine kept in step with it. Pages live (durably) in
 * SQLite; the index lives in memory and is rebuilt from SQLite on the first search after start.
 *
 * Three ways a page change reaches the index:
 * - through this object's `apply` (an ingest in this process): indexed straight from the pages in hand;
 * - through another object or connection on the same database (a test, a sync job): seen in the change log;
 * - through another process (`hub ingest` while the server runs): also seen in the change log.
 * Before every search the change log's head is compared with the last one seen (one index lookup); only pages
 * changed since, and whose content hash differs from the indexed one, are re-read.
 */
export class IndexedGuidance implements GuidancePages, GuidanceSearchEngine {
  private built: CouncilSearchEngine | undefined;
  /** A vocabulary given before the engine was made (see setVocabulary). */
  private vocabulary: Vocabulary | undefined;
  /** Change-log head the index reflects; -1 until the index is loaded. */
  private seenSeq = -1;
  /** The chunked load in progress, shared by everyone waiting for it. */
  private loading: Promise<void> | undefined;
  /** A snapshot being written: the index must not change until it is done (see saveSnapshot). */
  private writing: Promise<void> | undefined;
  /** Pages changed in the index since the snapshot on disk matched it (infinite: no snapshot on disk matches). */
  private behind = Number.POSITIVE_INFINITY;
  private report: IndexLoadReport | undefined;

  constructor(
    private readonly store: SqliteGuidance,
    private readonly options: CouncilSearchOptions = {},
    private readonly snapshot?: IndexSnapshotOptions,
    /** INDEX_LOAD_SLICE_MS unless given (tests give 0: a turn of the event loop after every page). */
    private readonly loadSliceMs = INDEX_LOAD_SLICE_MS,
  ) {
    // The index loads on the first search (or an explicit `load()`, as the host does at start), never on ingest alone:
    // `hub ingest` runs in its own process and would build an index only to throw it away. Once loaded, pages
    // ingested in this process are indexed as they are written.
  }

  /**
   * The search engine, made when first needed: with the shipped word vectors (re-ranking by meaning; see core
   * ranking/meaning) and English word list (spelling) unless the caller brought its own. Reading those takes a
   * tenth of a second or more and some 20-25 MB, which `hub ingest` and the other commands that never search do
   * without.
   */
  get engine(): CouncilSearchEngine {
    this.built ??= new CouncilSearchEngine({
      ...this.options,
      ...(this.vocabulary ? { vocabulary: this.vocabulary } : {}),
      wordVectors: this.options.wordVectors ?? shippedWordVectors(),
      language: this.options.language ?? shippedEnglishWords(),
      // Page text stays in SQLite: the index reads back only the pages it shows (see PageTextSource).
      pageText: this.options.pageText ?? { textOf: (id, contentHash, upTo) => this.store.textNow(id, contentHash, upTo) },
    });
    return this.built;
  }

  /** True once the index has been loaded from SQLite. */
  get loaded(): boolean {
    return this.seenSeq >= 0;
  }

  /** How the index was loaded, once it has been (the host logs it). */
  get lastLoad(): IndexLoadReport | undefined {
    return this.report;
  }

  async get(id: string): Promise<GuidancePage | undefined> {
    return this.store.get(id);
  }

  async fingerprints(origin: string): Promise<Map<string, string>> {
    return this.store.fingerprints(origin);
  }

  async findByUrl(url: string): Promise<GuidancePage | undefined> {
    return this.store.findByUrl(url);
  }

  async count(): Promise<number> {
    return this.store.count();
  }

  async apply(changes: PageChanges): Promise<void> {
    await this.store.apply(changes);
    // Not loaded yet: the load will read these pages with everything else. A snapshot being written: the change
    // log has these changes, and the next search replays them once it is done.
    if (this.seenSeq < 0 || this.writing) return;
    for (const id of changes.removals) this.engine.remove(id);
    for (const page of changes.upserts) this.engine.upsert(page);
    this.behind += changes.removals.length + changes.upserts.length;
  }

  async search(query: ParsedQuery): Promise<SearchHit[]> {
    await this.load();
    return this.engine.search(query);
  }

  async answer(query: ParsedQuery): Promise<SearchAnswer> {
    await this.load();
    return this.engine.answer(query);
  }

  /**
   * Brings the index up to date, loading it first if needed. The load reads INDEX_LOAD_CHUNK pages at a time and
   * gives the event loop back between chunks, so a host loading a large library at start still answers health checks
   * and page reads; searches wait for it. Concurrent callers share one load.
   */
  async load(): Promise<void> {
    if (this.seenSeq < 0) {
      this.loading ??= this.loadInChunks().finally(() => {
        this.loading = undefined;
      });
      await this.loading;
    }
    this.replayChanges();
  }

  private async loadInChunks(): Promise<void> {
    const started = performance.now();
    // Read the head before the pages: changes committed during the load are replayed afterwards.
    const head = this.store.changeSeq();
    let unusable: string | undefined;
    if (this.snapshot) {
      const restored = await this.restoreSnapshot(this.snapshot.file);
      if (typeof restored === "number") {
        this.seenSeq = head;
        this.report = { from: "snapshot", pages: this.engine.size, analysed: restored, ms: performance.now() - started };
        // Far behind (a large ingest while no host ran): write it again, in the background.
        if (this.behind >= this.rewriteThreshold()) void this.saveSnapshot();
        return;
      }
      unusable = restored.unusable;
    }
    await this.eachRow((afterRow, limit) => this.store.pagesAfter(afterRow, limit), (page) => this.engine.upsert(page));
    this.seenSeq = head;
    this.report = { from: "pages", pages: this.engine.size, analysed: this.engine.size, ms: performance.now() - started, ...(unusable ? { snapshotUnusable: unusable } : {}) };
    // Keep what was just built for the next start; searches need not wait for it (saveSnapshot reports its own errors).
    if (this.snapshot) void this.saveSnapshot();
  }

  /** Pages the snapshot may fall behind by before it is written again (see SNAPSHOT_REWRITE_MIN_PAGES). */
  private rewriteThreshold(): number {
    return this.snapshot?.rewriteAfterPages ?? Math.max(SNAPSHOT_REWRITE_MIN_PAGES, Math.ceil(SNAPSHOT_REWRITE_SHARE * this.engine.size));
  }

  /**
   * Hands every row that `read` gives, in storage order (see SqliteGuidance.pagesAfter), to `use`, reading
   * INDEX_LOAD_CHUNK at a time, and gives the event loop back after each read and whenever the load's time slice
   * (INDEX_LOAD_SLICE_MS) is used up.
   */
  private async eachRow<Row>(read: (afterRow: number, limit: number) => { pages: Row[]; lastRow: number }, use: (row: Row) => void): Promise<void> {
    const slice = new TimeSlice(this.loadSliceMs);
    let afterRow = 0;
    for (;;) {
      const { pages, lastRow } = read(afterRow, INDEX_LOAD_CHUNK);
      for (const page of pages) {
        use(page);
        if (slice.spent) await slice.next();
      }
      if (pages.length < INDEX_LOAD_CHUNK) break;
      afterRow = lastRow;
      await slice.next();
    }
  }

  /**
   * Restores the index from the snapshot file, then brings it up to date with SQLite: every page's id and content
   * hash is read (reading is cheap; analysing is what the snapshot saves), a page whose content hash matches the
   * snapshot's keeps its analysis, and only new and changed pages are analysed. Pages gone since drop out. So a stale
   * snapshot (a crash since, a restored database backup, another process's ingest) still gives the same pages, with
   * the same words, as a full build. Returns the pages analysed, or why the snapshot was not used: it could not be
   * read, was written by other code, or most of its pages changed since (then building afresh is quicker). Never
   * throws: whatever goes wrong, the caller builds from the pages.
   */
  private async restoreSnapshot(file: string): Promise<number | { unusable: string }> {
    try {
      removeStaleTemporaries(file);
      const read = await readSnapshotFile(file, indexSnapshotKey());
      if ("unusable" in read) return read;
      const hashes = snapshotContentHashes(read.parts);
      // Ids and hashes only, not text: the index reads text back from SQLite when it shows a page (pageText).
      const unchanged = new Set<string>();
      // Ids only: a snapshot that is stale for many pages must not hold them all in memory at once.
      const changed: string[] = [];
      let changedSinceSnapshot = 0;
      await this.eachRow(
        (afterRow, limit) => this.store.hashesAfter(afterRow, limit),
        (page) => {
          const then = hashes.get(page.id);
          if (then === page.contentHash) {
            unchanged.add(page.id);
          } else {
            changed.push(page.id);
            if (then !== undefined) changedSinceSnapshot++;
          }
        },
      );
      // Behind by the pages new, changed and gone since.
      const gone = hashes.size - unchanged.size - changedSinceSnapshot;
      const stale = changed.length + gone;
      if (stale > SNAPSHOT_MOSTLY_STALE_SHARE * (unchanged.size + stale)) return { unusable: `mostly out of date (${stale} of ${unchanged.size + stale} pages new, changed or gone since)` };
      // The engine keeps no text (it has a page text source): restore asks only whether each page is unchanged.
      this.engine.index.restore(read.parts, (id) => unchanged.has(id));
      this.behind = stale;
      const slice = new TimeSlice(this.loadSliceMs);
      for (const id of changed) {
        const page = this.store.getNow(id);
        if (page) this.engine.upsert(page);
        if (slice.spent) await slice.next();
      }
      return changed.length;
    } catch (error) {
      // Restore checks the parts before it changes anything, but a file that deserialised into something stranger
      // than it checks for may throw elsewhere: start from an empty index either way.
      this.engine.index.clear();
      this.behind = Number.POSITIVE_INFINITY;
      return { unusable: error instanceof SnapshotMismatch ? error.message : `damaged (${error instanceof Error ? error.message : String(error)})` };
    }
  }

  /**
   * Writes the index to the snapshot file, if one is configured, the index is loaded and it changed since the
   * snapshot on disk (by at least `minPages` pages; any change by default). While it writes, the index does not
   * change: pages written meanwhile wait in the change log and are indexed on the next search after. A write that
   * fails is reported, and the next start rebuilds from the pages. Never throws.
   */
  async saveSnapshot(minPages = 1): Promise<void> {
    const snapshot = this.snapshot;
    if (!snapshot) return;
    // One write at a time: a caller arriving during a write waits for it, then checks again.
    while (this.writing) await this.writing;
    if (this.seenSeq < 0 || this.behind < Math.max(1, minPages)) return;
    this.writing = (async () => {
      try {
        await writeSnapshotFile(snapshot.file, indexSnapshotKey(), this.engine.index.snapshotParts());
        // Nothing changed the index while it was written (see apply and replayChanges).
        this.behind = 0;
      } catch (error) {
        snapshot.onError(error, "writing the search index snapshot");
      } finally {
        this.writing = undefined;
      }
    })();
    await this.writing;
  }

  /**
   * For a host stopping cleanly: waits for a snapshot being written, and writes one if the index is far enough ahead
   * of the snapshot on disk (see SNAPSHOT_REWRITE_MIN_PAGES); a few changed pages are left to the next start.
   */
  async close(): Promise<void> {
    // Never loaded (`hub ingest`, a command that did not search): there is no index to keep, nor engine to make.
    if (!this.loaded) return;
    await this.saveSnapshot(this.rewriteThreshold());
  }

  /** Replaces the search vocabulary; applies from the next search, with no re-indexing. */
  setVocabulary(vocabulary: Vocabulary): void {
    if (this.built) this.built.setVocabulary(vocabulary);
    else this.vocabulary = vocabulary;
  }

  /** Applies page changes logged since the index last looked (one index lookup when there are none). */
  private replayChanges(): void {
    // A snapshot being written: the changes stay in the log until it is done.
    if (this.writing) return;
    const head = this.store.changeSeq();
    if (head === this.seenSeq) return;
    let seen = this.seenSeq;
    for (const change of this.store.changesSince(this.seenSeq)) {
      seen = Math.max(seen, change.seq);
      if (change.contentHash === null) {
        this.engine.remove(change.id);
        this.behind++;
      } else if (this.engine.index.contentHash(change.id) !== change.contentHash) {
        const page = this.store.getNow(change.id);
        if (page) this.engine.upsert(page);
        else this.engine.remove(change.id);
        this.behind++;
      }
    }
    this.seenSeq = Math.max(seen, head);
  }
}
