/** What the sync remembers about one list item between runs. */
export interface SyncedItem {
  /** The guidance page id the item became (see `sitePageId`). */
  readonly pageId: string;
  /** The item's eTag when its content was last read; an unchanged eTag means the page need not be fetched again. */
  readonly eTag: string;
}

/** Where one site's sync left off. */
export interface DeltaState {
  /**
   * The `@odata.deltaLink` of the last run in which every change landed: the next run asks for changes since then.
   * Absent when no run has completed yet (a first sync had failures): the next run enumerates everything again,
   * and `items` lets it skip the pages already read.
   */
  readonly deltaLink?: string;
  /**
   * List item id → what it became. Needed because a deleted item comes back from delta as `{ id, deleted }` only,
   * with no URL, so without this map the sync could not tell which local page to remove; it also lets a rename
   * (same item, new URL) remove the old page id, and a full resync skip pages whose eTag has not moved.
   */
  readonly items: Readonly<Record<string, SyncedItem>>;
}

/**
 * Persists delta state per key (one key per site and list). Written only after a run's changes are in the local
 * index, so a crash mid-run repeats the run instead of skipping its changes. In memory here; `SqliteDeltaStateStore`
 * (store/site-pages) keeps it across restarts.
 */
export interface DeltaStateStore {
  get(key: string): Promise<DeltaState | undefined>;
  set(key: string, state: DeltaState): Promise<void>;
  /** Forgets a key, so the next run starts from a full enumeration. */
  delete(key: string): Promise<void>;
}

/** A {@link DeltaStateStore} in process memory: for tests and single-run tools; state is lost on restart. */
export class MemoryDeltaStateStore implements DeltaStateStore {
  private readonly states = new Map<string, DeltaState>();

  async get(key: string): Promise<DeltaState | undefined> {
    return this.states.get(key);
  }

  async set(key: string, state: DeltaState): Promise<void> {
    // Copied, so a caller mutating its object later cannot change what was "persisted".
    this.states.set(key, { ...state, items: { ...state.items } });
  }

  async delete(key: string): Promise<void> {
    this.states.delete(key);
  }
}
