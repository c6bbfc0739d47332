import { z } from "zod";
import { MAX_QUERY_LENGTH } from "../../core";
import type { SubmitAction } from "./adaptive-card-types";

/** `action` of a "Was this helpful?" button. */
export const FEEDBACK_ACTION = "guidance.feedback";
/** `action` of a sample-question button: asks the question as if typed. */
export const ASK_ACTION = "guidance.ask";

/**
 * What a card's submit buttons send back as `activity.value`. One schema for building and reading, so the
 * buttons and the bot cannot drift apart. Unknown keys (such as Teams' `msteams`) are stripped, not rejected.
 */
export const cardSubmitSchema = z.discriminatedUnion("action", [
  z.object({
    action: z.literal(FEEDBACK_ACTION),
    query: z.string().trim().min(1).max(MAX_QUERY_LENGTH),
    helpful: z.boolean(),
    pageId: z.string().min(1).max(1000).optional(),
  }),
  z.object({
    action: z.literal(ASK_ACTION),
    question: z.string().trim().min(1).max(MAX_QUERY_LENGTH),
  }),
]);

/** A validated card submission. */
export type CardSubmit = z.infer<typeof cardSubmitSchema>;
/** The payload of a "Was this helpful?" button. */
export type FeedbackSubmit = Extract<CardSubmit, { action: typeof FEEDBACK_ACTION }>;

/**
 * A Yes/No feedback button. Plain `Action.Submit` data, with no Teams `msteams` extras: Teams delivers it as the
 * activity's `value` all the same, and the Agents Playground's card renderer (0.2.x) throws on Submit data that has
 * an `msteams` key, so buttons with it would be dead in local development. The bot's reply confirms what was pressed.
 */
export function feedbackButton(feedback: Omit<FeedbackSubmit, "action">, title: string, displayText: string): SubmitAction {
  const payload = {
    action: FEEDBACK_ACTION,
    query: feedback.query,
    helpful: feedback.helpful,
    ...(feedback.pageId !== undefined ? { pageId: feedback.pageId } : {}),
  };
  return {
    type: "Action.Submit",
    title,
    tooltip: displayText,
    data: payload,
  };
}

/**
 * A button that asks `question` (titled with the question unless `title` is given): sends the `guidance.ask`
 * payload, which the bot answers as if the question had been typed. (No `imBack`: see `feedbackButton`.)
 */
export function askButton(question: string, title: string = question): SubmitAction {
  return {
    type: "Action.Submit",
    title,
    tooltip: `Ask: ${question}`,
    data: { action: ASK_ACTION, question },
  };
}
