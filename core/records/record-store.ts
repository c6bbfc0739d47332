import type { AppError } from "../shared/app-error";
import type { CollectionDef, FieldDef, RecordData, StoredRecord } from "./collection";

/** Most records a page of query results may hold; SharePoint list item pages stop at 5,000 too. */
export const MAX_QUERY_PAGE_SIZE = 1000;

/** The outcome of one item of `createMany`. */
export type CreateResult<D> = { readonly ok: true; readonly record: StoredRecord<D> } | { readonly ok: false; readonly error: AppError };

/** A record to delete: its id, and the version it must still be at (a StoredRecord is one). */
export interface RecordRef {
  readonly id: string;
  readonly version: string;
}

/** The outcome of one item of `deleteMany`: deleted, or the error `delete` would have thrown for it. */
export type DeleteResult = { readonly ok: true } | { readonly ok: false; readonly error: AppError };

/**
 * Equality on an indexed field; several conditions are ANDed. A dateTime field is compared with an ISO-8601 string
 * with an offset. Text comparison may ignore letter case (SharePoint does): do not rely on case to tell values apart.
 */
export interface RecordCondition<F extends Record<string, FieldDef>> {
  readonly field: Extract<keyof F, string>;
  readonly equals: string | number | boolean;
}

export interface RecordQuery<F extends Record<string, FieldDef>> {
  readonly where?: readonly RecordCondition<F>[];
  /** 1 to MAX_QUERY_PAGE_SIZE. */
  readonly pageSize: number;
  /** The `nextCursor` of the previous page; opaque (a SharePoint nextLink, a SQLite keyset position). */
  readonly cursor?: string;
}

export interface RecordPage<D> {
  readonly items: StoredRecord<D>[];
  /** Present while there are more records. */
  readonly nextCursor?: string;
}

/**
 * One collection's records. Both implementations (SQLite, SharePoint lists) pass the same contract suite
 * (tests/contract): same validation, same optimistic concurrency, same paging.
 */
export interface RecordStore<F extends Record<string, FieldDef>> {
  readonly collection: CollectionDef<F>;
  create(data: RecordData<F>): Promise<StoredRecord<RecordData<F>>>;
  /**
   * Creates many records (in SharePoint, in \$batch requests of 20). Each item succeeds or fails on its own; the
   * results are in input order. Invalid items fail with a 400 without stopping the others.
   */
  createMany(items: readonly RecordData<F>[]): Promise<Array<CreateResult<RecordData<F>>>>;
  get(id: string): Promise<StoredRecord<RecordData<F>> | undefined>;
  /**
   * Changes the given fields (an `undefined` value clears an optional field) if the record is still at
   * `expectedVersion`; otherwise throws AppError conflict (409), and nothing is written. Missing record: 404.
   */
  update(id: string, changes: Partial<RecordData<F>>, expectedVersion: string): Promise<StoredRecord<RecordData<F>>>;
  /** Deletes at `expectedVersion` (conflict otherwise). Deleting a missing record is a 404. */
  delete(id: string, expectedVersion: string): Promise<void>;
  /**
   * Deletes many records, each at its own version (in SharePoint, in \$batch requests of 20), for purges of many
   * records. Each item succeeds or fails on its own as `delete` would (conflict, 404); the results are in input order.
   */
  deleteMany(items: readonly RecordRef[]): Promise<DeleteResult[]>;
  /** Records matching every condition, in a stable order (store ids ascending), a page at a time. Conditions must be on indexed fields. */
  query(query: RecordQuery<F>): Promise<RecordPage<RecordData<F>>>;
}

/** Makes record stores: one per declared collection. Implemented by store/ (SQLite) and graph/ (SharePoint). */
export interface RecordStoreFactory {
  open<F extends Record<string, FieldDef>>(collection: CollectionDef<F>): RecordStore<F>;
}
