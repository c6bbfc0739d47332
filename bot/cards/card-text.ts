/** Characters that Adaptive Card Markdown (a CommonMark subset) would read as formatting or links. */
const MARKDOWN_SPECIALS = /[\\`*_[\]<>]/g;

/** Escapes text a user or a page supplied so a TextBlock shows it literally instead of formatting it. */
export function escapeMarkdown(text: string): string {
  return text.replace(MARKDOWN_SPECIALS, (c) => `\\${c}`);
}

/**
 * Turns a search snippet into TextBlock Markdown. Snippets wrap matched terms in `**…**`; those markers are kept
 * (TextBlock renders them bold) and everything between them is escaped, so page text can't add formatting.
 */
export function snippetToMarkdown(snippet: string): string {
  const parts = snippet.split("**").map(escapeMarkdown);
  // An odd number of markers (a snippet cut mid-term) would show a stray "**": merge away the unpaired last one.
  if (parts.length % 2 === 0) {
    const last = parts.pop() ?? "";
    parts.push(`${parts.pop() ?? ""}${last}`);
  }
  return parts.join("**");
}

/** A snippet as plain text, for `speak` and `fallbackText`: the bold markers would be read aloud as "star star". */
export function snippetToPlainText(snippet: string): string {
  return snippet.replace(/\*\*/g, "");
}

/** Quotes the user's question for display, escaped and with curly quotes (read naturally by screen readers). */
export function quoteQuestion(question: string): string {
  return `“${escapeMarkdown(question)}”`;
}
