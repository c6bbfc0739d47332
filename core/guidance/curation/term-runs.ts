/** True when `run` appears in `words` as consecutive items (a phrase of terms inside a question's terms). */
export function containsRun<T>(words: ArrayLike<T>, run: ArrayLike<T>): boolean {
  if (run.length === 0) return false;
  outer: for (let i = 0; i + run.length <= words.length; i++) {
    for (let j = 0; j < run.length; j++) if (words[i + j] !== run[j]) continue outer;
    return true;
  }
  return false;
}
