import type { CloudAdapter } from "botbuilder";
import { CompositeNotifier, type Clock, type Notifier } from "../core";
import { BotConnectorSender, ProactiveNotifier, ProactiveSendQueue } from "../bot";
import { ActivityFeedNotifier } from "../graph";
import { SqliteConversationReferenceStore, type SqliteDb } from "../store";
import type { HubConfig } from "./config";
import { graphClientFromConfig, hasGraphCredentials } from "./graph-from-config";
import type { Logger } from "./logger";

export interface ComposedNotifier {
  readonly notifier: Notifier;
  /** Where the bot records how to reach each person, on install and on each personal message. */
  readonly conversationReferences: SqliteConversationReferenceStore;
}

/**
 * Builds the notifier. With Graph credentials (Microsoft 365): the Teams activity feed first, and a proactive bot
 * message for anyone the feed could not reach. Without them (the embedded default, where the Agents Playground plays
 * Teams): proactive bot messages only. One send queue per process paces every proactive message to Teams' limits.
 */
export function composeNotifier(deps: { config: HubConfig; db: SqliteDb; adapter: CloudAdapter; clock: Clock; log: Logger }): ComposedNotifier {
  const { config, db, adapter, clock, log } = deps;
  const conversationReferences = new SqliteConversationReferenceStore(db, clock);
  const sender = new BotConnectorSender({ adapter, botAppId: config.bot.appId ?? "", log });
  const queue = new ProactiveSendQueue({ transport: (target, activity) => sender.send(target, activity), clock, log });
  const proactive = new ProactiveNotifier({ references: conversationReferences, queue, teamsAppId: config.teamsAppId, log });
  if (!hasGraphCredentials(config)) return { notifier: proactive, conversationReferences };
  const feed = new ActivityFeedNotifier({ client: graphClientFromConfig(config), teamsAppId: config.teamsAppId });
  const notifier = new CompositeNotifier({
    primary: feed,
    fallback: proactive,
    onFallbackError: (error) => log("error", "proactive fallback failed", { error: error instanceof Error ? error.message : String(error) }),
  });
  return { notifier, conversationReferences };
}
