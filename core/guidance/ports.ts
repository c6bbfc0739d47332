import type { GuidancePage, SearchHit } from "./page";
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
}

/** Ranks pages for a query. Swappable: SQLite FTS5 now; a tuned engine or Microsoft Search later. */
export interface GuidanceSearchEngine {
  search(query: ParsedQuery): Promise<SearchHit[]>;
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
