import type { AdaptiveCard, CardAction, CardElement } from "../../../bot";

/** Every element of a card, depth first (containers' items included). */
export function cardElements(card: AdaptiveCard): CardElement[] {
  const out: CardElement[] = [];
  const visit = (elements: readonly CardElement[]): void => {
    for (const element of elements) {
      out.push(element);
      if (element.type === "Container") visit(element.items);
    }
  };
  visit(card.body);
  return out;
}

/** Every action of a card: card-level actions and those in ActionSets anywhere in the body. */
export function cardActions(card: AdaptiveCard): CardAction[] {
  const inBody = cardElements(card).flatMap((element) => (element.type === "ActionSet" ? [...element.actions] : []));
  return [...inBody, ...(card.actions ?? [])];
}

/** Text of every TextBlock, in order. */
export function cardTexts(card: AdaptiveCard): string[] {
  return cardElements(card).flatMap((element) => (element.type === "TextBlock" ? [element.text] : []));
}
