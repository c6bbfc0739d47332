import { isStopword } from "../../core";
import { seededRandom } from "../support/seeded-random";
import type { BenchQuery } from "./search-bench";

/** Misspelt copies of each question in the typo set. */
export const TYPO_VARIANTS = 3;
/** Words shorter than this are left alone: a slip in "form" or "time" leaves three letters that could be anything. */
export const TYPO_MIN_WORD = 5;

const LETTERS = "abcdefghijklmnopqrstuvwxyz";

/**
 * Copies of `queries` with one word misspelt each: a letter dropped, two neighbours swapped, a letter replaced or a
 * letter added (the slips of fast typing: one edit, never the first letter, which people rarely get wrong). The
 * word is one of the question's longer ordinary words, chosen at random; the same seed gives the same copies on
 * every run. Judgments are kept: a misspelt question has the same answer, or the same lack of one.
 */
export function withTypos(queries: readonly BenchQuery[], variants = TYPO_VARIANTS, seed = 20261127): BenchQuery[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const out: BenchQuery[] = [];
  for (const q of queries) {
    const words = q.query.split(/(\s+)/);
    const candidates = words.flatMap((word, i) => (/^[a-z]+$/i.test(word) && word.length >= TYPO_MIN_WORD && !isStopword(word.toLowerCase()) ? [i] : []));
    if (candidates.length === 0) continue;
    for (let v = 0; v < variants; v++) {
      const at = pick(candidates);
      const misspelt = [...words];
      misspelt[at] = misspell(words[at]!, random);
      out.push({ id: `${q.id}~typo${v + 1}`, query: misspelt.join(""), judgments: q.judgments });
    }
  }
  return out;
}

/** One edit to `word`, after its first letter. */
export function misspell(word: string, random: () => number): string {
  const slip = slipOnce(word, random);
  // Swapping two equal letters changes nothing: drop one instead.
  if (slip !== word) return slip;
  const i = 1 + Math.floor(random() * (word.length - 1));
  return word.slice(0, i) + word.slice(i + 1);
}

function slipOnce(word: string, random: () => number): string {
  const i = 1 + Math.floor(random() * (word.length - 1));
  const other = (not: string): string => {
    let c: string;
    do c = LETTERS[Math.floor(random() * LETTERS.length)]!;
    while (c === not.toLowerCase());
    return c;
  };
  switch (Math.floor(random() * 4)) {
    case 0:
      return word.slice(0, i) + word.slice(i + 1);
    case 1:
      // Swap with the next letter (the last letter swaps with the one before it).
      return i < word.length - 1 ? word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2) : word.slice(0, i - 1) + word[i] + word[i - 1];
    case 2:
      return word.slice(0, i) + other(word[i]!) + word.slice(i + 1);
    default:
      return word.slice(0, i) + other("") + word.slice(i);
  }
}
