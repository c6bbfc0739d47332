import { MessageFactory, type TurnContext } from "botbuilder";
import { isAppError } from "../core";
import { describeError, type BotLog } from "./bot-log";

/** Said for any failure that is not an AppError: nothing about the cause, which is logged instead. */
export const GENERIC_ERROR_MESSAGE =
  "Sorry, something went wrong on our side. Please try again in a moment. If it keeps happening, contact the IT Service Desk.";

/** The signature botbuilder expects for `adapter.onTurnError`. */
export type TurnErrorHandler = (context: TurnContext, error: Error) => Promise<void>;

/**
 * The bot's one error handler. An AppError's message is written to be shown (e.g. "punctuation alone can't be
 * searched"), so the user sees it; anything else is logged with its stack and answered with a generic apology.
 * It never rethrows: CloudAdapter would put the error's message in the HTTP response body.
 */
export function createTurnErrorHandler(log: BotLog): TurnErrorHandler {
  return async (context, error) => {
    const where = { activityType: context.activity?.type, channelId: context.activity?.channelId };
    let reply = GENERIC_ERROR_MESSAGE;
    if (isAppError(error)) {
      reply = error.message;
      log(error.status >= 500 ? "warn" : "info", "bot.turn.rejected", { ...where, code: error.code, status: error.status, ...(error.cause !== undefined ? { cause: describeError(error.cause) } : {}) });
    } else {
      log("error", "bot.turn.failed", { ...where, ...describeError(error) });
    }
    try {
      await context.sendActivity(MessageFactory.text(reply, reply));
    } catch (sendError) {
      // The channel itself may be what failed; there is no one left to tell, so log and let the request finish.
      log("error", "bot.turn.error-reply-failed", { ...where, ...describeError(sendError) });
    }
  };
}
