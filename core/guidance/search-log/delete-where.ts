import type { FieldDef, RecordData, RecordStore, StoredRecord } from "../../records";
import { isAppError } from "../../shared/app-error";
import { readAllRecords } from "../curation/read-all-records";

/** Picks the records a purge removes. */
export type RecordPredicate<F extends Record<string, FieldDef>> = (record: StoredRecord<RecordData<F>>) => boolean;

/**
 * The records the predicate picks. The collection is read whole and filtered here because no store can filter the
 * way purges need: a day before a cutoff is a range, and words inside a question are in a long-text field, while
 * stores query equality on indexed fields only (SharePoint cannot index or filter multi-line text at all).
 */
export async function findWhere<F extends Record<string, FieldDef>>(records: RecordStore<F>, predicate: RecordPredicate<F>): Promise<Array<StoredRecord<RecordData<F>>>> {
  return (await readAllRecords(records)).filter(predicate);
}

/**
 * Deletes the given records one by one at the versions read; returns how many this call deleted. A record that is
 * already gone is skipped, not an error: the host's daily purge may run at the same moment as `hub purge-queries`.
 * `onDeleted` hears of each deletion as it happens, so a caller can still say how many went if a later one fails.
 */
export async function deleteRecords<F extends Record<string, FieldDef>>(
  records: RecordStore<F>,
  found: ReadonlyArray<StoredRecord<RecordData<F>>>,
  onDeleted: () => void = () => undefined,
): Promise<number> {
  let deleted = 0;
  for (const record of found) {
    try {
      await records.delete(record.id, record.version);
    } catch (error) {
      if (isAppError(error) && error.code === "not_found") continue;
      throw error;
    }
    deleted++;
    onDeleted();
  }
  return deleted;
}

/** Deletes every record the predicate picks; returns how many were deleted. */
export async function deleteWhere<F extends Record<string, FieldDef>>(records: RecordStore<F>, predicate: RecordPredicate<F>): Promise<number> {
  return deleteRecords(records, await findWhere(records, predicate));
}
