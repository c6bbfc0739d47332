import type { AdaptiveCard } from "./adaptive-card-types";

/**
 * Teams rejects a message over about 28 KB (the whole activity, card included). Cards are built well under it;
 * tests assert every builder stays below this even for worst-case input.
 */
export const MAX_TEAMS_MESSAGE_BYTES = 28 * 1024;
/** Longest page title shown; longer ones are cut with an ellipsis so three results never crowd the card. */
export const MAX_TITLE_CHARS = 160;
/** Longest snippet shown. Search snippets are about 50 words; this is a guard, not a style choice. */
export const MAX_SNIPPET_CHARS = 600;
/** Longest echo of the user's question in a card (questions themselves are capped at 500 by core). */
export const MAX_QUESTION_ECHO_CHARS = 200;

/** Size of a card as Teams counts it: UTF-8 bytes of its JSON. */
export function cardByteSize(card: AdaptiveCard): number {
  return Buffer.byteLength(JSON.stringify(card), "utf8");
}

/** Cuts `text` to at most `max` characters (code points, so emoji are never split), ending with "…" when cut. */
export function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("").trimEnd()}…`;
}
