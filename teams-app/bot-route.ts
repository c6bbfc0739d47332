import type { Request, Response } from "express";
import type { ActivityHandler, CloudAdapter } from "botbuilder";
import { validateIncomingActivity } from "../bot";

/**
 * POST /api/messages: hands the activity to the bot through the CloudAdapter (which authenticates it in production).
 * The activity is checked first: botbuilder answers some malformed bodies with a 500, and we owe the sender a 400.
 */
export function botRoute(adapter: CloudAdapter, bot: ActivityHandler) {
  return async (req: Request, res: Response): Promise<void> => {
    validateIncomingActivity(req.body);
    await adapter.process(req, res, (context) => bot.run(context));
  };
}
