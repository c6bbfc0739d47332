import type { Activity } from "botbuilder";
import { welcomeCard } from "../cards";
import type { BotTurn } from "./bot-turn";

/**
 * Whether a membersAdded update deserves a welcome: someone other than the bot joined, or the bot itself was
 * installed in a personal chat (where the user is the audience). The bot joining a team or group chat alone is
 * silent, so installing the app does not post into a busy channel before anyone has asked anything.
 */
export function needsWelcome(activity: Pick<Activity, "membersAdded" | "recipient" | "conversation">): boolean {
  const botId = activity.recipient?.id;
  const added = activity.membersAdded ?? [];
  const someoneElse = added.some((member) => member.id !== botId);
  const installedInPersonalChat = added.some((member) => member.id === botId) && activity.conversation?.conversationType === "personal";
  return someoneElse || installedInPersonalChat;
}

/** Sends one welcome card per update, however many people were added together: one card, not one per person. */
export async function welcomeMembers({ sendCard }: BotTurn, activity: Activity): Promise<void> {
  if (needsWelcome(activity)) await sendCard(welcomeCard());
}
