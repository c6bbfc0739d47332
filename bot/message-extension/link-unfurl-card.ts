import type { AdaptiveCard, CardAction, CardElement } from "../cards/adaptive-card-types";

/**
 * Highest Adaptive Card version Teams renders in an unfurled link. Teams' link unfurling documentation says 1.3 and
 * earlier (https://learn.microsoft.com/microsoftteams/platform/messaging-extensions/how-to/link-unfurling), and a
 * 1.5 card there shows nothing (MicrosoftDocs/msteams-docs#7286), so unfurled cards are declared 1.3.
 */
export const LINK_UNFURL_CARD_VERSION = "1.3";

/** A card as sent for an unfurled link: the same content, declared and limited to Adaptive Cards 1.3. */
export type LinkUnfurlCard = Omit<AdaptiveCard, "version"> & { readonly version: typeof LINK_UNFURL_CARD_VERSION };

/**
 * The same card for link unfurling: version 1.3, without the two 1.5 extras the bot's cards use (heading style on
 * titles, which stay bold and larger, and action tooltips, whose titles already name what they open).
 */
export function forLinkUnfurling(card: AdaptiveCard): LinkUnfurlCard {
  return {
    ...card,
    version: LINK_UNFURL_CARD_VERSION,
    body: card.body.map(withoutNewerFeatures),
    ...(card.actions ? { actions: card.actions.map(withoutTooltip) } : {}),
  };
}

function withoutNewerFeatures(element: CardElement): CardElement {
  switch (element.type) {
    case "TextBlock": {
      const { style: _style, ...rest } = element;
      return rest;
    }
    case "Container":
      return { ...element, items: element.items.map(withoutNewerFeatures) };
    case "ActionSet":
      return { ...element, actions: element.actions.map(withoutTooltip) };
    default:
      return element;
  }
}

function withoutTooltip(action: CardAction): CardAction {
  const { tooltip: _tooltip, ...rest } = action;
  return rest;
}
