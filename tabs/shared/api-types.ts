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
}

/** `GET /api/guidance/search`. */
export interface GuidanceSearchResponse {
  /** The query as the host understood it (trimmed). */
  readonly query: string;
  readonly results: readonly GuidanceResult[];
  readonly tookMs: number;
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
