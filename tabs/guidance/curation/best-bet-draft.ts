import type { BestBet, BestBetInput, BestBetMatch } from "../../shared/api-types";
import { toDateInput } from "./format";

/** The host's limits for a best bet (core/guidance/best-bets), checked here first so mistakes are explained early. */
export const MAX_TRIGGERS = 20;
export const MAX_TRIGGER_LENGTH = 100;
export const MAX_NOTE_LENGTH = 500;

/** The best-bet form's fields as typed. */
export interface BestBetDraft {
  readonly page?: { readonly id: string; readonly title: string };
  /** One trigger per line. */
  readonly triggers: string;
  readonly match: BestBetMatch;
  readonly note: string;
  /** `YYYY-MM-DD` or "". */
  readonly expires: string;
}

/** Field names, matching the host's 400 detail paths. */
export type BestBetField = "pageId" | "triggers" | "match" | "note" | "expiresAt";

/** The form's fields in order: the host's detail paths map onto these. */
export const BEST_BET_FIELDS: readonly BestBetField[] = ["pageId", "triggers", "match", "note", "expiresAt"];

/** An empty form, or one filled from an existing best bet. */
export function draftFrom(bet?: BestBet): BestBetDraft {
  if (!bet) return { triggers: "", match: "phrase", note: "", expires: "" };
  return {
    page: { id: bet.pageId, title: bet.pageTitle },
    triggers: bet.triggers.join("\n"),
    match: bet.match,
    note: bet.note ?? "",
    expires: toDateInput(bet.expiresAt),
  };
}

/** The triggers typed, one per line, tidied and without repeats (ignoring case). */
export function triggerLines(text: string): string[] {
  const seen = new Set<string>();
  return text
    .split("\n")
    .map((line) => line.replace(/\s+/g, " ").trim())
    .filter((line) => {
      const key = line.toLowerCase();
      if (!line || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/**
 * Checks the form. Returns the problems per field (empty when none) and, when there are none, the body to send.
 * An expiry date means "pinned until the end of that day".
 */
export function checkBestBet(draft: BestBetDraft, today: string): { problems: Partial<Record<BestBetField, string>>; input?: BestBetInput } {
  const problems: Partial<Record<BestBetField, string>> = {};
  const triggers = triggerLines(draft.triggers);
  if (!draft.page) problems.pageId = "Choose the page to pin: find it by its title, then select it.";
  if (triggers.length === 0) problems.triggers = "Enter at least one question or phrase that should show this page first.";
  else if (triggers.length > MAX_TRIGGERS) problems.triggers = `Enter at most ${MAX_TRIGGERS} phrases (there are ${triggers.length}).`;
  else {
    const long = triggers.findIndex((t) => t.length > MAX_TRIGGER_LENGTH);
    if (long >= 0) problems.triggers = `Line ${long + 1} is longer than ${MAX_TRIGGER_LENGTH} characters.`;
  }
  const note = draft.note.trim();
  if (note.length > MAX_NOTE_LENGTH) problems.note = `Keep the note under ${MAX_NOTE_LENGTH} characters (it has ${note.length}).`;
  if (draft.expires && !/^\d{4}-\d{2}-\d{2}$/.test(draft.expires)) problems.expiresAt = "Enter the date as day, month and year.";
  else if (draft.expires && draft.expires < today) problems.expiresAt = "The end date is in the past. Choose today or a later date, or leave it empty.";
  if (Object.keys(problems).length > 0 || !draft.page) return { problems };
  return {
    problems,
    input: {
      pageId: draft.page.id,
      triggers,
      match: draft.match,
      ...(note ? { note } : {}),
      ...(draft.expires ? { expiresAt: `${draft.expires}T23:59:59.000Z` } : {}),
    },
  };
}

/** How a match mode reads in the list. */
export function matchLabel(match: BestBetMatch): string {
  return match === "phrase" ? "Question contains the phrase" : "Question contains all the words, in any order";
}
