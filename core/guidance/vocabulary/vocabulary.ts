/**
 * Search vocabulary as data: words and phrases that mean the same thing to staff, and acronyms with what they stand
 * for. Search expands a question with them at query time, so an edit takes effect on the next search, with no
 * re-ingest. The comms team owns this data; the default set ships in default-vocabulary.ts.
 */

/** One group of equivalent words or phrases, e.g. ["annual leave", "holiday", "vacation"]. */
export interface VocabularyEntry {
  /**
   * Words or phrases that mean the same: a question using any of them also searches for the others (at a lower
   * weight than the words the person typed). An acronym is listed with its expansions: ["OH", "occupational health"].
   */
  readonly terms: readonly string[];
  /**
   * Broader words searched for when a question uses `terms`, never the reverse: "laptop" should find pages about
   * "equipment", but a question about equipment is not about laptops.
   */
  readonly broader?: readonly string[];
}

/** A whole vocabulary. */
export interface Vocabulary {
  readonly entries: readonly VocabularyEntry[];
}

/**
 * Where the live vocabulary comes from: the comms team's stored vocabulary (VocabularyStore), or a fixed one. An
 * engine that reads it per search sees an edit from the next search, with no re-indexing.
 */
export interface VocabularySource {
  current(): Vocabulary;
}

/** Most entries a vocabulary may hold, and most terms an entry may list: bounds on query expansion cost. */
export const MAX_VOCABULARY_ENTRIES = 5_000;
export const MAX_TERMS_PER_ENTRY = 20;

/**
 * Tidies a vocabulary edited by hand: trims, drops blanks and duplicates (case-insensitively), drops entries that
 * say nothing (a single term and nothing broader), and caps the sizes above.
 */
export function normaliseVocabulary(vocabulary: Vocabulary): Vocabulary {
  const tidy = (terms: readonly string[] | undefined): string[] => {
    const seen = new Set<string>();
    const out: string[] = [];
    for (const raw of terms ?? []) {
      const term = raw.replace(/\s+/g, " ").trim();
      const key = term.toLowerCase();
      if (!term || seen.has(key)) continue;
      seen.add(key);
      out.push(term);
    }
    return out.slice(0, MAX_TERMS_PER_ENTRY);
  };
  const entries: VocabularyEntry[] = [];
  for (const entry of vocabulary.entries.slice(0, MAX_VOCABULARY_ENTRIES)) {
    const terms = tidy(entry.terms);
    const broader = tidy(entry.broader);
    if (terms.length === 0 || (terms.length === 1 && broader.length === 0)) continue;
    entries.push(broader.length > 0 ? { terms, broader } : { terms });
  }
  return { entries };
}

/** A vocabulary that can be replaced at runtime, e.g. by an admin edit. */
export class InMemoryVocabulary implements VocabularySource {
  private value: Vocabulary;

  constructor(initial: Vocabulary) {
    this.value = normaliseVocabulary(initial);
  }

  current(): Vocabulary {
    return this.value;
  }

  replace(next: Vocabulary): void {
    this.value = normaliseVocabulary(next);
  }
}
