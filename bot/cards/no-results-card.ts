import { CARD_ENVELOPE, cardHeading, type AdaptiveCard } from "./adaptive-card-types";
import { MAX_QUESTION_ECHO_CHARS, truncate } from "./card-limits";
import { askButton } from "./card-submit-data";
import { quoteQuestion } from "./card-text";

/**
 * The honest "nothing found" answer: says so plainly, suggests how to rephrase, and names the people who can help,
 * rather than showing weak matches that look like an answer.
 */
export function noResultsCard(query: string): AdaptiveCard {
  const question = truncate(query, MAX_QUESTION_ECHO_CHARS);
  return {
    ...CARD_ENVELOPE,
    body: [
      cardHeading("No guidance found"),
      { type: "TextBlock", text: `I couldn't find any guidance pages for ${quoteQuestion(question)}.`, wrap: true },
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
