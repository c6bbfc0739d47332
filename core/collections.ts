import { SEARCH_BEST_BETS } from "./guidance/best-bets/best-bets-collection";
import { SEARCH_FEEDBACK } from "./guidance/feedback-collection";
import { SEARCH_QUERIES } from "./guidance/search-log/search-log-collection";
import { SEARCH_VOCABULARY } from "./guidance/vocabulary/vocabulary-collection";
import type { CollectionDef } from "./records";

/**
 * Every declared record collection: what `hub provision` creates as SharePoint lists and what the SQLite store
 * creates as tables at start. Each capability adds its collections here.
 */
export const COLLECTIONS: readonly CollectionDef[] = [SEARCH_FEEDBACK, SEARCH_BEST_BETS, SEARCH_VOCABULARY, SEARCH_QUERIES];
