import { z } from "zod";
import { AppError } from "../core";

/** Longest activity `type` accepted; real ones ("message", "conversationUpdate", "invoke") are far shorter. */
const MAX_TYPE_LENGTH = 64;

const account = z.looseObject({ id: z.string().min(1) });

/**
 * The parts of an inbound activity the bot relies on. CloudAdapter checks much less: a body without a string
 * `type` makes it throw (the route's promise rejects, so express answers 500), and one without `conversation`
 * runs the turn and fails only when replying. Unknown fields pass through untouched for botbuilder.
 */
const incomingActivitySchema = z.looseObject({
  type: z.string().min(1).max(MAX_TYPE_LENGTH),
  channelId: z.string().min(1).optional(),
  // Replies go to serviceUrl. Only http(s): with authentication off (local development) it is caller-chosen.
  serviceUrl: z.url({ protocol: /^https?$/ }),
  conversation: account,
  from: account,
  recipient: account.optional(),
  text: z.string().optional(),
});

/** An inbound Bot Framework activity that passed `validateIncomingActivity`. */
export type IncomingActivity = z.infer<typeof incomingActivitySchema>;

/**
 * Checks a POST /api/messages body before CloudAdapter sees it, so malformed input is a 400 rather than a 500 or
 * a silently failed turn. Throws a 400 AppError (with field details) for the host's error handler to map.
 *
 * @example
 * app.post("/api/messages", (req, res) => {
 *   validateIncomingActivity(req.body);
 *   return adapter.process(req, res, (context) => bot.run(context));
 * });
 */
export function validateIncomingActivity(body: unknown): IncomingActivity {
  const parsed = incomingActivitySchema.safeParse(body);
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.map((issue) => ({ path: issue.path.join(".") || "(body)", message: issue.message }));
  throw AppError.badRequest("That request is not a valid Bot Framework activity.", details);
}
