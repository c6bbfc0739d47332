import { guidanceAnswerCard, MAX_ANSWER_RESULTS, noResultsCard } from "../cards";
import type { BotTurn } from "./bot-turn";

/**
 * Answers a guidance question with the top results (pinned ones marked), or an honest "no answer" with where to go
 * next and the closest pages as links.
 * Bad input (e.g. punctuation only) throws core's 400 AppError, which the adapter's turn-error handler shows.
 */
export async function answerQuestion({ services, publicUrl, log, sendCard }: BotTurn, question: string): Promise<void> {
  const { query, results, tookMs, noAnswer, nextSteps } = await services.guidance.search(question, { top: MAX_ANSWER_RESULTS, channel: "bot" });
  // Counts only: the question itself may contain personal details and is not logged.
  log("info", "bot.guidance.answered", { results: results.length, noAnswer: noAnswer === true, tookMs });
  // Weak matches are not shown as an answer: search judged that none answers the question, so say so.
  const answered = results.length > 0 && noAnswer !== true;
  await sendCard(answered ? guidanceAnswerCard({ query, results, publicUrl }) : noResultsCard(query, { hits: results, publicUrl, ...(nextSteps ? { nextSteps } : {}) }));
}
