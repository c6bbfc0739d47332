import {
  AppError,
  isAppError,
  validateRecordData,
  validateRecordQuery,
  type CollectionDef,
  type CreateResult,
  type DeleteResult,
  type FieldDef,
  type RecordData,
  type RecordPage,
  type RecordQuery,
  type RecordRef,
  type RecordStore,
  type StoredRecord,
} from "../../core";
import { createInBatches, type PendingCreate } from "./batch-create";
import { deleteInBatches, type PendingDelete } from "./batch-delete";
import { toFieldValues } from "./field-values";
import { graphFailure, toAppError } from "./graph-errors";
import { createIdempotently } from "./idempotent-create";
import { isItemId, queryString, type ListContext } from "./list-context";
import { recordFromFields, recordFromItem, type GraphFieldValueSet, type GraphItemPage, type GraphListItem } from "./list-item-record";
import { buildItemFilter, matchesExactly } from "./odata-filter";
import { pathFromCursor } from "./page-cursor";
import { AttemptLog, observingRetries } from "./retry-policy";
import { HONOR_NON_INDEXED_QUERIES } from "./sharepoint-limits";

/** An eTag is printable ASCII; anything else cannot be a version we issued, and must not reach a header. */
const VERSION = /^[\x20-\x7e]{1,200}$/;

/**
 * One collection's records as items of a SharePoint list, through Microsoft Graph. Validation is core's (the same as
 * SQLite's); the version is the item eTag, and updates and deletes are conditional on it (If-Match), so a stale
 * version is a 412 → conflict and nothing is written. Each call is one Graph round trip when nothing fails.
 */
export class SharePointRecordStore<F extends Record<string, FieldDef>> implements RecordStore<F> {
  readonly collection: CollectionDef<F>;

  constructor(private readonly ctx: ListContext) {
    this.collection = ctx.collection as CollectionDef<F>;
  }

  /** POST one item carrying a fresh hub key; see {@link createIdempotently} for what happens when the answer is lost. */
  async create(data: RecordData<F>): Promise<StoredRecord<RecordData<F>>> {
    validateRecordData(this.collection, data as Record<string, unknown>, "create");
    return createIdempotently<RecordData<F>>(this.ctx, toFieldValues(this.collection, data as Record<string, unknown>, "create"), this.ctx.newKey());
  }

  /** Invalid items fail at once with core's 400; the rest go in `$batch` requests of 20 (see {@link createInBatches}). */
  async createMany(items: readonly RecordData<F>[]): Promise<Array<CreateResult<RecordData<F>>>> {
    const results: Array<CreateResult<RecordData<F>> | undefined> = new Array(items.length);
    const pending: PendingCreate[] = [];
    items.forEach((data, index) => {
      try {
        validateRecordData(this.collection, data as Record<string, unknown>, "create");
        pending.push({ index, key: this.ctx.newKey(), fields: toFieldValues(this.collection, data as Record<string, unknown>, "create") });
      } catch (error) {
        results[index] = { ok: false, error: isAppError(error) ? error : new AppError("internal", "The record could not be prepared.", { cause: error }) };
      }
    });
    if (pending.length > 0) for (const [index, result] of await createInBatches<RecordData<F>>(this.ctx, pending)) results[index] = result;
    return results.map((result) => result ?? { ok: false, error: new AppError("internal", "The record was not processed.") });
  }

  /** One GET of the item with its fields; undefined for a missing item or an id SharePoint could never have issued. */
  async get(id: string): Promise<StoredRecord<RecordData<F>> | undefined> {
    if (!isItemId(id)) return undefined;
    try {
      const item = (await this.ctx.client.api(`${this.ctx.itemsPath}/${id}?${queryString({ $expand: "fields" })}`).get()) as GraphListItem;
      return recordFromItem<RecordData<F>>(this.collection, item);
    } catch (error) {
      const failure = graphFailure(error);
      if (failure.status === 404) return undefined;
      throw toAppError(failure, `${this.collection.title} record`);
    }
  }

  /**
   * One PATCH of the item's fields with If-Match, answered with the new fieldValueSet (so no read-back). When the SDK
   * had to retry a 503/504, the write may already have happened under our own attempt; a 412 then triggers one GET,
   * and if the record holds exactly our changes the update is reported done rather than as a conflict.
   */
  async update(id: string, changes: Partial<RecordData<F>>, expectedVersion: string): Promise<StoredRecord<RecordData<F>>> {
    validateRecordData(this.collection, changes as Record<string, unknown>, "update");
    const what = `${this.collection.title} record`;
    if (!isItemId(id)) throw AppError.notFound(`The ${what}`);
    if (!VERSION.test(expectedVersion)) throw AppError.conflict();
    const log = new AttemptLog();
    try {
      const fields = (await this.ctx.client
        .api(`${this.ctx.itemsPath}/${id}/fields`)
        .header("If-Match", expectedVersion)
        .middlewareOptions([observingRetries(this.ctx.policy, log)])
        .patch(toFieldValues(this.collection, changes as Record<string, unknown>, "update"))) as GraphFieldValueSet;
      return recordFromFields<RecordData<F>>(this.collection, id, fields);
    } catch (error) {
      const failure = graphFailure(error);
      if (failure.status === 412 && log.ambiguous) {
        const current = await this.get(id);
        if (current && this.holds(current, changes)) return current;
      }
      if (failure.status === 404) throw AppError.notFound(`The ${what}`);
      throw toAppError(failure, what);
    }
  }

  /** One DELETE with If-Match. A 404 after a retried 503/504 means our own earlier attempt deleted it: done. */
  async delete(id: string, expectedVersion: string): Promise<void> {
    const what = `${this.collection.title} record`;
    if (!isItemId(id)) throw AppError.notFound(`The ${what}`);
    if (!VERSION.test(expectedVersion)) throw AppError.conflict();
    const log = new AttemptLog();
    try {
      await this.ctx.client.api(`${this.ctx.itemsPath}/${id}`).header("If-Match", expectedVersion).middlewareOptions([observingRetries(this.ctx.policy, log)]).delete();
    } catch (error) {
      const failure = graphFailure(error);
      if (failure.status === 404 && log.ambiguous) return;
      if (failure.status === 404) throw AppError.notFound(`The ${what}`);
      throw toAppError(failure, what);
    }
  }

  /**
   * Items with an id or version SharePoint could never have issued fail at once (404, conflict), as `delete` does; the
   * rest go in `$batch` requests of 20 (see {@link deleteInBatches}).
   */
  async deleteMany(items: readonly RecordRef[]): Promise<DeleteResult[]> {
    const what = `${this.collection.title} record`;
    const results: Array<DeleteResult | undefined> = new Array(items.length);
    const pending: PendingDelete[] = [];
    items.forEach(({ id, version }, index) => {
      if (!isItemId(id)) results[index] = { ok: false, error: AppError.notFound(`The ${what}`) };
      else if (!VERSION.test(version)) results[index] = { ok: false, error: AppError.conflict() };
      else pending.push({ index, id, version });
    });
    if (pending.length > 0) for (const [index, result] of await deleteInBatches(this.ctx, pending, what)) results[index] = result;
    return results.map((result) => result ?? { ok: false, error: new AppError("internal", "The record was not processed.") });
  }

  /**
   * One GET per page: `$filter` on indexed columns with escaped literals, `$top` = pageSize, fields expanded, items
   * in id order. `nextCursor` is SharePoint's nextLink, checked before it is followed (see {@link pathFromCursor}).
   */
  async query(query: RecordQuery<F>): Promise<RecordPage<RecordData<F>>> {
    validateRecordQuery(this.collection, query);
    const filter = buildItemFilter(this.collection, query.where);
    const path =
      query.cursor === undefined
        ? `${this.ctx.itemsPath}?${queryString({ $expand: "fields", $filter: filter, $top: query.pageSize })}`
        : pathFromCursor(this.ctx, query.cursor, filter, query.pageSize);
    let page: GraphItemPage;
    try {
      page = (await this.ctx.client.api(path).header("Prefer", HONOR_NON_INDEXED_QUERIES).get()) as GraphItemPage;
    } catch (error) {
      throw toAppError(graphFailure(error), `${this.collection.title} query`);
    }
    const items = page.value
      .map((item) => recordFromItem<RecordData<F>>(this.collection, item))
      .filter((record) => matchesExactly(this.collection, query.where, record.data as Record<string, unknown>));
    const next = page["@odata.nextLink"];
    return next === undefined ? { items } : { items, nextCursor: next };
  }

  /** Whether a record holds exactly the given changes (cleared fields absent, dates to the second, json by value). */
  private holds(record: StoredRecord<RecordData<F>>, changes: Partial<RecordData<F>>): boolean {
    const data = record.data as Record<string, unknown>;
    return Object.entries(changes as Record<string, unknown>).every(([name, wanted]) => {
      const actual = data[name];
      if (wanted === undefined || wanted === null) return actual === undefined;
      // SharePoint keeps whole seconds of a date.
      if (wanted instanceof Date) return actual instanceof Date && Math.floor(actual.getTime() / 1000) === Math.floor(wanted.getTime() / 1000);
      return JSON.stringify(actual) === JSON.stringify(wanted);
    });
  }
}
