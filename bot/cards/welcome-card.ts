import { CARD_ENVELOPE, cardHeading, type AdaptiveCard } from "./adaptive-card-types";
import { askButton } from "./card-submit-data";
import { SAMPLE_QUESTIONS } from "./sample-questions";

/** The card sent once when the bot is installed or people join the conversation. */
export function welcomeCard(): AdaptiveCard {
  return {
    ...CARD_ENVELOPE,
    body: [
      cardHeading("Welcome to Council Hub"),
      {
        type: "TextBlock",
        text: "I'm the Council Hub bot. Ask me a question about council guidance, such as leave, sickness or IT, and I'll point you to the right intranet page.",
        wrap: true,
      },
      { type: "TextBlock", text: "Type **help** at any time to see what I can do.", wrap: true },
      {
        type: "TextBlock",
        text: "When you tell me whether an answer helped, the council keeps the question and your answer, never your name.",
        wrap: true,
        isSubtle: true,
        size: "small",
      },
      { type: "TextBlock", text: "Try asking", style: "heading", weight: "bolder", wrap: true, spacing: "medium" },
      { type: "ActionSet", actions: SAMPLE_QUESTIONS.map((q) => askButton(q)) },
    ],
    speak: "Welcome to Council Hub. Ask me a question about council guidance, or say help to see what I can do.",
    fallbackText: `Welcome to Council Hub. Ask me a question about council guidance, or type "help". Try: ${SAMPLE_QUESTIONS.join(" / ")}`,
  };
}
