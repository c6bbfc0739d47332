/**
 * Spelling variants one edit away (Damerau–Levenshtein distance 1: a letter deleted, inserted, replaced, or two
 * neighbours swapped). Search only tries the variants that some page actually uses, so generating all of them and
 * looking each up is cheaper than any fuzzy index for the handful of unknown words in a question.
 */

const ALPHABET = "abcdefghijklmnopqrstuvwxyz";

/** Calls `visit` with every distinct string one edit from `word` (letters a–z only for inserts and replacements). */
export function forEachEdit1(word: string, visit: (variant: string) => void): void {
  const seen = new Set<string>();
  const emit = (variant: string): void => {
    if (variant !== word && variant.length > 0 && !seen.has(variant)) {
      seen.add(variant);
      visit(variant);
    }
  };
  for (let i = 0; i <= word.length; i++) {
    const head = word.slice(0, i);
    const tail = word.slice(i);
    if (tail.length > 0) emit(head + tail.slice(1));
    if (tail.length > 1) emit(head + tail[1] + tail[0] + tail.slice(2));
    for (const c of ALPHABET) {
      emit(head + c + tail);
      if (tail.length > 0) emit(head + c + tail.slice(1));
    }
  }
}
