import type { FeedbackSubmit } from "../cards";
import type { BotTurn } from "./bot-turn";

/** Thanks after "Yes": short, because the user has what they needed. */
export const THANKS_HELPFUL = "Thanks for letting us know. Your feedback helps us improve the guidance.";
/** Thanks after "No": also says where to go next, because the user still has a question. */
export const THANKS_NOT_HELPFUL =
  "Thanks for letting us know. We'll use this to improve the guidance. Try asking in different words, " +
  "or contact the IT Service Desk or HR Advice if you still need help.";

/** Records a "Was this helpful?" answer (no identity: only the question, page and answer) and thanks the user. */
export async function recordFeedback({ services, log, sendText }: BotTurn, feedback: FeedbackSubmit): Promise<void> {
  await services.guidance.recordFeedback({ query: feedback.query, pageId: feedback.pageId, helpful: feedback.helpful, channel: "bot" });
  log("info", "bot.guidance.feedback", { helpful: feedback.helpful });
  await sendText(feedback.helpful ? THANKS_HELPFUL : THANKS_NOT_HELPFUL);
}
