import { MAX_QUERY_PAGE_SIZE, type FieldDef, type RecordCondition, type RecordData, type RecordStore, type StoredRecord } from "../../records";

/**
 * Every record matching the conditions (all of them when there are none), read a page at a time in store-id order.
 * For the small or day-bounded sets the curation stores read whole: a vocabulary's chunks, a week of the query log.
 */
export async function readAllRecords<F extends Record<string, FieldDef>>(
  records: RecordStore<F>,
  where: readonly RecordCondition<F>[] = [],
): Promise<Array<StoredRecord<RecordData<F>>>> {
  const out: Array<StoredRecord<RecordData<F>>> = [];
  let cursor: string | undefined;
  do {
    const page = await records.query({ where, pageSize: MAX_QUERY_PAGE_SIZE, cursor });
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}
