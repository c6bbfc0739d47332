import { analyse } from "../ranking/analyzer";

/**
 * The form questions are grouped by in the content-gap report: the search analyser's terms (case, punctuation,
 * British/US spelling and word endings folded), stopwords dropped, each term once, in alphabetical order. So "How do
 * I book annual leave?", "booking annual leave" and "annual leave booking" count as one question.
 */
export function questionKey(question: string): string {
  const words = analyse(question);
  const content = words.filter((w) => !w.stop).map((w) => w.term);
  const terms = content.length > 0 ? content : words.map((w) => w.term);
  if (terms.length === 0) return question.trim().toLowerCase();
  return [...new Set(terms)].sort().join(" ");
}
