import type { TextBlock } from "./adaptive-card-types";

/** How a best bet is marked in every card and preview: words, not colour or an icon, so everyone can see it. */
export const PINNED_LABEL = "Pinned by the communications team";

/** The "pinned" line above a pinned result's title. */
export function pinnedBadge(): TextBlock {
  return { type: "TextBlock", text: PINNED_LABEL, weight: "bolder", size: "small", wrap: true, spacing: "small" };
}
