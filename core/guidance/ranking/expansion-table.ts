import type { Vocabulary } from "../vocabulary/vocabulary";
import { analyse } from "./analyzer";

/**
 * A vocabulary compiled for query time: every word or phrase analysed into index terms (stopwords dropped, so
 * "time off in lieu" matches "time off lieu" and "TOIL in lieu of time off" alike), keyed by its first term.
 * Compiling is cheap (milliseconds for thousands of entries), so a vocabulary edit recompiles and applies at once.
 */

/** Something to search for instead of, or as well as, what was typed. */
export interface Expansion {
  /** Index terms, in order; more than one for a phrase. */
  readonly terms: readonly string[];
  /** The phrase as the vocabulary words it (an engine that does its own text analysis, e.g. Microsoft Search, needs this). */
  readonly text: string;
  /** True for a one-way broader word: searched for at a lower weight than a true equivalent. */
  readonly broader: boolean;
}

/** A vocabulary phrase found in the question, and what it expands to. */
export interface ExpansionMatch {
  /** Range of key words in the question (start inclusive, end exclusive). */
  readonly start: number;
  readonly end: number;
  readonly expansions: readonly Expansion[];
  /** True when the matched words are an acronym or abbreviation entry (all caps in the vocabulary). */
  readonly acronym: boolean;
}

interface Phrase {
  readonly terms: readonly string[];
  readonly text: string;
  readonly key: string;
  readonly entry: number;
  readonly acronym: boolean;
}

interface CompiledEntry {
  readonly equivalents: readonly Phrase[];
  readonly broader: readonly Phrase[];
}

/** Longest vocabulary phrase, in key words: longer phrases are descriptions, not terms. */
const MAX_PHRASE_TERMS = 6;

/** The compiled vocabulary. */
export class ExpansionTable {
  private readonly byFirstTerm = new Map<string, Phrase[]>();
  private readonly entries: CompiledEntry[] = [];

  /** Index terms that some entry lists as an acronym (short, no vowels or written in capitals), e.g. "oh", "slt". */
  readonly acronyms = new Set<string>();

  constructor(vocabulary: Vocabulary) {
    vocabulary.entries.forEach((entry, index) => {
      const toPhrase = (text: string): Phrase | undefined => {
        const terms = analyse(text)
          .filter((w) => !w.stop || isAcronymText(text))
          .map((w) => w.term);
        if (terms.length === 0 || terms.length > MAX_PHRASE_TERMS) return undefined;
        return { terms, text, key: terms.join(" "), entry: index, acronym: terms.length === 1 && isAcronymText(text) };
      };
      const equivalents = dedupe(entry.terms.map(toPhrase));
      const broader = dedupe((entry.broader ?? []).map(toPhrase));
      this.entries.push({ equivalents, broader });
      for (const phrase of equivalents) {
        const list = this.byFirstTerm.get(phrase.terms[0]!) ?? [];
        list.push(phrase);
        this.byFirstTerm.set(phrase.terms[0]!, list);
        if (phrase.acronym) this.acronyms.add(phrase.terms[0]!);
      }
    });
  }

  /** Every vocabulary phrase found in `terms` (a question's key terms, in order), with its expansions. */
  match(terms: readonly string[]): ExpansionMatch[] {
    const matches: ExpansionMatch[] = [];
    for (let start = 0; start < terms.length; start++) {
      const byEnd = new Map<number, { expansions: Map<string, Expansion>; acronym: boolean }>();
      for (const phrase of this.byFirstTerm.get(terms[start]!) ?? []) {
        const end = start + phrase.terms.length;
        if (end > terms.length || !phrase.terms.every((t, i) => terms[start + i] === t)) continue;
        const found = byEnd.get(end) ?? { expansions: new Map<string, Expansion>(), acronym: false };
        found.acronym ||= phrase.acronym;
        const entry = this.entries[phrase.entry]!;
        for (const other of entry.equivalents) if (other.key !== phrase.key) found.expansions.set(other.key, { terms: other.terms, text: other.text, broader: false });
        for (const other of entry.broader) if (!found.expansions.has(other.key)) found.expansions.set(other.key, { terms: other.terms, text: other.text, broader: true });
        byEnd.set(end, found);
      }
      for (const [end, found] of byEnd) {
        // What the person typed is searched for anyway; expanding a phrase to its own words adds nothing.
        const typed = terms.slice(start, end).join(" ");
        const expansions = [...found.expansions.values()].filter((e) => e.terms.join(" ") !== typed);
        if (expansions.length > 0) matches.push({ start, end, expansions, acronym: found.acronym });
      }
    }
    return matches;
  }
}

/** Acronyms are written in capitals in the vocabulary ("OH", "SLT", "L&D"). */
function isAcronymText(text: string): boolean {
  return /^[A-Z0-9&/-]{2,8}$/.test(text) || /^[a-z0-9&]{2,5}$/.test(text) && !/[aeiou]/.test(text);
}

function dedupe(phrases: ReadonlyArray<Phrase | undefined>): Phrase[] {
  const seen = new Set<string>();
  return phrases.filter((p): p is Phrase => p !== undefined && !seen.has(p.key) && (seen.add(p.key), true));
}
