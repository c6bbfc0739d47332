import type { MessagingExtensionResponse } from "botbuilder";
import { isAppError, type SearchHit } from "../../core";
import { describeError } from "../bot-log";
import { SAMPLE_QUESTIONS } from "../cards/sample-questions";
import { messageResponse, resultResponse } from "./compose-extension-response";
import { guidancePageAttachment } from "./guidance-page-attachment";
import type { MessageExtensionContext } from "./message-extension-context";
import { MAX_SUGGESTED_PAGES } from "./message-extension-limits";
import { readSearchQuery } from "./read-search-query";

/** Shown when a search finds nothing at all. */
export const NO_RESULTS_MESSAGE = "No guidance found. Try fewer or different words, for example “annual leave” or “sick pay”.";
/** Shown when search itself failed (the store is down): a message, so Teams never shows a raw error. */
export const SEARCH_FAILED_MESSAGE = "Council Hub couldn't search just now. Please try again in a minute.";

/**
 * Answers a `composeExtension/query`: the matching pages as cards to insert (pinned pages first, marked), suggested
 * pages when the command opens with no query, and a plain message for bad input or no results. Never throws.
 */
export async function searchGuidance({ services, publicUrl, log }: MessageExtensionContext, value: unknown): Promise<MessagingExtensionResponse> {
  const request = readSearchQuery(value);
  try {
    if (request.kind === "invalid") return messageResponse(request.message);
    if (request.kind === "suggest") return resultResponse((await suggestedPages(services)).map((hit) => guidancePageAttachment(hit, publicUrl)));
    const { text, skip, count } = request;
    // One page only: the engine ranks the best `top` for each request, and a second request with a larger `top`
    // may order near-ties differently, so paging on would repeat or skip pages. 25 is plenty for a picker.
    if (skip > 0) return resultResponse([]);
    const { results, noAnswer, tookMs } = await services.guidance.search(text, { top: count, channel: "message_extension" });
    const shown = results.slice(0, count);
    // Counts only: the query may contain personal details and is not logged.
    log("info", "bot.message_extension.searched", { results: shown.length, noAnswer: noAnswer === true, tookMs });
    if (shown.length === 0) return messageResponse(NO_RESULTS_MESSAGE);
    return resultResponse(shown.map((hit) => guidancePageAttachment(hit, publicUrl)));
  } catch (error) {
    // Core's 4xx messages are written for users ("punctuation alone can't be searched"): show them as they are.
    if (isAppError(error) && error.status < 500) return messageResponse(error.message);
    log("error", "bot.message_extension.search_failed", describeError(error));
    return messageResponse(SEARCH_FAILED_MESSAGE);
  }
}

/**
 * Pages to offer before anything is typed: the best page for each of the bot's sample questions (the pages staff
 * most need first), pinned ones marked. Searched without a channel: nobody asked these, so they stay out of the
 * content-gap report.
 */
async function suggestedPages(services: MessageExtensionContext["services"]): Promise<SearchHit[]> {
  const responses = await Promise.all(SAMPLE_QUESTIONS.map((question) => services.guidance.search(question, { top: 2 })));
  const seen = new Set<string>();
  const hits: SearchHit[] = [];
  for (const { results, noAnswer } of responses) {
    if (noAnswer === true) continue;
    for (const hit of results) {
      if (seen.has(hit.id)) continue;
      seen.add(hit.id);
      hits.push(hit);
    }
  }
  return hits.slice(0, MAX_SUGGESTED_PAGES);
}
