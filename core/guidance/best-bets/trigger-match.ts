import { analyse } from "../ranking/analyzer";
import { containsRun } from "../curation/term-runs";
import type { BestBetMatch } from "./best-bet";

/** A question or trigger reduced to index terms, the engine's way (case, accents, British/US spelling, stems). */
export interface NormalisedWords {
  /** Every word's term, in order. */
  readonly all: readonly string[];
  /** The terms of words that carry meaning (stopwords dropped), in order. */
  readonly content: readonly string[];
}

/** Reduces text to index terms with the search engine's own analyser, so pins agree with how search reads words. */
export function normaliseWords(text: string): NormalisedWords {
  const words = analyse(text);
  return { all: words.map((w) => w.term), content: words.filter((w) => !w.stop).map((w) => w.term) };
}

/**
 * One trigger ready to match: the terms that must appear. Stopwords are dropped ("working from home" ≈ "work at
 * home") unless the trigger is nothing but stopwords (e.g. "IT"), which then must appear as written.
 */
export interface CompiledTrigger {
  readonly terms: readonly string[];
  readonly useAllWords: boolean;
}

/** Compiles a trigger; undefined when it has no words at all (punctuation only). */
export function compileTrigger(trigger: string): CompiledTrigger | undefined {
  const words = normaliseWords(trigger);
  if (words.content.length > 0) return { terms: words.content, useAllWords: false };
  if (words.all.length > 0) return { terms: words.all, useAllWords: true };
  return undefined;
}

/** True when a question (already normalised) sets off the trigger under the given match rule. */
export function triggerMatches(trigger: CompiledTrigger, question: NormalisedWords, match: BestBetMatch): boolean {
  const words = trigger.useAllWords ? question.all : question.content;
  if (match === "all-words") {
    const present = new Set(words);
    return trigger.terms.every((term) => present.has(term));
  }
  return containsRun(words, trigger.terms);
}
