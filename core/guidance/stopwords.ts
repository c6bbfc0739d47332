/**
 * Words that carry no meaning in a staff question ("how do I …", "what is the …"). Search matches on the other words,
 * so snippets highlight "expenses", not "how". A query made only of stopwords ("who are we") keeps them all.
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    "a about an and are as at be been but by can could do does did for from get got had has have how i i'm if in into is it its " +
    "me my of on or our should so that the their them then there these they this to us was we were what whats what's when where " +
    "which who whom why will with would you your yours am any some all just also than too very"
  ).split(" "),
);

/** The terms worth matching: `terms` without stopwords, or all of them if nothing else is left. */
export function keyTerms(terms: readonly string[]): string[] {
  const kept = terms.filter((t) => !STOPWORDS.has(t));
  return kept.length > 0 ? kept : [...terms];
}
