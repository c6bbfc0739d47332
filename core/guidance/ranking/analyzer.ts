import { STOPWORDS } from "../stopwords";
import { americanSpelling } from "./british-spelling";
import { porter2 } from "./porter2-stemmer";

/**
 * Text → index terms, the same way for pages and for questions (a mismatch here would silently lose matches):
 * words are lower-cased, accents folded ("café" → "cafe", "Gŵyl" → "gwyl"), British spellings folded to one form,
 * then Porter2-stemmed. Words with digits ("sf182", "2fa") are kept whole: stemming them only does harm.
 */

// Letters, digits and combining marks, with inner apostrophes ("don't", "staff's"). Marks are kept so that
// decomposed accents stay inside their word; they are folded away in `surfaceOf`.
const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*(?:['’][\p{L}\p{M}]+)*/gu;
const MARKS = /\p{M}+/gu;
const HAS_DIGIT = /\d/;
// eslint-disable-next-line no-control-regex -- the ASCII range is the point: most words skip the Unicode fold.
const ASCII = /^[\x00-\x7f]*$/;

/** Longest word worth indexing; longer runs are URLs, hashes or base64, never searched for. */
export const MAX_WORD_LENGTH = 40;
/** Bound on the word → term cache; a corpus's vocabulary is far smaller, so this only guards against junk. */
const TERM_CACHE_LIMIT = 400_000;

/** A raw word as matched in the text, lower-cased and accent-folded: what typo tolerance compares. */
export function surfaceOf(raw: string): string {
  const lower = raw.toLowerCase();
  const folded = ASCII.test(lower) ? lower : lower.normalize("NFKD").replace(MARKS, "");
  return folded.includes("’") ? folded.replace(/’/g, "'") : folded;
}

const termCache = new Map<string, string>();

/**
 * Words kept whole because stemming would merge them with a word of another meaning in staff guidance: "leaving"
 * (the organisation) is not "leave" (time off).
 */
const UNSTEMMED: ReadonlySet<string> = new Set(["leaving"]);

/**
 * Where Porter2 merges words that guidance uses for different things, the word (after British/American folding)
 * takes the term here instead, found by pattern: "accessibility" is not "access" (log-in rights), "internal" not
 * "intern" nor "international", "production" (the live environment) not "product", "universal" (Universal Credit)
 * not "university", "organization" not "organ", "experiment" not "experience", "engine" not "engineering".
 */
const STEM_OVERRIDES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^accessib/, "accessibl"],
  [/^inaccessib/, "inaccessibl"],
  [/^internal/, "internal"],
  [/^internation/, "international"],
  [/^production/, "production"],
  [/^universal/, "universal"],
  // Not "organism" or "organist".
  [/^organi[sz](?:e|ed|es|er|ers|ing|ation|ations|ational|ationally)$/, "organiz"],
  [/^experiment/, "experiment"],
  [/^engines?$/, "engine"],
  [/^busy$/, "busy"],
];

function stemOf(word: string): string {
  const folded = americanSpelling(word);
  for (const [pattern, term] of STEM_OVERRIDES) if (pattern.test(folded)) return term;
  return porter2(folded);
}

/** The index term for a surface word: spelling-folded and stemmed, cached (the same words recur endlessly). */
export function termOf(surface: string): string {
  let term = termCache.get(surface);
  if (term === undefined) {
    term = HAS_DIGIT.test(surface) || UNSTEMMED.has(surface) ? surface : stemOf(surface.endsWith("'s") ? surface.slice(0, -2) : surface);
    // A word whose stem is a stopword ("getting" → "get", "being" → "be") keeps a term of its own: it carries meaning
    // ("getting started") where the stopword does not, and stopword terms are not searched in page bodies.
    if (term !== surface && STOPWORDS.has(term) && !STOPWORDS.has(surface)) term = surface;
    if (termCache.size >= TERM_CACHE_LIMIT) termCache.clear();
    termCache.set(surface, term);
  }
  return term;
}

/** True for words that carry no meaning in a question ("the", "how", "what's"). */
export function isStopword(surface: string): boolean {
  return STOPWORDS.has(surface);
}

/** Called for each word: its surface form and its character range in the text. Returning false stops the scan. */
export type WordVisitor = (surface: string, start: number, end: number) => boolean | void;

/**
 * Visits every word of `text` from character `from`, in order. `onJoined` also receives hyphenated runs written
 * as one word ("e-sign" → "esign", "co-ordinate" → "coordinate"), because staff type them both ways.
 */
export function scanWords(text: string, from: number, onWord: WordVisitor, onJoined?: (surface: string) => void): void {
  // Whole-text lower-casing is much cheaper than per word, and safe whenever it keeps the length (offsets stay put;
  // only a few letters such as "İ" change length).
  let lower: string | undefined = from === 0 && text.length > 64 ? text.toLowerCase() : undefined;
  if (lower !== undefined && lower.length !== text.length) lower = undefined;
  WORD.lastIndex = from;
  // A hyphenated run is tracked as a character range and joined only when it ends: most words are not in one.
  let runStart = -1;
  let runParts = 0;
  let previousEnd = -2;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    const raw = m[0];
    const start = m.index;
    const end = start + raw.length;
    if (raw.length > MAX_WORD_LENGTH) {
      previousEnd = -2;
      continue;
    }
    const surface = lower !== undefined && isAsciiRange(text, start, end) ? lower.slice(start, end) : surfaceOf(raw);
    if (onJoined) {
      if (start === previousEnd + 1 && text.charCodeAt(previousEnd) === 45 /* - */) {
        runParts++;
      } else {
        if (runParts > 1) onJoined(joinRun(text, runStart, previousEnd));
        runStart = start;
        runParts = 1;
      }
    }
    previousEnd = end;
    if (onWord(surface, start, end) === false) return;
  }
  if (onJoined && runParts > 1) onJoined(joinRun(text, runStart, previousEnd));
}

/** "e-sign" → "esign": the surface of a hyphenated run written as one word. */
function joinRun(text: string, start: number, end: number): string {
  return surfaceOf(text.slice(start, end).replace(/-/g, ""));
}

function isAsciiRange(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (text.charCodeAt(i) > 127) return false;
  return true;
}

/** One word of an analysed text. */
export interface AnalysedWord {
  readonly surface: string;
  readonly term: string;
  readonly stop: boolean;
  readonly start: number;
  readonly end: number;
}

/** Every word of a short text (a question, a vocabulary phrase) with its term. */
export function analyse(text: string): AnalysedWord[] {
  const words: AnalysedWord[] = [];
  scanWords(text, 0, (surface, start, end) => {
    words.push({ surface, term: termOf(surface), stop: isStopword(surface), start, end });
  });
  return words;
}
