import { defineCollection } from "../../records";

/**
 * The comms team's vocabulary edits, as a declared record collection. A whole vocabulary can pass a SharePoint
 * multi-line column's 63,999 characters (5,000 entries × 20 terms), so it is stored as a revision: one "head" record
 * (which revision is live, who saved it) and the revision's JSON in "chunk" records of at most
 * VOCABULARY_CHUNK_CHARS. Chunks are written first and the head switched last, so readers never see half a save.
 */
export const SEARCH_VOCABULARY = defineCollection({
  name: "search-vocabulary",
  title: "Council Hub search vocabulary",
  description: "Synonyms and acronyms the communications team edits; search expands questions with them.",
  fields: {
    kind: { type: "choice", required: true, indexed: true, choices: ["head", "chunk"] },
    /** Head: the live revision. Chunk: the revision it belongs to. */
    revision: { type: "number", required: true, indexed: true },
    /** Head: how many chunks the live revision has. Chunk: its position, from 0. */
    part: { type: "number", required: true },
    /** Chunk: a slice of the revision's JSON (`VocabularyEntry[]`). */
    content: { type: "longText" },
    /** Head: true after a reset to the shipped default (no chunks). */
    isDefault: { type: "boolean" },
    /** Head: UPN of the comms editor who saved the live revision (also in the audit trail). */
    updatedBy: { type: "text", maxLength: 255 },
    /**
     * A random id per save, on its chunks and (once it wins) on the head. Two saves racing for the same revision
     * both write chunks; readers take only the chunks of the save the head names, so the loser's (until it tidies
     * them away, or if it never can) cannot break a read.
     */
    saveId: { type: "text", maxLength: 36, indexed: true },
  },
});

/** Characters of vocabulary JSON per chunk record: under SharePoint's 63,999 for a multi-line text column. */
export const VOCABULARY_CHUNK_CHARS = 60_000;
