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
 * A Yes/No feedback button. The payload is sent as plain `data` (Agents Playground, Emulator, Teams) and again as
 * a Teams `messageBack`, so Teams also shows "Yes, this helped" in the chat: the user sees what they pressed.
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
    data: { ...payload, msteams: { type: "messageBack", displayText, value: payload } },
  };
}

/**
 * A button that asks `question` (titled with the question unless `title` is given). In Teams `imBack` posts the question into the chat as the user's own message;
 * other clients send the `guidance.ask` payload, which the bot treats the same way.
 */
export function askButton(question: string, title: string = question): SubmitAction {
  return {
    type: "Action.Submit",
    title,
    tooltip: `Ask: ${question}`,
    data: { action: ASK_ACTION, question, msteams: { type: "imBack", value: question } },
  };
}
