import { guidanceAnswerCard, MAX_ANSWER_RESULTS, noResultsCard } from "../cards";
import type { BotTurn } from "./bot-turn";

/**
 * Answers a guidance question with the top results, or an honest "nothing found".
 * Bad input (e.g. punctuation only) throws core's 400 AppError, which the adapter's turn-error handler shows.
 */
export async function answerQuestion({ services, publicUrl, log, sendCard }: BotTurn, question: string): Promise<void> {
  const { query, results, tookMs } = await services.guidance.search(question, MAX_ANSWER_RESULTS);
  // Counts only: the question itself may contain personal details and is not logged.
  log("info", "bot.guidance.answered", { results: results.length, tookMs });
  await sendCard(results.length > 0 ? guidanceAnswerCard({ query, results, publicUrl }) : noResultsCard(query));
}
