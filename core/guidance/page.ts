/** A page of intranet guidance, as ingested from Markdown or HTML (locally) or SharePoint site pages (in Microsoft 365). */
export interface GuidancePage {
  /** Stable id: the path relative to the ingested folder, e.g. "hr/annual-leave.md". */
  readonly id: string;
  readonly title: string;
  /** Section headings, in order; ranked above body text. */
  readonly headings: readonly string[];
  /** Plain text of the body, markup removed: what search indexes and snippets quote. */
  readonly text: string;
  /** The body as ingested: Markdown as written, or sanitised HTML. GuidanceService.readPage serves it as safe HTML. */
  readonly body: PageBody;
  /** Where the page came from: an ingest root label ("sample", a folder path) or a SharePoint site. */
  readonly origin: string;
  /** Link to the original, where the page has one (front matter `url`, or a SharePoint page URL). */
  readonly url?: string;
  /**
   * The author's own topic words: front matter `keywords` and `tags` (a list or a comma-separated string). Ranked as
   * a field of their own, so their weight can be judged (and turned off) apart from the page's text.
   */
  readonly keywords?: readonly string[];
  /** A one-line summary by the author: front matter `description`, an HTML meta description, a SharePoint page description. */
  readonly description?: string;
  /** Fingerprint of the source bytes and the parse version: re-ingest skips pages whose fingerprint is unchanged. */
  readonly contentHash: string;
  readonly updatedAt: Date;
}

/** What search indexes of a page: everything but its body (search reads `text`), origin and date. */
export type IndexablePage = Omit<GuidancePage, "body" | "origin" | "updatedAt">;

/**
 * A page's body. Markdown is kept as its author wrote it and rendered to safe HTML when someone opens the page:
 * rendering every page at ingest cost more than all the rest of ingest, for pages most of which are rarely opened.
 * HTML (an .html file, a SharePoint page) is sanitised at ingest and kept sanitised.
 */
export type PageBody = { readonly markdown: string } | { readonly html: string };

/** A page as a person reads it in the tab: what the page API returns. */
export interface PageView {
  readonly id: string;
  readonly title: string;
  readonly headings: readonly string[];
  /** The body as HTML safe to show. */
  readonly html: string;
  readonly url?: string;
  readonly updatedAt: Date;
}

/** One search result. `snippet` is plain text with the matched terms wrapped in `**…**`. */
export interface SearchHit {
  readonly id: string;
  readonly title: string;
  readonly snippet: string;
  readonly score: number;
  readonly url?: string;
  /** True when a comms editor pinned this page for the question (a best bet): it comes first and is marked. */
  readonly pinned?: true;
}

/** Where to go next when search has no good answer: the right team, an adjustment request, the comms team. */
export interface NextStep {
  /** Short link text, e.g. "Ask the HR advice team". */
  readonly label: string;
  /** One sentence on when this is the right place. */
  readonly detail: string;
  /** A link (a tab deep link, a mail address as mailto:, or an intranet page), where there is one. */
  readonly url?: string;
}

export interface SearchResponse {
  readonly query: string;
  readonly results: readonly SearchHit[];
  readonly tookMs: number;
  /**
   * True when the engine judged that no result answers the question well: show the results as "closest pages", or
   * say so. Absent when the engine cannot tell (e.g. SQLite FTS5).
   */
  readonly noAnswer?: boolean;
  /** Present only when `noAnswer` is true: where to go next instead of reading weak results as an answer. */
  readonly nextSteps?: readonly NextStep[];
}
