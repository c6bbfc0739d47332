import { SEARCH_FEEDBACK } from "./guidance/feedback-collection";
import type { CollectionDef } from "./records";

/**
 * Every declared record collection: what `hub provision` creates as SharePoint lists and what the SQLite store
 * creates as tables at start. Each capability adds its collections here.
 */
export const COLLECTIONS: readonly CollectionDef[] = [SEARCH_FEEDBACK];
