import { TurnContext, type Activity } from "botbuilder";
import { ASK_ACTION, cardSubmitSchema, type FeedbackSubmit } from "./cards";

/** What a user's message asks the bot to do, worked out before any use case runs. */
export type BotRequest =
  | { readonly kind: "help" }
  | { readonly kind: "question"; readonly question: string }
  | { readonly kind: "feedback"; readonly feedback: FeedbackSubmit }
  | { readonly kind: "unreadable-submit" };

/** Greetings and menu words answered with the help card rather than searched (a search for "hi" helps nobody). */
export const HELP_WORDS: ReadonlySet<string> = new Set(["help", "hi", "hello", "hey", "menu", "?", "start"]);

/**
 * Classifies a message activity. A message with a `value` is a card button press (Action.Submit); anything else is
 * typed text, with the bot's own @mention removed (Teams puts `<at>Council Hub</at>` in channel messages).
 */
export function readMessage(activity: Activity): BotRequest {
  if (activity.value !== undefined && activity.value !== null) return readSubmit(activity.value);
  return readText(textWithoutMention(activity));
}

/** Reads typed (or imBack) text: empty or a help word shows help; anything else is a guidance question. */
export function readText(text: string): BotRequest {
  const trimmed = text.trim();
  if (trimmed === "" || isHelpWord(trimmed)) return { kind: "help" };
  return { kind: "question", question: trimmed };
}

function readSubmit(value: unknown): BotRequest {
  const parsed = cardSubmitSchema.safeParse(value);
  if (!parsed.success) return { kind: "unreadable-submit" };
  const submit = parsed.data;
  // A sample-question button outside Teams (no imBack) arrives as a payload; treat it exactly as if typed.
  if (submit.action === ASK_ACTION) return readText(submit.question);
  return { kind: "feedback", feedback: submit };
}

function isHelpWord(text: string): boolean {
  const word = text.toLowerCase();
  // "Help!" and "hello." are still help; "?" on its own is a help word, so only strip punctuation around a word.
  return HELP_WORDS.has(word) || HELP_WORDS.has(word.replace(/[\s.!?]+$/u, ""));
}

function textWithoutMention(activity: Activity): string {
  if (typeof activity.text !== "string") return "";
  // removeRecipientMention assumes a recipient and mention text; a hand-made activity may have neither.
  if (!activity.recipient?.id) return activity.text;
  return TurnContext.removeRecipientMention(activity) ?? "";
}
