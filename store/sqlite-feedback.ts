import { RecordFeedbackStore, SEARCH_FEEDBACK, type RecordStoreFactory } from "../core";

/** The search-feedback store on a record factory (SQLite tables locally, SharePoint lists in Microsoft 365). */
export function feedbackStoreOn(records: RecordStoreFactory): RecordFeedbackStore {
  return new RecordFeedbackStore(records.open(SEARCH_FEEDBACK));
}
