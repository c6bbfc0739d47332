import type { Request, Response } from "express";
import type { ActivityHandler, CloudAdapter } from "botbuilder";
import { z } from "zod";
import { parseInput } from "./http/validate";

/**
 * The least an activity must have for the Bot Framework to handle it. Checked before the adapter, so a malformed
 * POST gets a clear 400 instead of an adapter exception.
 */
const incomingActivity = z.object({
  type: z.string().min(1),
  channelId: z.string().min(1).optional(),
  serviceUrl: z.string().min(1),
  conversation: z.object({ id: z.string().min(1) }),
  from: z.object({ id: z.string().min(1) }).optional(),
});

/** POST /api/messages: hands the activity to the bot through the CloudAdapter (which authenticates it in production). */
export function botRoute(adapter: CloudAdapter, bot: ActivityHandler) {
  return async (req: Request, res: Response): Promise<void> => {
    parseInput(incomingActivity, req.body, "activity");
    await adapter.process(req, res, (context) => bot.run(context));
  };
}
