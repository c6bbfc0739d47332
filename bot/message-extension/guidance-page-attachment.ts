import type { Attachment, MessagingExtensionAttachment } from "botbuilder";
import { ADAPTIVE_CARD_CONTENT_TYPE } from "../cards/adaptive-card-types";
import { PINNED_LABEL } from "../cards/pinned-badge";
import { guidancePageCard, pageCardText, type PageCardItem } from "./guidance-page-card";
import { forLinkUnfurling } from "./link-unfurl-card";

/** MIME type of a thumbnail card: what Teams shows as one row of a message-extension result list. */
export const THUMBNAIL_CARD_CONTENT_TYPE = "application/vnd.microsoft.card.thumbnail";

/**
 * The result-list row for a page: title, "Pinned by the communications team" as the subtitle of a pinned page,
 * and the snippet as plain text. No `tap`: choosing the row inserts the attachment's card as it is.
 */
export function guidancePagePreview(item: PageCardItem): Attachment {
  const { title, snippet } = pageCardText(item);
  return {
    contentType: THUMBNAIL_CARD_CONTENT_TYPE,
    content: { title, ...(item.pinned ? { subtitle: PINNED_LABEL } : {}), text: snippet },
  };
}

/** A page as a message-extension attachment: the card that goes into the chat, and the row that previews it. */
export function guidancePageAttachment(item: PageCardItem, publicUrl: string): MessagingExtensionAttachment {
  return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: guidancePageCard(item, publicUrl), preview: guidancePagePreview(item) };
}

/** A page as an unfurled link's attachment: the same card, declared Adaptive Cards 1.3 as link unfurling needs. */
export function unfurledPageAttachment(item: PageCardItem, publicUrl: string): MessagingExtensionAttachment {
  return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: forLinkUnfurling(guidancePageCard(item, publicUrl)), preview: guidancePagePreview(item) };
}
