import { CouncilSearchEngine, type CouncilSearchOptions, type GuidancePage, type GuidancePages, type GuidanceSearchEngine, type PageChanges, type ParsedQuery, type SearchAnswer, type SearchHit, type Vocabulary } from "../../core";
import { shippedWordVectors } from "../semantic/shipped-word-vectors";
import type { SqliteGuidance } from "../sqlite-guidance";

/** Pages read from SQLite per step of the index load; between steps the host serves other requests. */
export const INDEX_LOAD_CHUNK = 500;

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
  readonly engine: CouncilSearchEngine;
  /** Change-log head the index reflects; -1 until the index is loaded. */
  private seenSeq = -1;
  /** The chunked load in progress, shared by everyone waiting for it. */
  private loading: Promise<void> | undefined;

  constructor(
    private readonly store: SqliteGuidance,
    options: CouncilSearchOptions = {},
  ) {
    // The index loads on the first search (or an explicit `load()`, as the host does at start), never on ingest alone:
    // `hub ingest` runs in its own process and would build an index only to throw it away. Once loaded, pages
    // ingested in this process are indexed as they are written.
    // The shipped word vectors unless the caller brings its own (re-ranking by meaning; see core ranking/meaning).
    this.engine = new CouncilSearchEngine({ ...options, wordVectors: options.wordVectors ?? shippedWordVectors() });
  }

  /** True once the index has been loaded from SQLite. */
  get loaded(): boolean {
    return this.seenSeq >= 0;
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
    // Not loaded yet: the load will read these pages with everything else.
    if (this.seenSeq < 0) return;
    for (const id of changes.removals) this.engine.remove(id);
    for (const page of changes.upserts) this.engine.upsert(page);
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
    // Read the head before the pages: changes committed during the load are replayed afterwards.
    const head = this.store.changeSeq();
    let afterRow = 0;
    for (;;) {
      const { pages, lastRow } = this.store.pagesAfter(afterRow, INDEX_LOAD_CHUNK);
      for (const page of pages) this.engine.upsert(page);
      if (pages.length < INDEX_LOAD_CHUNK) break;
      afterRow = lastRow;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    this.seenSeq = head;
  }

  /** Replaces the search vocabulary; applies from the next search, with no re-indexing. */
  setVocabulary(vocabulary: Vocabulary): void {
    this.engine.setVocabulary(vocabulary);
  }

  /** Applies page changes logged since the index last looked (one index lookup when there are none). */
  private replayChanges(): void {
    const head = this.store.changeSeq();
    if (head === this.seenSeq) return;
    let seen = this.seenSeq;
    for (const change of this.store.changesSince(this.seenSeq)) {
      seen = Math.max(seen, change.seq);
      if (change.contentHash === null) {
        this.engine.remove(change.id);
      } else if (this.engine.index.contentHash(change.id) !== change.contentHash) {
        const page = this.store.getNow(change.id);
        if (page) this.engine.upsert(page);
        else this.engine.remove(change.id);
      }
    }
    this.seenSeq = Math.max(seen, head);
  }
}
