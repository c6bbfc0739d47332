/**
 * Shapes of the Council Hub HTTP API as the tabs see them (JSON, so dates are ISO strings).
 * They mirror the host's responses; the host validates, so the tabs only type them.
 */

/** A sample user offered by the dev sign-in (`GET /api/dev/users`, dev mode only). */
export interface DevUser {
  readonly upn: string;
  readonly name: string;
  readonly roles: readonly string[];
  readonly department: string;
  readonly managerUpn?: string;
}

/** The signed-in member of staff (`GET /api/me`). */
export interface Me {
  readonly upn: string;
  readonly name: string;
  readonly roles: readonly string[];
  readonly department: string;
}

/** A token from the dev issuer (`POST /api/dev/token`). */
export interface DevToken {
  readonly token: string;
  /** ISO date-time after which the host rejects the token. */
  readonly expiresAt: string;
  readonly user: Me;
}

/** One guidance search hit. `snippet` is plain text with matched terms wrapped in `**…**`. */
export interface GuidanceResult {
  readonly id: string;
  readonly title: string;
  readonly snippet: string;
  readonly score: number;
  readonly url?: string;
  /** A best bet: the communications team pinned this page for the question. Pinned results come first. */
  readonly pinned?: true;
}

/** Where to go next when no page answers the question well (the right team, an adjustment request, the comms team). */
export interface NextStep {
  /** Short link text, e.g. "Ask the HR advice team". */
  readonly label: string;
  /** One sentence on when this is the right place. */
  readonly detail: string;
  readonly url?: string;
}

/** `GET /api/guidance/search`. */
export interface GuidanceSearchResponse {
  /** The query as the host understood it (trimmed). */
  readonly query: string;
  readonly results: readonly GuidanceResult[];
  readonly tookMs: number;
  /** True when none of the results answers the question well: they are only the closest pages. */
  readonly noAnswer?: boolean;
  /** Present only when `noAnswer` is true. */
  readonly nextSteps?: readonly NextStep[];
}

/** `GET /api/guidance/pages/:id`. `html` is sanitised by the host at ingest. */
export interface GuidancePage {
  readonly id: string;
  readonly title: string;
  readonly headings: readonly string[];
  readonly html: string;
  readonly url?: string;
  /** ISO date-time the page last changed. */
  readonly updatedAt: string;
}

/** `POST /api/guidance/feedback`: a "Was this helpful?" answer. */
export interface GuidanceFeedback {
  readonly query: string;
  readonly pageId?: string;
  readonly helpful: boolean;
}

/** A field-level problem in a 400 answer, e.g. `{ path: "q", message: "Required" }`. */
export interface ApiErrorDetail {
  readonly path: string;
  readonly message: string;
}

/** One group of equivalent words or phrases, with optional broader terms searched one way only. */
export interface VocabularyEntry {
  readonly terms: readonly string[];
  readonly broader?: readonly string[];
}

/** `GET`/`PUT /api/guidance/vocabulary`, `POST /api/guidance/vocabulary/reset`: the live search vocabulary. */
export interface VocabularyDocument {
  readonly entries: readonly VocabularyEntry[];
  /** ISO date-time of the last save; absent for the shipped default. */
  readonly updatedAt?: string;
  /** Who saved it last (name or UPN, as the host reports it). */
  readonly updatedBy?: string;
  /** True while the shipped default is in use. */
  readonly isDefault: boolean;
  /** The live revision, where the host reports it: sent back with a save so someone else's newer save is not overwritten (409). */
  readonly version?: string;
}

/** `PUT /api/guidance/vocabulary` body. */
export interface VocabularyInput {
  readonly entries: readonly VocabularyEntry[];
  /** The `version` the editor started from, if the host gave one. */
  readonly version?: string;
}

/** How a best bet's triggers match a question: the whole phrase, or every word in any order. */
export type BestBetMatch = "phrase" | "all-words";

/** What an editor sends to create or change a best bet (`POST /best-bets`, `PUT /best-bets/:id`). */
export interface BestBetInput {
  readonly pageId: string;
  /** 1–20 phrases, each 1–100 characters. */
  readonly triggers: readonly string[];
  readonly match?: BestBetMatch;
  readonly note?: string;
  /** ISO date-time after which the pin stops applying. */
  readonly expiresAt?: string;
  /** When editing: the `version` the editor started from, so someone else's newer save is not overwritten (409). */
  readonly version?: string;
}

/** A page pinned by the communications team for some questions. */
export interface BestBet {
  readonly id: string;
  readonly pageId: string;
  readonly pageTitle: string;
  readonly triggers: readonly string[];
  readonly match: BestBetMatch;
  readonly note?: string;
  readonly createdBy: string;
  /** ISO date-time. */
  readonly updatedAt: string;
  /** ISO date-time. */
  readonly expiresAt?: string;
  /** The stored revision, where the host reports it; sent back with an edit. */
  readonly version?: string;
}

/** `GET /api/guidance/best-bets`. */
export interface BestBetList {
  readonly bestBets: readonly BestBet[];
}

/** A report's date range, `YYYY-MM-DD` each; absent means the host's default (the last 28 days). */
export interface ReportRange {
  readonly from?: string;
  readonly to?: string;
}

/** Counts the content-gap report gives for a period or a question. */
export interface SearchCounts {
  readonly searches: number;
  readonly noAnswer: number;
  readonly notHelpful: number;
  readonly helpful: number;
}

/** One week of the trend; `weekStart` is `YYYY-MM-DD`. */
export interface ReportWeek extends SearchCounts {
  readonly weekStart: string;
}

/** A question (normalised and grouped) that had no answer or poor feedback. Stored without identity. */
export interface ContentGap extends SearchCounts {
  readonly query: string;
  /** The day it was last asked, `YYYY-MM-DD` (the log keeps days, never times of day). */
  readonly lastAsked: string;
  /** Where it was asked: "bot", "tab", "message_extension", "cli". */
  readonly channels: readonly string[];
}

/** `GET /api/guidance/report`. */
export interface ContentGapReport {
  readonly from: string;
  readonly to: string;
  readonly totals: SearchCounts;
  readonly weeks: readonly ReportWeek[];
  /** Worst first, at most 100. */
  readonly gaps: readonly ContentGap[];
}

/** A file the host sent for download, e.g. `GET /api/guidance/report.csv`. */
export interface FileDownload {
  readonly blob: Blob;
  /** From the response's content-disposition, or a sensible fallback. */
  readonly filename: string;
}
