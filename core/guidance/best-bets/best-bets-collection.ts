import { defineCollection } from "../../records";
import { BEST_BET_MATCHES } from "./best-bet";

/**
 * Best bets, as a declared record collection (a SQLite table locally, a SharePoint list in Microsoft 365).
 * Triggers are a JSON array (at most 20 × 100 characters, far below a multi-line column's 63,999).
 */
export const SEARCH_BEST_BETS = defineCollection({
  name: "search-best-bets",
  title: "Council Hub search best bets",
  description: "Guidance pages the communications team pinned to the top of search for given questions.",
  fields: {
    /** Page ids are paths and may pass 255 characters, so long text. */
    pageId: { type: "longText", required: true },
    triggers: { type: "json", required: true },
    match: { type: "choice", required: true, choices: BEST_BET_MATCHES },
    note: { type: "longText", maxLength: 500 },
    createdBy: { type: "text", required: true, maxLength: 255 },
    expiresAt: { type: "dateTime" },
  },
});
