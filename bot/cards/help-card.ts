import { CARD_ENVELOPE, cardHeading, type AdaptiveCard, type CardElement } from "./adaptive-card-types";
import { askButton } from "./card-submit-data";
import { SAMPLE_QUESTIONS } from "./sample-questions";

/** What the bot does today; kept next to `COMING_SOON` so the help card never promises more than it does. */
export const AVAILABLE_NOW: readonly string[] = [
  "Answer questions from the council's guidance pages (HR, IT, health and safety and more)",
  "Take your feedback on whether an answer helped, without recording who you are",
];

/** Capabilities on the roadmap. Move a line to `AVAILABLE_NOW` when its service ships. */
export const COMING_SOON: readonly string[] = [
  "Requesting workplace adjustments",
  "Technology governance requests",
  "Pulse surveys",
  "Council news",
];

/** The "help" card: what the bot can do now, what is coming, and sample questions to tap. */
export function helpCard(): AdaptiveCard {
  return {
    ...CARD_ENVELOPE,
    body: [
      cardHeading("Council Hub help"),
      { type: "TextBlock", text: "Ask me a question in your own words and I'll find the most relevant guidance pages.", wrap: true },
      ...section("What I can do now", AVAILABLE_NOW),
      ...section("Coming soon", COMING_SOON),
      { type: "TextBlock", text: "Try asking", style: "heading", weight: "bolder", wrap: true, spacing: "medium" },
      { type: "ActionSet", actions: SAMPLE_QUESTIONS.map((q) => askButton(q)) },
    ],
    speak:
      "I can answer questions from the council's guidance pages. Coming soon: " +
      `${COMING_SOON.join(", ")}. Try asking: ${SAMPLE_QUESTIONS[0] ?? "how do I book annual leave?"}`,
    fallbackText: [
      "Council Hub help. Ask me a question in your own words.",
      `Now: ${AVAILABLE_NOW.join("; ")}.`,
      `Coming soon: ${COMING_SOON.join("; ")}.`,
      `Try: ${SAMPLE_QUESTIONS.join(" / ")}`,
    ].join("\n"),
  };
}

/** A heading and a bulleted list: structure a screen reader can navigate, not just visual grouping. */
function section(heading: string, lines: readonly string[]): CardElement[] {
  return [
    { type: "TextBlock", text: heading, style: "heading", weight: "bolder", wrap: true, spacing: "medium" },
    { type: "TextBlock", text: lines.map((line) => `- ${line}`).join("\n"), wrap: true, spacing: "small" },
  ];
}
