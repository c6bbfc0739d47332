import type { VocabularyEntry } from "../../shared/api-types";
import { formatCount, plural } from "./format";

/** The host's limits (core/guidance/vocabulary): checked here too, so mistakes are explained before saving. */
export const MAX_TERM_LENGTH = 100;
export const MAX_TERMS_PER_GROUP = 20;
export const MAX_GROUPS = 5_000;

/** A vocabulary group being edited; `key` is local, so React keeps rows apart while their words change. */
export interface DraftGroup {
  readonly key: string;
  readonly terms: readonly string[];
  readonly broader: readonly string[];
}

/** Problems with a group, per field; empty when it can be saved. */
export interface GroupProblems {
  readonly terms?: string;
  readonly broader?: string;
}

let nextKey = 0;

/** Draft groups for the entries the host sent. */
export function toDraft(entries: readonly VocabularyEntry[]): DraftGroup[] {
  return entries.map((entry) => newGroup(entry.terms, entry.broader ?? []));
}

/** A group with a fresh local key. */
export function newGroup(terms: readonly string[], broader: readonly string[]): DraftGroup {
  nextKey += 1;
  return { key: `g${nextKey}`, terms, broader };
}

/** Entries to send: the broader list only where there is one, as the host stores them. */
export function toEntries(groups: readonly DraftGroup[]): VocabularyEntry[] {
  return groups.map((g) => (g.broader.length > 0 ? { terms: [...g.terms], broader: [...g.broader] } : { terms: [...g.terms] }));
}

/**
 * Splits what an editor typed into terms: commas or new lines separate them, spaces are tidied, blanks and repeats
 * (ignoring case) are dropped.
 */
export function splitTerms(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of text.split(/[,\n]/)) {
    const term = raw.replace(/\s+/g, " ").trim();
    const key = term.toLowerCase();
    if (!term || seen.has(key)) continue;
    seen.add(key);
    out.push(term);
  }
  return out;
}

/**
 * Checks a group as the host would keep it: the host silently drops a group that says nothing (one term and no
 * broader terms), so that is refused here with a reason instead.
 */
export function checkGroup(terms: readonly string[], broader: readonly string[]): GroupProblems {
  const problems: { terms?: string; broader?: string } = {};
  const long = (list: readonly string[]) => list.find((t) => t.length > MAX_TERM_LENGTH);
  if (terms.length === 0) problems.terms = "Enter at least two words or phrases that mean the same, separated by commas.";
  else if (terms.length === 1 && broader.length === 0) problems.terms = "Add another word or phrase that means the same, or a broader term below.";
  else if (terms.length > MAX_TERMS_PER_GROUP) problems.terms = `A group can have at most ${MAX_TERMS_PER_GROUP} words or phrases; split it into two groups.`;
  else if (long(terms)) problems.terms = `“${truncate(long(terms) ?? "")}” is longer than ${MAX_TERM_LENGTH} characters.`;
  if (broader.length > MAX_TERMS_PER_GROUP) problems.broader = `At most ${MAX_TERMS_PER_GROUP} broader terms.`;
  else if (long(broader)) problems.broader = `“${truncate(long(broader) ?? "")}” is longer than ${MAX_TERM_LENGTH} characters.`;
  return problems;
}

/** True when a group mentions the filter text in any of its terms (ignoring case). */
export function groupMatches(group: DraftGroup, filter: string): boolean {
  const needle = filter.trim().toLowerCase();
  if (!needle) return true;
  return [...group.terms, ...group.broader].some((t) => t.toLowerCase().includes(needle));
}

function truncate(text: string): string {
  return text.length > 30 ? `${text.slice(0, 30)}…` : text;
}

/** What the list shows, for the polite status under the filter: "Showing 50 of 258 groups", "3 groups match". */
export function listStatus(shown: number, matching: number, total: number, filtered: boolean): string {
  if (filtered) return shown < matching ? `Showing ${shown} of ${plural(matching, "matching group")}` : `${formatCount(matching)} of ${plural(total, "group")} match`;
  return shown < total ? `Showing ${shown} of ${plural(total, "group")}` : plural(total, "group");
}
