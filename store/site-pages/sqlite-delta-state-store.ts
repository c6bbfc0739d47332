import { systemClock, type Clock } from "../../core";
import type { DeltaState, DeltaStateStore, SyncedItem } from "../../graph/site-pages";
import type { SqliteDb } from "../sqlite-database";

interface KeyRow {
  delta_link: string | null;
}

interface ItemRow {
  item_id: string;
  page_id: string;
  e_tag: string;
}

/**
 * Site pages delta state in SQLite (tables `site_pages_delta` and `site_pages_delta_item`): one row per sync key with
 * its deltaLink, and one row per list item with the page it became and the eTag last read. Lives in the same
 * database as the guidance pages, so the state and the index it describes are backed up and restored together.
 *
 * `set` runs in one transaction: a crash or a failed write leaves the previous state whole, never a new deltaLink
 * with an old item map (which would make the next run skip changes or lose track of deleted pages).
 */
export class SqliteDeltaStateStore implements DeltaStateStore {
  constructor(
    private readonly db: SqliteDb,
    private readonly clock: Clock = systemClock,
  ) {}

  async get(key: string): Promise<DeltaState | undefined> {
    // One read transaction, so a concurrent writer (the server's scheduler while the CLI reads) cannot be seen half-way.
    return this.db.transaction((): DeltaState | undefined => {
      const row = this.db.prepare<[string], KeyRow>("SELECT delta_link FROM site_pages_delta WHERE sync_key = ?").get(key);
      if (!row) return undefined;
      const items: Record<string, SyncedItem> = {};
      for (const item of this.itemRows(key)) items[item.item_id] = { pageId: item.page_id, eTag: item.e_tag };
      return { ...(row.delta_link !== null ? { deltaLink: row.delta_link } : {}), items };
    })();
  }

  /**
   * Writes only the item rows that changed: a quiet run on a thousand-page intranet then touches one row, not a
   * thousand, every fifteen minutes.
   */
  async set(key: string, state: DeltaState): Promise<void> {
    const next = Object.entries(state.items);
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO site_pages_delta (sync_key, delta_link, updated_at) VALUES (?, ?, ?)
           ON CONFLICT (sync_key) DO UPDATE SET delta_link = excluded.delta_link, updated_at = excluded.updated_at`,
        )
        .run(key, state.deltaLink ?? null, this.clock.now().toISOString());
      const stored = new Map(this.itemRows(key).map((row) => [row.item_id, row]));
      const remove = this.db.prepare<[string, string]>("DELETE FROM site_pages_delta_item WHERE sync_key = ? AND item_id = ?");
      const upsert = this.db.prepare<[string, string, string, string]>(
        `INSERT INTO site_pages_delta_item (sync_key, item_id, page_id, e_tag) VALUES (?, ?, ?, ?)
         ON CONFLICT (sync_key, item_id) DO UPDATE SET page_id = excluded.page_id, e_tag = excluded.e_tag`,
      );
      const keep = new Set(next.map(([itemId]) => itemId));
      for (const itemId of stored.keys()) if (!keep.has(itemId)) remove.run(key, itemId);
      for (const [itemId, item] of next) {
        const before = stored.get(itemId);
        if (before && before.page_id === item.pageId && before.e_tag === item.eTag) continue;
        upsert.run(key, itemId, item.pageId, item.eTag);
      }
    })();
  }

  async delete(key: string): Promise<void> {
    this.db.transaction(() => {
      // Items first and explicitly: the cascade needs foreign_keys on, which a connection opened elsewhere may lack.
      this.db.prepare("DELETE FROM site_pages_delta_item WHERE sync_key = ?").run(key);
      this.db.prepare("DELETE FROM site_pages_delta WHERE sync_key = ?").run(key);
    })();
  }

  private itemRows(key: string): ItemRow[] {
    return this.db.prepare<[string], ItemRow>("SELECT item_id, page_id, e_tag FROM site_pages_delta_item WHERE sync_key = ?").all(key);
  }
}
