import type { Vocabulary } from "../vocabulary/vocabulary";
import { analyse, type AnalysedWord } from "./analyzer";

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

/** A word of the whole question, stopwords included: its term, and its index among the key words (-1: left out). */
export interface QuestionWord {
  readonly term: string;
  readonly key: number;
}

/** The question's words for `match`, from all its analysed words and the key words kept from them (same objects). */
export function questionWordsOf(all: readonly AnalysedWord[], key: readonly AnalysedWord[]): QuestionWord[] {
  const keyIndex = new Map(key.map((w, i) => [w, i]));
  return all.map((w) => ({ term: w.term, key: keyIndex.get(w) ?? -1 }));
}

interface Phrase {
  readonly terms: readonly string[];
  /**
   * For a phrase that only one word would be left of without its stopwords ("on call", "log in", "get help"), or
   * that starts with "it" meaning IT ("it service management"): all its terms, stopwords included. Such a phrase is
   * found only as typed in full, or "call" alone would expand to "standby" and "service manager" to ITIL.
   */
  readonly whole?: readonly string[];
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
  /** Phrases that need their stopwords (see Phrase.whole), by their first word's term. */
  private readonly wholeByFirstTerm = new Map<string, Phrase[]>();
  private readonly entries: CompiledEntry[] = [];

  /** Index terms that some entry lists as an acronym (short, no vowels or written in capitals), e.g. "oh", "slt". */
  readonly acronyms = new Set<string>();
  /** Each word the vocabulary uses (not stopwords or acronyms), as written: its term and entries (see vocabularyWord). */
  private readonly words = new Map<string, { term: string; entries: Set<number> }>();
  /** The same words' terms, and the entries each is in (see vocabularyTermEntries). */
  private readonly wordTerms = new Map<string, Set<number>>();

  constructor(vocabulary: Vocabulary) {
    vocabulary.entries.forEach((entry, index) => {
      const toPhrase = (text: string): Phrase | undefined => {
        const words = analyse(text);
        const terms = words.filter((w) => !w.stop || isAcronymText(text)).map((w) => w.term);
        if (terms.length === 0 || terms.length > MAX_PHRASE_TERMS) return undefined;
        const acronym = terms.length === 1 && isAcronymText(text);
        // "it service management" is not "service management": a leading "it" means IT, written small.
        const needsAll = (terms.length === 1 && words.length > 1) || (words.length > 1 && words[0]!.surface === "it");
        const whole = needsAll && !acronym ? words.map((w) => w.term) : undefined;
        // Keyed by all its words when it needs them, so "log in" and "log on" stay two phrases, not one "log".
        return { terms, text, key: (whole ?? terms).join(" "), entry: index, acronym, ...(whole ? { whole } : {}) };
      };
      const equivalents = dedupe(entry.terms.map(toPhrase));
      const broader = dedupe((entry.broader ?? []).map(toPhrase));
      for (const text of [...entry.terms, ...(entry.broader ?? [])]) {
        if (isAcronymText(text)) continue;
        for (const word of analyse(text)) {
          if (word.stop) continue;
          const known = this.words.get(word.surface) ?? { term: word.term, entries: new Set<number>() };
          known.entries.add(index);
          this.words.set(word.surface, known);
          const entries = this.wordTerms.get(word.term) ?? new Set<number>();
          entries.add(index);
          this.wordTerms.set(word.term, entries);
        }
      }
      this.entries.push({ equivalents, broader });
      for (const phrase of equivalents) {
        const [map, first] = phrase.whole ? [this.wholeByFirstTerm, phrase.whole[0]!] : [this.byFirstTerm, phrase.terms[0]!];
        map.set(first, [...(map.get(first) ?? []), phrase]);
        if (phrase.acronym) this.acronyms.add(phrase.terms[0]!);
      }
    });
  }

  /**
   * A word the vocabulary uses, written as `surface` (lower case): its term and the entries it is in. Lets search read a
   * misspelt word as a vocabulary word that no page uses ("secondmeent" as "secondment", which the pages call a
   * detail): correcting against the pages' words alone would never find it.
   */
  vocabularyWord(surface: string): { readonly term: string; readonly entries: ReadonlySet<number> } | undefined {
    return this.words.get(surface);
  }

  /** The entries a term of a vocabulary word is in (whatever form the word took), or undefined. */
  vocabularyTermEntries(term: string): ReadonlySet<number> | undefined {
    return this.wordTerms.get(term);
  }

  /**
   * Every vocabulary phrase found in `terms` (a question's key terms, in order), with its expansions. Phrases that
   * need their stopwords ("on call") are looked for in `question`, the whole question, when given.
   */
  match(terms: readonly string[], question: readonly QuestionWord[] = []): ExpansionMatch[] {
    const found = new Map<string, { start: number; end: number; expansions: Map<string, Expansion>; acronym: boolean }>();
    const add = (start: number, end: number, phrase: Phrase): void => {
      const key = `${start}:${end}`;
      const span = found.get(key) ?? { start, end, expansions: new Map<string, Expansion>(), acronym: false };
      span.acronym ||= phrase.acronym;
      const entry = this.entries[phrase.entry]!;
      for (const other of entry.equivalents) if (other.key !== phrase.key) span.expansions.set(other.key, { terms: other.terms, text: other.text, broader: false });
      for (const other of entry.broader) if (!span.expansions.has(other.key)) span.expansions.set(other.key, { terms: other.terms, text: other.text, broader: true });
      found.set(key, span);
    };
    for (let start = 0; start < terms.length; start++) {
      for (const phrase of this.byFirstTerm.get(terms[start]!) ?? []) {
        const end = start + phrase.terms.length;
        if (end <= terms.length && phrase.terms.every((t, i) => terms[start + i] === t)) add(start, end, phrase);
      }
    }
    for (let at = 0; at < question.length; at++) {
      for (const phrase of this.wholeByFirstTerm.get(question[at]!.term) ?? []) {
        const whole = phrase.whole!;
        if (at + whole.length > question.length || !whole.every((t, i) => question[at + i]!.term === t)) continue;
        // The key words the phrase keeps are the span it stands in for (not an acronym typed among its words).
        const kept = question.slice(at, at + whole.length).filter((w) => w.key >= 0 && phrase.terms.includes(w.term));
        const first = kept[0]?.key ?? -1;
        const inOrder = kept.length === phrase.terms.length && kept.every((w, i) => w.key === first + i && w.term === phrase.terms[i]);
        if (inOrder && first + kept.length <= terms.length) add(first, first + kept.length, phrase);
      }
    }
    const matches: ExpansionMatch[] = [];
    for (const { start, end, expansions, acronym } of found.values()) {
      // What the person typed is searched for anyway; expanding a phrase to its own words adds nothing.
      const typed = terms.slice(start, end).join(" ");
      const useful = [...expansions.values()].filter((e) => e.terms.join(" ") !== typed);
      if (useful.length > 0) matches.push({ start, end, expansions: useful, acronym });
    }
    return matches.sort((a, b) => a.start - b.start || a.end - b.end);
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
