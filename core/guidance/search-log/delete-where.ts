import type { FieldDef, RecordData, RecordStore, StoredRecord } from "../../records";
import type { AppError } from "../../shared/app-error";
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
 * Deletes the given records at the versions read (one `deleteMany`: a transaction in SQLite, \$batch requests in
 * SharePoint); returns how many this call deleted. A record that is already gone is skipped, not an error: the host's
 * daily purge may run at the same moment as `hub purge-queries`. Any other failure is thrown once every other record
 * has been tried; `onDeleted` has heard of each deletion by then, so a caller can still say how many went.
 */
export async function deleteRecords<F extends Record<string, FieldDef>>(
  records: RecordStore<F>,
  found: ReadonlyArray<StoredRecord<RecordData<F>>>,
  onDeleted: () => void = () => undefined,
): Promise<number> {
  if (found.length === 0) return 0;
  let deleted = 0;
  let failure: AppError | undefined;
  for (const result of await records.deleteMany(found)) {
    if (result.ok) {
      deleted++;
      onDeleted();
    } else if (result.error.code !== "not_found") {
      failure ??= result.error;
    }
  }
  if (failure) throw failure;
  return deleted;
}

/** Deletes every record the predicate picks; returns how many were deleted. */
export async function deleteWhere<F extends Record<string, FieldDef>>(records: RecordStore<F>, predicate: RecordPredicate<F>): Promise<number> {
  return deleteRecords(records, await findWhere(records, predicate));
}
