import type { SearchHit } from "../../core";
import {
  CARD_ENVELOPE,
  type AdaptiveCard,
  type CardElement,
  type OpenUrlAction,
} from "../cards/adaptive-card-types";
import { MAX_TITLE_CHARS, truncate } from "../cards/card-limits";
import { escapeMarkdown, snippetToPlainText } from "../cards/card-text";
import { guidanceTabLink, originalPageLink } from "../cards/guidance-links";
import { PINNED_LABEL, pinnedBadge } from "../cards/pinned-badge";
import { MAX_CARD_SNIPPET_CHARS } from "./message-extension-limits";

/** What a page card shows: a search hit, or a page turned into one (link unfurling). */
export type PageCardItem = Pick<SearchHit, "id" | "title" | "snippet" | "url" | "pinned">;

/** A page's title and snippet as plain text, cut to card length: shared by the card, its preview and `speak`. */
export function pageCardText(item: PageCardItem): { readonly title: string; readonly snippet: string } {
  const title = truncate(item.title.replace(/\s+/g, " ").trim(), MAX_TITLE_CHARS);
  // Matched-term markers only make sense to the person who searched; the card is read by everyone in the chat.
  const snippet = truncate(snippetToPlainText(item.snippet).replace(/\s+/g, " ").trim(), MAX_CARD_SNIPPET_CHARS);
  return { title, snippet };
}

/**
 * The card a message-extension search or an unfurled link puts into a chat: title, a short snippet, "Open in
 * Council Hub" (the Guidance tab) and "Open original" (when the page has one). Text only, so it reads the same
 * without images; pinned pages say so in words.
 */
export function guidancePageCard(item: PageCardItem, publicUrl: string): AdaptiveCard {
  const { title, snippet } = pageCardText(item);
  const tabLink = guidanceTabLink(publicUrl, item.id);
  const original = originalPageLink(item.url);
  const actions: OpenUrlAction[] = [
    ...(tabLink ? [{ type: "Action.OpenUrl" as const, title: "Open in Council Hub", url: tabLink, tooltip: `Open ${title} in Council Hub` }] : []),
    ...(original ? [{ type: "Action.OpenUrl" as const, title: "Open original", url: original, tooltip: `Open the original page ${title}` }] : []),
  ];
  const body: CardElement[] = [
    ...(item.pinned ? [pinnedBadge()] : []),
    { type: "TextBlock", text: escapeMarkdown(title), style: "heading", weight: "bolder", size: "medium", wrap: true },
    ...(snippet ? [{ type: "TextBlock" as const, text: escapeMarkdown(snippet), wrap: true, spacing: "small" as const }] : []),
    { type: "TextBlock", text: "Council guidance from Council Hub", isSubtle: true, size: "small", wrap: true, spacing: "small" },
  ];
  const pinnedPrefix = item.pinned ? `${PINNED_LABEL}. ` : "";
  return {
    ...CARD_ENVELOPE,
    body,
    ...(actions.length > 0 ? { actions } : {}),
    speak: `${pinnedPrefix}Council guidance: ${title}.${snippet ? ` ${snippet}` : ""}`,
    fallbackText: [
      `${pinnedPrefix}${title}`,
      ...(snippet ? [snippet] : []),
      ...(tabLink ? [`Open in Council Hub: ${tabLink}`] : []),
      ...(original ? [`Open original: ${original}`] : []),
    ].join("\n"),
  };
}
