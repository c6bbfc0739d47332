import type { GuidancePage, SearchHit } from "./page";
import type { SourceDocument } from "./parse-document";
import type { ParsedQuery } from "./query";

/** A set of page changes applied all-or-nothing: a failed ingest leaves the library as it was. */
export interface PageChanges {
  readonly upserts: readonly GuidancePage[];
  readonly removals: readonly string[];
}

/** Where guidance pages live. SQLite locally; SharePoint site pages in Microsoft 365. */
export interface GuidancePages {
  get(id: string): Promise<GuidancePage | undefined>;
  /** id → contentHash for every page from one origin, so re-ingest can skip unchanged pages. */
  fingerprints(origin: string): Promise<Map<string, string>>;
  apply(changes: PageChanges): Promise<void>;
  count(): Promise<number>;
  /**
   * The page whose original link is `url` (compared case-insensitively), for link unfurling. Optional: a store
   * without it simply unfurls no original links.
   */
  findByUrl?(url: string): Promise<GuidancePage | undefined>;
}

/** Ranked hits, and whether the engine judges that none of them really answers the question. */
export interface SearchAnswer {
  readonly hits: SearchHit[];
  /** True when nothing answers well: the hits are the closest pages, not an answer. */
  readonly noAnswer: boolean;
}

/** Ranks pages for a query. Swappable: Council Hub's own engine, SQLite FTS5, or Microsoft Search later. */
export interface GuidanceSearchEngine {
  search(query: ParsedQuery): Promise<SearchHit[]>;
  /** Engines that can tell a weak match from an answer implement this too; the service prefers it. */
  answer?(query: ParsedQuery): Promise<SearchAnswer>;
}

/** "Was this helpful?" answers. Stored without identity: who asked is never kept with what they asked. */
export interface SearchFeedback {
  readonly query: string;
  readonly pageId?: string;
  readonly helpful: boolean;
  readonly channel: "bot" | "tab" | "message_extension";
  readonly at: Date;
}

export interface FeedbackStore {
  record(feedback: SearchFeedback): Promise<void>;
  list(limit: number): Promise<SearchFeedback[]>;
}

/** One document's parse: its page, or why it could not be parsed (the rest of the batch still lands). */
export type ParseOutcome = { readonly page: GuidancePage; readonly error?: undefined } | { readonly page?: undefined; readonly error: string };

/**
 * Turns source documents into pages for ingest. In-thread by default (core's `inThreadParser`); store/ offers one
 * that spreads large batches over worker threads. Outcomes come back in the order of `docs`, and each page is
 * exactly what `parseDocument` gives for that document.
 */
export interface DocumentParser {
  parseBatch(docs: readonly SourceDocument[], origin: string, now: Date): Promise<ParseOutcome[]>;
}
