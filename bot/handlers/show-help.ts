import { helpCard } from "../cards";
import type { BotTurn } from "./bot-turn";

/** Replies with the help card: what the bot does now, what is coming, and sample questions. */
export async function showHelp({ sendCard }: BotTurn): Promise<void> {
  await sendCard(helpCard());
}
