import type { BotTurn } from "./bot-turn";

/** Said when a button press carries data the bot doesn't recognise (an older card, or a hand-made request). */
export const UNREADABLE_SUBMIT_MESSAGE =
  "Sorry, I couldn't read that button press. It may be from an older card. Type your question, or type help to see what I can do.";

/** Replies politely to an unreadable card submission instead of failing the turn. */
export async function explainUnreadableSubmit({ sendText, log }: BotTurn): Promise<void> {
  log("warn", "bot.submit.unreadable");
  await sendText(UNREADABLE_SUBMIT_MESSAGE);
}
