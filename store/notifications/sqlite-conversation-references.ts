import { systemClock, type Clock, type ConversationReferenceStore, type ConversationTarget, type StoredConversationReference } from "../../core";
import type { SqliteDb } from "../sqlite-database";

interface ReferenceRow {
  aad_object_id: string;
  tenant_id: string;
  service_url: string;
  channel_id: string;
  conversation_id: string;
  bot_id: string;
  user_id: string;
  updated_at: string;
  stale_since: string | null;
}

/**
 * Conversation references in SQLite (table `conversation_reference`), one row per person. The table holds ids and
 * the service URL only: no column could hold message text or a name.
 */
export class SqliteConversationReferenceStore implements ConversationReferenceStore {
  constructor(
    private readonly db: SqliteDb,
    private readonly clock: Clock = systemClock,
  ) {}

  /**
   * Upserts the target. The bot calls this on every message, so an unchanged, non-stale row is left alone (the
   * `WHERE` turns the update into a no-op) and `updated_at` keeps meaning "last changed".
   */
  async save(target: ConversationTarget): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO conversation_reference (aad_object_id, tenant_id, service_url, channel_id, conversation_id, bot_id, user_id, updated_at, stale_since)
         VALUES (@aadObjectId, @tenantId, @serviceUrl, @channelId, @conversationId, @botId, @userId, @now, NULL)
         ON CONFLICT (aad_object_id) DO UPDATE SET
           tenant_id = excluded.tenant_id, service_url = excluded.service_url, channel_id = excluded.channel_id,
           conversation_id = excluded.conversation_id, bot_id = excluded.bot_id, user_id = excluded.user_id,
           updated_at = excluded.updated_at, stale_since = NULL
         WHERE stale_since IS NOT NULL OR tenant_id IS NOT excluded.tenant_id OR service_url IS NOT excluded.service_url
           OR channel_id IS NOT excluded.channel_id OR conversation_id IS NOT excluded.conversation_id
           OR bot_id IS NOT excluded.bot_id OR user_id IS NOT excluded.user_id`,
      )
      .run({ ...pick(target), now: this.clock.now().toISOString() });
  }

  async find(aadObjectId: string): Promise<StoredConversationReference | undefined> {
    const row = this.db.prepare<[string], ReferenceRow>("SELECT * FROM conversation_reference WHERE aad_object_id = ?").get(aadObjectId);
    return row ? fromRow(row) : undefined;
  }

  /** Keeps the first stale time if already stale: it records when the bot was first found gone. */
  async markStale(aadObjectId: string): Promise<void> {
    this.db
      .prepare("UPDATE conversation_reference SET stale_since = COALESCE(stale_since, ?) WHERE aad_object_id = ?")
      .run(this.clock.now().toISOString(), aadObjectId);
  }
}

/** Exactly the target's fields, so an object carrying more (a whole activity, say) cannot leak into the statement. */
function pick(target: ConversationTarget): ConversationTarget {
  const { aadObjectId, tenantId, serviceUrl, channelId, conversationId, botId, userId } = target;
  return { aadObjectId, tenantId, serviceUrl, channelId, conversationId, botId, userId };
}

function fromRow(row: ReferenceRow): StoredConversationReference {
  return {
    aadObjectId: row.aad_object_id,
    tenantId: row.tenant_id,
    serviceUrl: row.service_url,
    channelId: row.channel_id,
    conversationId: row.conversation_id,
    botId: row.bot_id,
    userId: row.user_id,
    updatedAt: new Date(row.updated_at),
    ...(row.stale_since ? { staleSince: new Date(row.stale_since) } : {}),
  };
}
