/** A leading `<h1>…</h1>` (and the white space after it) at the very start of the page body. */
const LEADING_H1 = /^\s*<h1(?:\s[^>]*)?>[\s\S]*?<\/h1>\s*/i;

/**
 * Removes the body's own leading `<h1>`: the page view already shows the title as its focused h1, and two
 * h1s with the same words would be read out twice and break the heading outline. Only the very first element
 * is touched, so a page whose body starts with text keeps all of its headings.
 */
export function stripTitleHeading(html: string): string {
  return html.replace(LEADING_H1, "");
}
