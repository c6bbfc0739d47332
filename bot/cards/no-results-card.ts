import type { NextStep, SearchHit } from "../../core";
import { CARD_ENVELOPE, cardHeading, type AdaptiveCard, type CardElement, type OpenUrlAction } from "./adaptive-card-types";
import { MAX_QUESTION_ECHO_CHARS, truncate } from "./card-limits";
import { askButton } from "./card-submit-data";
import { escapeMarkdown, quoteQuestion } from "./card-text";
import { guidancePageLink } from "./guidance-links";

/** Pages offered as "came closest" on a no-answer card: enough to browse, few enough not to look like an answer. */
export const MAX_CLOSEST_PAGES = 3;
/** Next steps shown on a no-answer card: core suggests a handful; more would bury the closest pages. */
export const MAX_NEXT_STEPS_SHOWN = 4;

/** What a no-answer card may offer besides the apology. */
export interface NoAnswerHelp {
  /** Pages search found but judged not to answer: offered as links, labelled as not an answer. */
  readonly hits: readonly SearchHit[];
  /** Public base URL of the host, for links into the guidance tab. */
  readonly publicUrl: string;
  /** Where to go next (`SearchResponse.nextSteps`): shown before the closest pages. */
  readonly nextSteps?: readonly NextStep[];
}

/**
 * The honest "nothing found" answer: says so plainly, suggests how to rephrase, and names the people who can help,
 * rather than showing weak matches that look like an answer. When search found pages but judged that none answers
 * the question (`noAnswer`), the closest few are offered as links, clearly labelled as not an answer.
 */
export function noResultsCard(query: string, closest: NoAnswerHelp = { hits: [], publicUrl: "" }): AdaptiveCard {
  const question = truncate(query, MAX_QUESTION_ECHO_CHARS);
  const steps = (closest.nextSteps ?? []).slice(0, MAX_NEXT_STEPS_SHOWN);
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
      ...nextStepsBlock(steps),
      ...closestBlock,
      {
        type: "TextBlock",
        text: "You could try:\n- fewer or different words, for example “annual leave” or “sick pay”\n- checking the spelling",
        wrap: true,
      },
      // Core's next steps name the right team for this question; without them, the two general help desks.
      ...(steps.length > 0
        ? []
        : [
            {
              type: "TextBlock" as const,
              text: "If you still can't find what you need, contact the IT Service Desk for IT questions, or HR Advice for HR questions.",
              wrap: true,
            },
          ]),
      { type: "ActionSet", actions: [askButton("help", "What can you do?")] },
    ],
    speak:
      `I couldn't find any guidance for ${question}. ` +
      (steps.length > 0
        ? `Where to go next: ${steps.map((step) => `${step.label}: ${step.detail}`).join(" ")} Or try fewer or different words.`
        : "Try fewer or different words, or check the spelling. If you still can't find it, contact the IT Service Desk or HR Advice."),
    fallbackText:
      `I couldn't find any guidance for “${question}”. ` +
      (steps.length > 0
        ? `Where to go next:\n${steps.map((step) => `- ${step.label}${linkNote(step)}: ${step.detail}`).join("\n")}`
        : "Try fewer or different words, or check the spelling. If you still can't find it, contact the IT Service Desk (IT questions) or HR Advice (HR questions)."),
  };
}

/** "Where to go next": each step's label (a link when it has a safe URL) and, under it, when it is the right place. */
function nextStepsBlock(steps: readonly NextStep[]): CardElement[] {
  if (steps.length === 0) return [];
  return [
    { type: "TextBlock", text: "Where to go next", weight: "bolder", wrap: true, spacing: "medium" },
    ...steps.map(
      (step): CardElement => ({
        type: "Container",
        spacing: "small",
        items: [
          { type: "TextBlock", text: stepLabel(step), wrap: true },
          { type: "TextBlock", text: escapeMarkdown(step.detail), wrap: true, isSubtle: true, spacing: "none" },
        ],
      }),
    ),
  ];
}

/** A step's label as Markdown: a link for http(s) and mailto URLs, plain text otherwise (never a `javascript:` link). */
function stepLabel(step: NextStep): string {
  const label = escapeMarkdown(step.label);
  const url = safeStepUrl(step);
  if (!url) return label;
  // Parentheses and spaces would end the Markdown link target early.
  const target = url.replace(/[()\s]/g, (c) => (c === "(" ? "%28" : c === ")" ? "%29" : "%20"));
  return `[${label}](${target})`;
}

/** A step's URL when it is an http(s) or mailto link; anything else is dropped rather than offered. */
function safeStepUrl(step: NextStep): string | undefined {
  return step.url && /^(https?:\/\/|mailto:)/i.test(step.url) ? step.url : undefined;
}

/** " (url)" after a step's label in plain text, or nothing when it has no safe URL. */
function linkNote(step: NextStep): string {
  const url = safeStepUrl(step);
  return url ? ` (${url})` : "";
}
