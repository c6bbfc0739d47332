/** How a best bet's triggers are compared with a question. */
export const BEST_BET_MATCHES = ["phrase", "all-words"] as const;

/**
 * "phrase": the question contains the trigger's words in order, side by side; "all-words": the question contains
 * every word of the trigger, in any order. Both after normalisation (case, punctuation, British/US spelling,
 * stemming), so "Holidays" matches "holiday" and "organisation" matches "organization".
 */
export type BestBetMatch = (typeof BEST_BET_MATCHES)[number];

/** Bounds on one best bet: a trigger is a question or a few words, not a page of text. */
export const MAX_BEST_BET_TRIGGERS = 20;
export const MAX_TRIGGER_LENGTH = 100;
export const MAX_BEST_BET_NOTE_LENGTH = 500;
/** Most best bets the comms team may keep: all are matched in memory on every search. */
export const MAX_BEST_BETS = 2_000;
/** Most pinned results one search shows: pins are a few editorial picks above the ranked results, not a list. */
export const MAX_PINNED_RESULTS = 3;

/** A page comms editors pinned for some questions. */
export interface BestBet {
  readonly id: string;
  readonly pageId: string;
  /** The page's current title (the page id when the page has since been removed). */
  readonly pageTitle: string;
  readonly triggers: readonly string[];
  readonly match: BestBetMatch;
  readonly note?: string;
  /** UPN of the comms editor who created it. */
  readonly createdBy: string;
  readonly updatedAt: Date;
  /** After this moment the pin no longer applies (e.g. a campaign page). */
  readonly expiresAt?: Date;
  /** Store version, for optimistic concurrency on update. */
  readonly version: string;
}

/** What an editor sends to create or replace a best bet. */
export interface BestBetInput {
  readonly pageId: string;
  readonly triggers: readonly string[];
  readonly match?: BestBetMatch;
  readonly note?: string;
  readonly expiresAt?: Date;
  /** The version the editor last saw; a different stored version is a 409 instead of a silent overwrite. */
  readonly version?: string;
}
