import type { GuidancePage } from "../../core";
import type { PageCardItem } from "./guidance-page-card";

/** Characters of a page's opening used as an unfurled link's snippet (the card cuts it further at a word). */
const OPENING_CHARS = 400;

/**
 * A page as a card item, for an unfurled link: there is no query, so the snippet is the page's opening text.
 * Never `pinned`: a pin belongs to a question, and a pasted link has none.
 */
export function pageCardItem(page: GuidancePage): PageCardItem {
  const text = page.text.replace(/\s+/g, " ").trim();
  const opening = text.length <= OPENING_CHARS ? text : `${text.slice(0, OPENING_CHARS).replace(/\s+\S*$/, "")}…`;
  return { id: page.id, title: page.title, snippet: opening, ...(page.url ? { url: page.url } : {}) };
}
