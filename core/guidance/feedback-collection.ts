import { defineCollection, type RecordStore, type RecordStoreFactory } from "../records";
import type { FeedbackStore, SearchFeedback } from "./ports";

/**
 * "Was this helpful?" answers, as a declared record collection: a SQLite table locally, a SharePoint list in
 * Microsoft 365. There is deliberately no field for who answered: feedback is anonymous by construction.
 */
export const SEARCH_FEEDBACK = defineCollection({
  name: "search-feedback",
  title: "Council Hub search feedback",
  description: "Whether a guidance answer helped. Anonymous: no field holds who gave it, and times are days only.",
  // Like the query log: a day, never a time of day, which could be matched against a person's Teams activity.
  timestamps: "day",
  fields: {
    query: { type: "longText", required: true },
    /** Page ids are paths and may pass 255 characters, so long text (not indexed). */
    pageId: { type: "longText" },
    helpful: { type: "boolean", required: true, indexed: true },
    channel: { type: "choice", required: true, indexed: true, choices: ["bot", "tab", "message_extension"] },
    /** Midnight (UTC) of the London calendar day it was given: see feedbackDay. */
    at: { type: "dateTime", required: true },
  },
});

/** Records read per page when listing feedback. */
const LIST_PAGE_SIZE = 1000;

/** FeedbackStore on the search-feedback collection, so it runs unchanged on SQLite or SharePoint. */
export class RecordFeedbackStore implements FeedbackStore {
  constructor(private readonly records: RecordStore<typeof SEARCH_FEEDBACK.fields>) {}

  async record(feedback: SearchFeedback): Promise<void> {
    await this.records.create({
      query: feedback.query,
      ...(feedback.pageId !== undefined ? { pageId: feedback.pageId } : {}),
      helpful: feedback.helpful,
      channel: feedback.channel,
      at: feedback.at,
    });
  }

  /** The newest `limit` answers, newest first. Reads the collection in pages; reports aggregate later in the store. */
  async list(limit: number): Promise<SearchFeedback[]> {
    const newest: SearchFeedback[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.records.query({ pageSize: LIST_PAGE_SIZE, cursor });
      for (const { data } of page.items) {
        newest.push({ query: data.query, ...(data.pageId ? { pageId: data.pageId } : {}), helpful: data.helpful, channel: data.channel as SearchFeedback["channel"], at: data.at });
        if (newest.length > limit) newest.shift();
      }
      cursor = page.nextCursor;
    } while (cursor);
    return newest.reverse();
  }
}

/** The search-feedback store on any record factory (SQLite tables locally, SharePoint lists in Microsoft 365). */
export function feedbackStoreOn(records: RecordStoreFactory): RecordFeedbackStore {
  return new RecordFeedbackStore(records.open(SEARCH_FEEDBACK));
}
