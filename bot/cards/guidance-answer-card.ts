import type { SearchHit } from "../../core";
import { CARD_ENVELOPE, type AdaptiveCard, type CardElement } from "./adaptive-card-types";
import { MAX_QUESTION_ECHO_CHARS, MAX_SNIPPET_CHARS, MAX_TITLE_CHARS, truncate } from "./card-limits";
import { feedbackButton } from "./card-submit-data";
import { escapeMarkdown, quoteQuestion, snippetToMarkdown, snippetToPlainText } from "./card-text";
import { guidancePageLink } from "./guidance-links";
import { PINNED_LABEL, pinnedBadge } from "./pinned-badge";

/** Results shown in a chat answer: enough to choose from, few enough to read on a phone. */
export const MAX_ANSWER_RESULTS = 3;

/** What a guidance answer card shows. */
export interface GuidanceAnswerInput {
  /** The question as searched (core's normalised text). */
  readonly query: string;
  /** Ranked results, best first; at least one (use `noResultsCard` for none). */
  readonly results: readonly SearchHit[];
  /** Public base URL of the host, for links into the guidance tab. */
  readonly publicUrl: string;
}

/**
 * The answer to a guidance question: the top results (title as a heading, snippet with matched terms in bold,
 * an "Open page" link; a best bet marked "Pinned by the communications team") and a "Was this helpful?" Yes/No
 * pair about the top result.
 */
export function guidanceAnswerCard({ query, results, publicUrl }: GuidanceAnswerInput): AdaptiveCard {
  const shown = results.slice(0, MAX_ANSWER_RESULTS);
  const top = shown[0];
  if (!top) throw new RangeError("guidanceAnswerCard needs at least one result; use noResultsCard for none.");
  const question = truncate(query, MAX_QUESTION_ECHO_CHARS);
  const titles = shown.map((hit) => truncate(hit.title, MAX_TITLE_CHARS));
  const feedback = { query, pageId: top.id };
  const body: CardElement[] = [
    { type: "TextBlock", text: `Here is what I found for ${quoteQuestion(question)}:`, wrap: true },
    ...shown.map((hit, i): CardElement => resultBlock(hit, titles[i] ?? hit.title, publicUrl)),
    { type: "TextBlock", text: "Was this helpful?", wrap: true, weight: "bolder", separator: true, spacing: "large" },
    {
      type: "ActionSet",
      actions: [
        feedbackButton({ ...feedback, helpful: true }, "Yes", "Yes, this helped"),
        feedbackButton({ ...feedback, helpful: false }, "No", "No, this did not help"),
      ],
    },
  ];
  return {
    ...CARD_ENVELOPE,
    body,
    speak: answerSpeech(
      shown.map((hit, i) => spokenTitle(hit, titles[i] ?? hit.title)),
      snippetToPlainText(truncate(top.snippet, MAX_SNIPPET_CHARS)),
    ),
    fallbackText: [
      `Guidance for “${question}”:`,
      ...shown.map((hit, i) => `${i + 1}. ${spokenTitle(hit, titles[i] ?? hit.title)}${linkSuffix(publicUrl, hit)}`),
    ].join("\n"),
  };
}

function resultBlock(hit: SearchHit, title: string, publicUrl: string): CardElement {
  const link = guidancePageLink(publicUrl, hit);
  const items: CardElement[] = [
    ...(hit.pinned ? [pinnedBadge()] : []),
    { type: "TextBlock", text: escapeMarkdown(title), style: "heading", weight: "bolder", size: "medium", wrap: true },
    { type: "TextBlock", text: snippetToMarkdown(truncate(hit.snippet, MAX_SNIPPET_CHARS)), wrap: true, spacing: "small" },
  ];
  if (link) {
    items.push({ type: "ActionSet", actions: [{ type: "Action.OpenUrl", title: "Open page", url: link, tooltip: `Open the page ${title}` }] });
  }
  return { type: "Container", items, separator: true, spacing: "medium" };
}

/** A title as read aloud or in plain text, saying when comms pinned the page. */
function spokenTitle(hit: SearchHit, title: string): string {
  return hit.pinned ? `${title} (${PINNED_LABEL.toLowerCase()})` : title;
}

function answerSpeech(titles: readonly string[], topSnippet: string): string {
  const count = titles.length === 1 ? "I found 1 page." : `I found ${titles.length} pages.`;
  const others = titles.slice(1);
  const rest = others.length > 0 ? ` Also: ${others.join("; ")}.` : "";
  return `${count} The top one is ${titles[0]}: ${topSnippet}${rest} Was this helpful?`;
}

function linkSuffix(publicUrl: string, hit: SearchHit): string {
  const link = guidancePageLink(publicUrl, hit);
  return link ? ` (${link})` : "";
}
