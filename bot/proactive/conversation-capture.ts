import type { Activity, ActivityHandler } from "botbuilder";
import type { ConversationReferenceStore, ConversationTarget } from "../../core";
import { describeError, silentBotLog, type BotLog } from "../bot-log";

/** `installationUpdate` actions that mean the app was just (re)installed or removed. */
const INSTALLED_ACTIONS: ReadonlySet<string> = new Set(["add", "add-upgrade"]);
const REMOVED_ACTIONS: ReadonlySet<string> = new Set(["remove"]);

/**
 * The proactive target an activity reveals, or undefined if it reveals none. Only personal chats count: a person's
 * reference must lead to their own 1:1 chat with the bot, never into a team channel or group chat where a
 * notification about them would be read by others.
 */
export function conversationTargetOf(activity: Partial<Activity>): ConversationTarget | undefined {
  const { conversation, from, recipient, serviceUrl, channelId } = activity;
  if (conversation?.conversationType !== "personal") return undefined;
  const tenantId = conversation.tenantId ?? tenantFromChannelData(activity.channelData);
  const aadObjectId = from?.aadObjectId;
  // Something sent by the bot itself (or missing ids) is not a person's chat reference.
  if (!aadObjectId || !tenantId || !serviceUrl || !channelId || !conversation.id || !from?.id || !recipient?.id || from.id === recipient.id) return undefined;
  return { aadObjectId, tenantId, serviceUrl, channelId, conversationId: conversation.id, botId: recipient.id, userId: from.id };
}

/** Whether the activity says the bot was removed from this personal chat (uninstall). */
export function isBotRemoval(activity: Partial<Activity>): boolean {
  if (activity.type === "installationUpdate") return REMOVED_ACTIONS.has(String(activity.action ?? ""));
  const botId = activity.recipient?.id;
  return activity.type === "conversationUpdate" && botId !== undefined && (activity.membersRemoved ?? []).some((member) => member.id === botId);
}

/** Options for {@link captureConversationReferences}. */
export interface ConversationCaptureOptions {
  readonly store: ConversationReferenceStore;
  readonly log?: BotLog;
}

/**
 * Makes the bot remember how to reach each person: on install (conversationUpdate / installationUpdate add) and on
 * every message in a personal chat, the conversation's ids are saved (the store ignores unchanged ones); on
 * uninstall the reference is marked stale. Nothing of the message itself is read or kept.
 *
 * A store failure is logged and the turn goes on: answering the person matters more than remembering them.
 */
export function captureConversationReferences(handler: ActivityHandler, options: ConversationCaptureOptions): void {
  const log = options.log ?? silentBotLog;
  handler.onTurn(async (context, next) => {
    await rememberConversation(context.activity, options.store, log);
    await next();
  });
}

async function rememberConversation(activity: Activity, store: ConversationReferenceStore, log: BotLog): Promise<void> {
  const where = { activityType: activity.type, channelId: activity.channelId };
  const target = conversationTargetOf(activity);
  if (!target) return;
  try {
    if (isBotRemoval(activity)) {
      await store.markStale(target.aadObjectId);
    } else if (activity.type === "message" || activity.type === "conversationUpdate" || (activity.type === "installationUpdate" && INSTALLED_ACTIONS.has(String(activity.action ?? "")))) {
      await store.save(target);
    }
  } catch (error) {
    log("error", "bot.proactive.reference-save-failed", { ...where, ...describeError(error) });
  }
}

function tenantFromChannelData(channelData: unknown): string | undefined {
  const tenant = (channelData as { tenant?: { id?: unknown } } | undefined)?.tenant;
  return typeof tenant?.id === "string" ? tenant.id : undefined;
}
