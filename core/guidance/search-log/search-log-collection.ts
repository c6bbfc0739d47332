import { defineCollection } from "../../records";

/** Longest question text kept in the query log: enough to read the question, not a pasted document. */
export const MAX_LOGGED_QUERY_LENGTH = 300;

/**
 * The anonymous query log: what was asked, where, and how search did, for the comms team's content-gap report.
 * Deliberately no field for who asked, their conversation, or the time of day: only the council calendar day (and
 * its ISO week, indexed so a report reads just the weeks it covers, even past SharePoint's 5,000-item threshold).
 */
export const SEARCH_QUERIES = defineCollection({
  name: "search-queries",
  title: "Council Hub search queries",
  description: "Questions asked of guidance search, without identity or time of day, for the content-gap report.",
  // Nor may the store's own created/updated stamps put a time of day on a question.
  timestamps: "day",
  fields: {
    query: { type: "longText", required: true, maxLength: MAX_LOGGED_QUERY_LENGTH },
    channel: { type: "choice", required: true, indexed: true, choices: ["bot", "tab", "message_extension"] },
    noAnswer: { type: "boolean", required: true },
    resultCount: { type: "number", required: true },
    /** Page ids are paths and may pass 255 characters, so long text. */
    topPageId: { type: "longText" },
    /** "YYYY-MM-DD" in the council's time zone. */
    day: { type: "text", required: true, maxLength: 10, indexed: true },
    /** The Monday of `day`'s ISO week, "YYYY-MM-DD": reports query by it. */
    week: { type: "text", required: true, maxLength: 10, indexed: true },
  },
});
