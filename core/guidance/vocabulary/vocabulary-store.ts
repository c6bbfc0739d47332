import { randomUUID } from "node:crypto";
import type { AuditLog } from "../../audit/audit-event";
import type { RecordData, RecordStore, StoredRecord } from "../../records";
import { AppError } from "../../shared/app-error";
import type { Clock } from "../../shared/clock";
import { readAllRecords } from "../curation/read-all-records";
import { RefreshingValue, type BackgroundErrorHandler } from "../curation/refreshing-value";
import { DEFAULT_VOCABULARY } from "./default-vocabulary";
import { normaliseVocabulary, type Vocabulary, type VocabularyEntry, type VocabularySource } from "./vocabulary";
import { VOCABULARY_CHUNK_CHARS, type SEARCH_VOCABULARY } from "./vocabulary-collection";

/** How long another process's vocabulary edit may take to reach this one's searches. */
export const VOCABULARY_REFRESH_MS = 30_000;

type VocabularyFields = typeof SEARCH_VOCABULARY.fields;
type VocabularyRecord = StoredRecord<RecordData<VocabularyFields>>;

/** The live vocabulary as editors see it. */
export interface VocabularyView {
  readonly entries: readonly VocabularyEntry[];
  readonly updatedAt?: Date;
  readonly updatedBy?: string;
  /** True when nothing is stored or it was reset: the shipped default is live. */
  readonly isDefault: boolean;
  /** The live revision ("0" before any edit). Send it back with a save to refuse overwriting someone else's. */
  readonly version: string;
}

export interface VocabularyStoreDeps {
  readonly records: RecordStore<VocabularyFields>;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly onError: BackgroundErrorHandler;
  /** Hands a vocabulary to the search engine (e.g. IndexedGuidance.setVocabulary); applies from the next search. */
  readonly apply: (vocabulary: Vocabulary) => void;
  /** The shipped default; DEFAULT_VOCABULARY unless a test says otherwise. */
  readonly defaults?: Vocabulary;
}

/**
 * The editable search vocabulary: stored as revisions in the search-vocabulary collection, applied to the engine at
 * start, after an edit here, and within VOCABULARY_REFRESH_MS of an edit in another process (checked on searches).
 * Saves use optimistic concurrency twice over: the editor's `version`, and the head record's store version.
 * `current()` is the vocabulary last applied, for engines that read it per search rather than being handed it.
 */
export class VocabularyStore implements VocabularySource {
  private readonly live: RefreshingValue<VocabularyView>;
  private appliedVersion: string | undefined;
  private readonly defaults: Vocabulary;
  private applied: Vocabulary;

  constructor(private readonly deps: VocabularyStoreDeps) {
    this.defaults = normaliseVocabulary(deps.defaults ?? DEFAULT_VOCABULARY);
    this.applied = this.defaults;
    this.live = new RefreshingValue({
      load: () => this.read(),
      maxAgeMs: VOCABULARY_REFRESH_MS,
      clock: deps.clock,
      what: "search vocabulary",
      onError: deps.onError,
      onLoaded: (view) => {
        // Rebuilding the expansion table costs a little; only do it when the revision changed.
        if (view.version === this.appliedVersion) return;
        this.appliedVersion = view.version;
        // A new object per revision: readers can tell a change by identity and recompile only then.
        this.applied = { entries: view.entries };
        this.deps.apply(this.applied);
      },
    });
  }

  /** The vocabulary applied last (the shipped default before the first load); call ensureFresh() first on a search. */
  current(): Vocabulary {
    return this.applied;
  }

  /** The live vocabulary, read fresh from the store (an editor is about to change it). */
  async get(): Promise<VocabularyView> {
    return this.live.refresh();
  }

  /** Stops background refreshes and waits for one in flight (a host shutting down, before its store closes). */
  async close(): Promise<void> {
    await this.live.close();
  }

  /** Makes sure the engine has a recent vocabulary; cheap on the search path (waits only for the very first load). */
  async ensureFresh(): Promise<void> {
    await this.live.get(this.defaultView());
  }

  /** Saves a whole vocabulary (normalised) as the new live revision. A stale `expectedVersion` is a 409. */
  async replace(vocabulary: Vocabulary, actor: string, expectedVersion?: string): Promise<VocabularyView> {
    const entries = normaliseVocabulary(vocabulary).entries;
    const json = JSON.stringify(entries);
    const revision = await this.save(actor, expectedVersion, chunksOf(json));
    await this.audited("search.vocabulary.updated", actor, { revision, entries: entries.length });
    return this.get();
  }

  /** Restores the shipped default as a new revision (so the change is versioned and audited like any other). */
  async reset(actor: string, expectedVersion?: string): Promise<VocabularyView> {
    const revision = await this.save(actor, expectedVersion, undefined);
    await this.audited("search.vocabulary.reset", actor, { revision });
    return this.get();
  }

  private defaultView(): VocabularyView {
    return { entries: this.defaults.entries, isDefault: true, version: "0" };
  }

  /** Writes chunks (none for the default), then switches the head; returns the new revision. */
  private async save(actor: string, expectedVersion: string | undefined, chunks: string[] | undefined): Promise<number> {
    const head = await this.head();
    const current = head?.data.revision ?? 0;
    if (expectedVersion !== undefined && expectedVersion !== String(current)) {
      throw AppError.conflict("The vocabulary was changed by someone else since you opened it. Reload it and try again.");
    }
    const revision = current + 1;
    const saveId = randomUUID();
    const written: VocabularyRecord[] = [];
    try {
      if (chunks) {
        const results = await this.deps.records.createMany(chunks.map((content, part) => ({ kind: "chunk", revision, part, content, saveId })));
        for (const result of results) if (result.ok) written.push(result.record);
        const failed = results.find((r) => !r.ok);
        if (failed && !failed.ok) throw failed.error;
      }
      const headData = { kind: "head", revision, part: chunks?.length ?? 0, isDefault: chunks === undefined, updatedBy: actor, saveId } as const;
      if (head) {
        await this.deps.records.update(head.id, headData, head.version);
      } else {
        const created = await this.deps.records.create(headData);
        // Two first-ever saves at once would make two heads; the lowest id wins and the other save is refused.
        const heads = await this.heads();
        if (heads[0]?.id !== created.id) {
          await this.deps.records.delete(created.id, created.version).catch((error: unknown) => this.deps.onError(error, "vocabulary head clean-up"));
          throw AppError.conflict("The vocabulary was saved by someone else at the same moment. Reload it and try again.");
        }
      }
    } catch (error) {
      await this.deleteAll(written);
      throw error;
    }
    // Older revisions' chunks are no longer read; removing them is tidy-up, so a failure is reported, not thrown.
    await this.deleteOlderChunks(revision).catch((error: unknown) => this.deps.onError(error, "old vocabulary chunks"));
    return revision;
  }

  private async read(): Promise<VocabularyView> {
    const head = await this.head();
    if (!head || head.data.isDefault) {
      return { ...this.defaultView(), version: String(head?.data.revision ?? 0), ...(head ? { updatedAt: head.updatedAt, ...(head.data.updatedBy ? { updatedBy: head.data.updatedBy } : {}) } : {}) };
    }
    // The chunks of the save the head names: a save that lost the race for this revision may have left its own.
    const chunks = await readAllRecords(this.deps.records, [
      { field: "kind", equals: "chunk" },
      head.data.saveId ? { field: "saveId", equals: head.data.saveId } : { field: "revision", equals: head.data.revision },
    ]);
    chunks.sort((a, b) => a.data.part - b.data.part);
    if (chunks.length !== head.data.part || chunks.some((c, i) => c.data.part !== i)) {
      throw new Error(`Vocabulary revision ${head.data.revision} has ${chunks.length} of ${head.data.part} chunks.`);
    }
    const entries = parseEntries(chunks.map((c) => c.data.content ?? "").join(""));
    return {
      entries: normaliseVocabulary({ entries }).entries,
      updatedAt: head.updatedAt,
      ...(head.data.updatedBy ? { updatedBy: head.data.updatedBy } : {}),
      isDefault: false,
      version: String(head.data.revision),
    };
  }

  private async head(): Promise<VocabularyRecord | undefined> {
    return (await this.heads())[0];
  }

  /** Head records, lowest id first (normally exactly one). */
  private async heads(): Promise<VocabularyRecord[]> {
    return readAllRecords(this.deps.records, [{ field: "kind", equals: "head" }]);
  }

  private async deleteOlderChunks(live: number): Promise<void> {
    const old = (await readAllRecords(this.deps.records, [{ field: "kind", equals: "chunk" }])).filter((c) => c.data.revision < live);
    await this.deleteAll(old);
  }

  private async deleteAll(records: readonly VocabularyRecord[]): Promise<void> {
    for (const record of records) {
      await this.deps.records.delete(record.id, record.version).catch((error: unknown) => this.deps.onError(error, "vocabulary chunk clean-up"));
    }
  }

  private async audited(action: string, actor: string, detail: Record<string, number>): Promise<void> {
    await this.deps.audit.record({ actor, action, target: "search-vocabulary", at: this.deps.clock.now(), detail });
  }
}

/** Splits JSON into chunks of at most VOCABULARY_CHUNK_CHARS, never between the two halves of a surrogate pair. */
export function chunksOf(text: string, size: number = VOCABULARY_CHUNK_CHARS): string[] {
  const chunks: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + size, text.length);
    const code = text.charCodeAt(end - 1);
    if (end < text.length && code >= 0xd800 && code <= 0xdbff) end--;
    chunks.push(text.slice(start, end));
    start = end;
  }
  return chunks.length > 0 ? chunks : ["[]"];
}

/** Reads stored vocabulary JSON, keeping only well-formed entries (a hand-edited list item must not break search). */
function parseEntries(json: string): VocabularyEntry[] {
  const value: unknown = JSON.parse(json);
  if (!Array.isArray(value)) throw new Error("Stored vocabulary is not a list of entries.");
  const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((t): t is string => typeof t === "string") : []);
  return value
    .filter((e): e is Record<string, unknown> => typeof e === "object" && e !== null)
    .map((e) => {
      const broader = strings(e.broader);
      return broader.length > 0 ? { terms: strings(e.terms), broader } : { terms: strings(e.terms) };
    });
}
