/**
 * Where the bot can reach one person proactively: the ids of their personal chat with the bot. Only ids and
 * endpoints, never message text or names: this is all a proactive send needs, and a store of conversation content
 * would become a second, unmanaged record of what staff asked.
 */
export interface ConversationTarget {
  /** The person's Entra object id: the key, and how the rest of Council Hub names a recipient. */
  readonly aadObjectId: string;
  /** Their Microsoft 365 tenant; Teams needs it on every proactive send. */
  readonly tenantId: string;
  /** The Bot Connector endpoint for their region, from the last activity (it can change, so it is refreshed). */
  readonly serviceUrl: string;
  /** Channel id, `msteams` in Teams. */
  readonly channelId: string;
  /** The personal chat's conversation id (`a:…`). */
  readonly conversationId: string;
  /** The bot's channel account id (`28:…`). */
  readonly botId: string;
  /** The person's Teams channel account id (`29:…`). */
  readonly userId: string;
}

/** A stored target with its bookkeeping. */
export interface StoredConversationReference extends ConversationTarget {
  /** When the target last changed (or was first seen). */
  readonly updatedAt: Date;
  /**
   * Set when a send found the bot gone (403/404, e.g. the person uninstalled the app). A stale reference is not used
   * until the person installs the app or messages the bot again, which saves a fresh one.
   */
  readonly staleSince?: Date;
}

/**
 * Conversation references for proactive bot messages, keyed by Entra object id. SQLite locally
 * (store/notifications); a host with several instances would put the same port on a shared database.
 */
export interface ConversationReferenceStore {
  /** Saves or refreshes a target and clears any stale mark: the person has just reached the bot, so it works again. */
  save(target: ConversationTarget): Promise<void>;
  /** The stored reference for a person, stale or not; undefined if the bot never met them. */
  find(aadObjectId: string): Promise<StoredConversationReference | undefined>;
  /** Marks a person's reference stale (kept for the record of when, but not used for sending). */
  markStale(aadObjectId: string): Promise<void>;
}
