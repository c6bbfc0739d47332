import type { ExpandedSpan } from "../../core";

/**
 * Longest KQL query text Microsoft Search runs: "KQL queries you create programmatically by using the Query object
 * model have a default length limit of 4,096 characters" (Keyword Query Language (KQL) syntax reference,
 * https://learn.microsoft.com/sharepoint/dev/general-development/keyword-query-language-kql-syntax-reference).
 * The limit is on the whole query, so the site-scope queryTemplate's own characters come out of it.
 */
export const MAX_KQL_QUERY_LENGTH = 4_096;
/**
 * Most vocabulary phrases ORed in for one word or phrase of the question (the best first). Fewer than Council Hub's
 * own engine looks up (MAX_ALTERNATIVES_PER_SPAN): there they weigh less than the typed word, here they count fully.
 */
export const MAX_EXPANSIONS_PER_TERM = 6;
/** Most vocabulary phrases in one query, across all its words: every one is a lookup Microsoft Search must do. */
export const MAX_QUERY_EXPANSIONS = 24;
/** Longest vocabulary phrase sent, in words and in characters (the vocabulary's own limit for a term is 100). */
export const MAX_EXPANSION_WORDS = 8;
export const MAX_EXPANSION_CHARS = 100;

/** Text KQL reads as a word and nothing else: letters and digits. Anything more is quoted or dropped. */
const PLAIN_WORD = /^[\p{L}\p{N}]+$/u;
/** What survives inside a quoted phrase: letters, digits, combining marks and inner apostrophes; the rest splits words. */
const NOT_WORD = /[^\p{L}\p{N}\p{M}']+/u;
/** A word must hold a letter or digit: a lone mark or apostrophe is no search term. */
const HAS_LETTER = /[\p{L}\p{N}]/u;

/**
 * Renders a question and its vocabulary expansions as a KQL query string for `{searchTerms}`, e.g. `book holiday` →
 * `book (holiday OR "annual leave")`. Every word and phrase is treated as untrusted (the question is the user's, the
 * vocabulary is comms-editor data): all lower case, so no word is an operator (KQL's are upper case only); only
 * letters and digits left bare; anything else in quotes with every character KQL reads as syntax (quotes, colons,
 * brackets, wildcards, `+`/`-`, braces) turned into spaces; and the structure (brackets, `OR`) written here alone.
 *
 * At most `maxLength` characters: expansions are dropped lowest priority first (broader words, then those listed
 * later, then those of later words) until it fits. The person's own words are never dropped (a question is at most
 * 500 characters, far inside the limit).
 */
export function kqlQueryString(spans: readonly ExpandedSpan[], maxLength: number = MAX_KQL_QUERY_LENGTH): string {
  const rendered = spans
    .map((span) => ({ own: span.words.flatMap(kqlWords).map(kqlTerm), alternatives: alternativesOf(span) }))
    .filter((span) => span.own.length > 0);
  // Priority order over the whole query: equivalents before broader words, then by rank within a word, then by word.
  const byPriority = rendered
    .flatMap((span, s) => span.alternatives.map((alternative, rank) => ({ s, rank, ...alternative })))
    .sort((a, b) => Number(a.broader) - Number(b.broader) || a.rank - b.rank || a.s - b.s)
    .slice(0, MAX_QUERY_EXPANSIONS);
  /** The query with the `kept` highest-priority expansions, each in its word's group in the vocabulary's order. */
  const render = (kept: number): string => {
    const chosen = byPriority.slice(0, kept).sort((a, b) => a.rank - b.rank);
    return rendered
      .map(({ own }, s) => {
        const alternatives = chosen.filter((c) => c.s === s).map((c) => c.kql);
        if (alternatives.length === 0) return own.join(" ");
        return `(${[own.length === 1 ? own[0]! : `(${own.join(" ")})`, ...alternatives].join(" OR ")})`;
      })
      .join(" ");
  };
  let kept = byPriority.length;
  let text = render(kept);
  while (text.length > maxLength && kept > 0) text = render(--kept);
  return text;
}

/** A span's alternatives as KQL, best first, at most MAX_EXPANSIONS_PER_TERM; empty, over-long or repeated ones go. */
function alternativesOf(span: ExpandedSpan): Array<{ kql: string; broader: boolean }> {
  const seen = new Set([span.words.flatMap(kqlWords).join(" ")]);
  const out: Array<{ kql: string; broader: boolean }> = [];
  for (const alternative of span.alternatives) {
    const words = alternative.words.flatMap(kqlWords);
    const phrase = words.join(" ");
    if (words.length === 0 || words.length > MAX_EXPANSION_WORDS || phrase.length > MAX_EXPANSION_CHARS) continue;
    if (seen.has(phrase)) continue;
    seen.add(phrase);
    out.push({ kql: words.length === 1 ? kqlTerm(phrase) : `"${phrase}"`, broader: alternative.broader });
    if (out.length === MAX_EXPANSIONS_PER_TERM) break;
  }
  return out;
}

/** Lower-cased words of `text` with everything KQL could read as syntax removed (apostrophes only inside a word). */
function kqlWords(text: string): string[] {
  return text
    .toLowerCase()
    .split(NOT_WORD)
    .map((w) => w.replace(/^'+|'+$/g, ""))
    .filter((w) => HAS_LETTER.test(w));
}

/** One word, bare when it is only letters and digits, otherwise as a one-word phrase. */
function kqlTerm(word: string): string {
  return PLAIN_WORD.test(word) ? word : `"${word}"`;
}
