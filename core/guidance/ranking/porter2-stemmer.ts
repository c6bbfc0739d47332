/**
 * The Porter2 ("Snowball English") stemmer, written from Martin Porter's published description of the algorithm.
 * Porter2 rather than the 1980 Porter stemmer: it fixes the original's worst conflations (e.g. "generous" and
 * "general") and keeps short words intact, which matters for the acronyms and jargon staff type.
 *
 * Input must already be lower-case letters (and apostrophes); callers skip tokens with digits.
 */

const VOWELS = new Set(["a", "e", "i", "o", "u", "y"]);
const DOUBLES = new Set(["bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt"]);
const LI_ENDINGS = new Set(["c", "d", "e", "g", "h", "k", "m", "n", "r", "t"]);

/** Whole words the algorithm would stem badly; Porter2's own exception list. */
const EXCEPTIONS: ReadonlyMap<string, string> = new Map([
  ["skis", "ski"],
  ["skies", "sky"],
  ["dying", "die"],
  ["lying", "lie"],
  ["tying", "tie"],
  ["idly", "idl"],
  ["gently", "gentl"],
  ["ugly", "ugli"],
  ["early", "earli"],
  ["only", "onli"],
  ["singly", "singl"],
  ["sky", "sky"],
  ["news", "news"],
  ["howe", "howe"],
  ["atlas", "atlas"],
  ["cosmos", "cosmos"],
  ["bias", "bias"],
  ["andes", "andes"],
]);
/** Words left alone after step 1a. */
const EXCEPTIONS_AFTER_1A = new Set(["inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed"]);

const STEP2: ReadonlyArray<readonly [string, string]> = [
  ["ization", "ize"],
  ["ational", "ate"],
  ["fulness", "ful"],
  ["ousness", "ous"],
  ["iveness", "ive"],
  ["tional", "tion"],
  ["biliti", "ble"],
  ["lessli", "less"],
  ["entli", "ent"],
  ["ation", "ate"],
  ["alism", "al"],
  ["aliti", "al"],
  ["ousli", "ous"],
  ["iviti", "ive"],
  ["fulli", "ful"],
  ["enci", "ence"],
  ["anci", "ance"],
  ["abli", "able"],
  ["izer", "ize"],
  ["ator", "ate"],
  ["alli", "al"],
  ["bli", "ble"],
  ["ogi", "og"],
  ["li", ""],
];
const STEP3: ReadonlyArray<readonly [string, string]> = [
  ["ational", "ate"],
  ["tional", "tion"],
  ["alize", "al"],
  ["icate", "ic"],
  ["iciti", "ic"],
  ["ative", ""],
  ["ical", "ic"],
  ["ness", ""],
  ["ful", ""],
];
const STEP4 = ["ement", "ance", "ence", "able", "ible", "ment", "ant", "ent", "ism", "ate", "iti", "ous", "ive", "ize", "ion", "al", "er", "ic"];

const isVowel = (c: string | undefined): boolean => c !== undefined && VOWELS.has(c);

/** Start of the region after the first non-vowel that follows a vowel, from `from`; `word.length` if none. */
function regionAfter(word: string, from: number): number {
  for (let i = from + 1; i < word.length; i++) {
    if (!isVowel(word[i]) && isVowel(word[i - 1])) return i + 1;
  }
  return word.length;
}

function r1Of(word: string): number {
  // Porter2 special-cases these prefixes so that e.g. "generous"/"general" and "communism"/"community" stay apart.
  for (const prefix of ["gener", "commun", "arsen"]) if (word.startsWith(prefix)) return prefix.length;
  return regionAfter(word, 0);
}

/** A short syllable ending at index `end` (inclusive). */
function endsInShortSyllable(word: string, end: number): boolean {
  if (end === 1) return isVowel(word[0]) && !isVowel(word[1]);
  if (end < 2) return false;
  const c = word[end]!;
  return !isVowel(c) && c !== "w" && c !== "x" && c !== "Y" && isVowel(word[end - 1]) && !isVowel(word[end - 2]);
}

function isShort(word: string, r1: number): boolean {
  return r1 >= word.length && endsInShortSyllable(word, word.length - 1);
}

function containsVowel(s: string): boolean {
  for (const c of s) if (isVowel(c)) return true;
  return false;
}

/** Stems one lower-case word. Words of one or two letters are returned as they are. */
export function porter2(input: string): string {
  if (input.length <= 2) return input;
  let word = input.startsWith("'") ? input.slice(1) : input;
  const exception = EXCEPTIONS.get(word);
  if (exception !== undefined) return exception;
  if (word.length <= 2) return word;

  // Mark consonant-y (initial y, or y after a vowel) as Y so that it is not treated as a vowel.
  if (word[0] === "y") word = "Y" + word.slice(1);
  for (let i = 1; i < word.length; i++) if (word[i] === "y" && isVowel(word[i - 1])) word = word.slice(0, i) + "Y" + word.slice(i + 1);

  const r1 = r1Of(word);
  const r2 = regionAfter(word, r1);

  // Step 0: possessives.
  for (const suffix of ["'s'", "'s", "'"]) {
    if (word.endsWith(suffix)) {
      word = word.slice(0, -suffix.length);
      break;
    }
  }

  // Step 1a: plurals.
  if (word.endsWith("sses")) word = word.slice(0, -2);
  else if (word.endsWith("ied") || word.endsWith("ies")) word = word.length > 4 ? word.slice(0, -2) : word.slice(0, -1);
  else if (word.endsWith("us") || word.endsWith("ss")) {
    // left alone
  } else if (word.endsWith("s") && containsVowel(word.slice(0, -2))) word = word.slice(0, -1);

  if (EXCEPTIONS_AFTER_1A.has(word)) return word;

  word = step1b(word, r1);

  // Step 1c: y → i after a consonant that is not the first letter ("cry" → "cri", "by" stays).
  const last = word[word.length - 1];
  if ((last === "y" || last === "Y") && word.length > 2 && !isVowel(word[word.length - 2])) word = word.slice(0, -1) + "i";

  word = replaceSuffix(word, STEP2, r1, (stem, suffix) => (suffix === "ogi" ? stem.endsWith("l") : suffix === "li" ? LI_ENDINGS.has(stem[stem.length - 1] ?? "") : true));
  word = replaceSuffix(word, STEP3, r1, (stem, suffix) => suffix !== "ative" || stem.length >= r2);
  word = step4(word, r2);
  word = step5(word, r1, r2);
  return word.replace(/Y/g, "y");
}

function step1b(word: string, r1: number): string {
  for (const suffix of ["eedly", "eed"]) {
    if (word.endsWith(suffix)) return word.length - suffix.length >= r1 ? word.slice(0, -suffix.length) + "ee" : word;
  }
  for (const suffix of ["ingly", "edly", "ing", "ed"]) {
    if (!word.endsWith(suffix)) continue;
    const stem = word.slice(0, -suffix.length);
    if (!containsVowel(stem)) return word;
    if (stem.endsWith("at") || stem.endsWith("bl") || stem.endsWith("iz")) return stem + "e";
    if (DOUBLES.has(stem.slice(-2))) return stem.slice(0, -1);
    if (isShort(stem, r1)) return stem + "e";
    return stem;
  }
  return word;
}

/** Replaces the longest matching suffix when it lies in the region starting at `region` and `allowed` agrees. */
function replaceSuffix(word: string, table: ReadonlyArray<readonly [string, string]>, region: number, allowed: (stem: string, suffix: string) => boolean): string {
  let best: readonly [string, string] | undefined;
  for (const entry of table) if (word.endsWith(entry[0]) && (!best || entry[0].length > best[0].length)) best = entry;
  if (!best) return word;
  const [suffix, replacement] = best;
  const stem = word.slice(0, -suffix.length);
  if (stem.length < region || !allowed(stem, suffix)) return word;
  return stem + replacement;
}

function step4(word: string, r2: number): string {
  let best = "";
  for (const suffix of STEP4) if (word.endsWith(suffix) && suffix.length > best.length) best = suffix;
  if (!best) return word;
  const stem = word.slice(0, -best.length);
  if (stem.length < r2) return word;
  if (best === "ion" && !(stem.endsWith("s") || stem.endsWith("t"))) return word;
  return stem;
}

function step5(word: string, r1: number, r2: number): string {
  const last = word.length - 1;
  if (word[last] === "e") {
    if (last >= r2 || (last >= r1 && !endsInShortSyllable(word, last - 1))) return word.slice(0, -1);
  } else if (word[last] === "l" && last >= r2 && word[last - 1] === "l") {
    return word.slice(0, -1);
  }
  return word;
}
