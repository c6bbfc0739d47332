import type { ParsedQuery } from "../query";
import { analyse } from "../ranking/analyzer";
import { ExpansionTable, questionWordsOf, type ExpansionMatch } from "../ranking/expansion-table";
import { keyWords } from "../ranking/query-plan";
import { normaliseVocabulary, type Vocabulary, type VocabularySource } from "./vocabulary";

/**
 * The search vocabulary for engines that analyse text themselves (Microsoft Search): which phrases a question's
 * words may be swapped for, found with the very matching Council Hub's own engine uses (its analyser, key words and
 * compiled vocabulary), so a group the comms team edits means the same wherever staff search.
 */

/** Most vocabulary phrases offered for one stretch of a question; Council Hub's engine looks up as many. */
export const MAX_ALTERNATIVES_PER_SPAN = 8;

/** A vocabulary phrase that may stand in for some of the question's words. */
export interface VocabularyAlternative {
  /** The phrase's words as the analyser reads them: lower case, accents folded, punctuation gone, small words kept. */
  readonly words: readonly string[];
  /** A one-way broader word ("laptop" → "equipment"): offered after every true equivalent. */
  readonly broader: boolean;
}

/** One stretch of a question, in order: the person's own words, and what may stand in for them. */
export interface ExpandedSpan {
  /** The person's key words (as the analyser reads them); never dropped. */
  readonly words: readonly string[];
  /** Phrases meaning the same, best first: equivalents in vocabulary order, then broader words. Often empty. */
  readonly alternatives: readonly VocabularyAlternative[];
}

/**
 * A question's key words, grouped into spans, each with the vocabulary phrases that may replace it. Where matches
 * overlap ("annual leave request": "annual leave" and "leave request"), the longest wins, then the first. Pure: the
 * same question and table always give the same spans.
 *
 * @example
 * expandQuery(parseQuery("book holiday"), new ExpansionTable({ entries: [{ terms: ["holiday", "annual leave"] }] }))
 * // [{ words: ["book"], alternatives: [] }, { words: ["holiday"], alternatives: [{ words: ["annual", "leave"], broader: false }] }]
 */
export function expandQuery(query: ParsedQuery, table: ExpansionTable): ExpandedSpan[] {
  const analysed = analyse(query.text);
  const words = keyWords(analysed, table, query.text);
  // The analyser skips over-long runs (URLs, hashes); a question made only of those still searches for them as typed.
  if (words.length === 0) return query.keyTerms.map((term) => ({ words: [term], alternatives: [] }));
  const chosen = nonOverlapping(table.match(words.map((w) => w.term), questionWordsOf(analysed, words)));
  const spans: ExpandedSpan[] = [];
  for (let i = 0; i < words.length; ) {
    const match = chosen.get(i);
    const end = match?.end ?? i + 1;
    const typed = words.slice(i, end).map((w) => w.surface);
    spans.push({ words: typed, alternatives: match ? alternativesOf(match, typed.join(" ")) : [] });
    i = end;
  }
  return spans;
}

/** Matches that share no word, keyed by start: longer spans first (they say more), then earlier ones. */
function nonOverlapping(matches: readonly ExpansionMatch[]): Map<number, ExpansionMatch> {
  const taken = new Set<number>();
  const chosen = new Map<number, ExpansionMatch>();
  const byPreference = [...matches].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  for (const match of byPreference) {
    const positions = Array.from({ length: match.end - match.start }, (_, k) => match.start + k);
    if (positions.some((p) => taken.has(p))) continue;
    for (const p of positions) taken.add(p);
    chosen.set(match.start, match);
  }
  return chosen;
}

function alternativesOf(match: ExpansionMatch, typed: string): VocabularyAlternative[] {
  const seen = new Set([typed]);
  const alternatives: VocabularyAlternative[] = [];
  // Stable: equivalents keep the vocabulary's order, and all come before the broader words.
  const ordered = [...match.expansions].sort((a, b) => Number(a.broader) - Number(b.broader));
  for (const expansion of ordered) {
    const words = analyse(expansion.text).map((w) => w.surface);
    const key = words.join(" ");
    if (words.length === 0 || seen.has(key)) continue;
    seen.add(key);
    alternatives.push({ words, broader: expansion.broader });
    if (alternatives.length === MAX_ALTERNATIVES_PER_SPAN) break;
  }
  return alternatives;
}

/**
 * The compiled table for whatever vocabulary `source` holds now, compiled again only when that changes (a save, or
 * another instance's save picked up by the store's refresh), so an edit applies from the next search.
 */
export function liveExpansionTable(source: VocabularySource): () => ExpansionTable {
  let compiledFrom: Vocabulary | undefined;
  let table: ExpansionTable | undefined;
  return () => {
    const vocabulary = source.current();
    if (table === undefined || vocabulary !== compiledFrom) {
      table = new ExpansionTable(normaliseVocabulary(vocabulary));
      compiledFrom = vocabulary;
    }
    return table;
  };
}
