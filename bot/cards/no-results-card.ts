import type { SearchHit } from "../../core";
import { CARD_ENVELOPE, cardHeading, type AdaptiveCard, type CardElement, type OpenUrlAction } from "./adaptive-card-types";
import { MAX_QUESTION_ECHO_CHARS, truncate } from "./card-limits";
import { askButton } from "./card-submit-data";
import { quoteQuestion } from "./card-text";
import { guidancePageLink } from "./guidance-links";

/** Pages offered as "came closest" on a no-answer card: enough to browse, few enough not to look like an answer. */
export const MAX_CLOSEST_PAGES = 3;

/**
 * The honest "nothing found" answer: says so plainly, suggests how to rephrase, and names the people who can help,
 * rather than showing weak matches that look like an answer. When search found pages but judged that none answers
 * the question (`noAnswer`), the closest few are offered as links, clearly labelled as not an answer.
 */
export function noResultsCard(query: string, closest: { readonly hits: readonly SearchHit[]; readonly publicUrl: string } = { hits: [], publicUrl: "" }): AdaptiveCard {
  const question = truncate(query, MAX_QUESTION_ECHO_CHARS);
  const links: OpenUrlAction[] = closest.hits.slice(0, MAX_CLOSEST_PAGES).flatMap((hit) => {
    const url = guidancePageLink(closest.publicUrl, hit);
    return url ? [{ type: "Action.OpenUrl" as const, title: truncate(hit.title, 60), url }] : [];
  });
  const closestBlock: CardElement[] =
    links.length > 0
      ? [
          { type: "TextBlock", text: "These pages came closest, but may not answer your question:", wrap: true },
          { type: "ActionSet", actions: links },
        ]
      : [];
  return {
    ...CARD_ENVELOPE,
    body: [
      cardHeading("No guidance found"),
      { type: "TextBlock", text: `I couldn't find guidance that answers ${quoteQuestion(question)}.`, wrap: true },
      ...closestBlock,
      {
        type: "TextBlock",
        text: "You could try:\n- fewer or different words, for example “annual leave” or “sick pay”\n- checking the spelling",
        wrap: true,
      },
      {
        type: "TextBlock",
        text: "If you still can't find what you need, contact the IT Service Desk for IT questions, or HR Advice for HR questions.",
        wrap: true,
      },
      { type: "ActionSet", actions: [askButton("help", "What can you do?")] },
    ],
    speak:
      `I couldn't find any guidance for ${question}. Try fewer or different words, or check the spelling. ` +
      "If you still can't find it, contact the IT Service Desk or HR Advice.",
    fallbackText:
      `I couldn't find any guidance for “${question}”. Try fewer or different words, or check the spelling. ` +
      "If you still can't find it, contact the IT Service Desk (IT questions) or HR Advice (HR questions).",
  };
}
