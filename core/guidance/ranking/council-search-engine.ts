import type { IndexablePage, SearchHit } from "../page";
import type { GuidanceSearchEngine, SearchAnswer } from "../ports";
import type { ParsedQuery } from "../query";
import type { WordVectors } from "../semantic/word-vectors";
import { DEFAULT_VOCABULARY } from "../vocabulary/default-vocabulary";
import { normaliseVocabulary, type Vocabulary } from "../vocabulary/vocabulary";
import { ExpansionTable } from "./expansion-table";
import { FirstPass } from "./first-pass";
import { GuidanceIndex, type PageTextSource } from "./guidance-index";
import { questionMeaning, rerankByMeaning } from "./meaning";
import { isNoAnswer } from "./no-answer";
import { planQuery, type KnownWords } from "./query-plan";
import { DEFAULT_RANKING_OPTIONS, type RankingOptions } from "./ranking-options";
import { rerank, TermLookup } from "./second-pass";
import { snippetOf } from "./snippet";

export interface CouncilSearchOptions {
  /** Synonyms and acronyms to expand questions with; the shipped default set when absent. */
  readonly vocabulary?: Vocabulary;
  /** Ranking knobs; each one absent takes its default. */
  readonly ranking?: Partial<RankingOptions>;
  /** Word vectors for re-ranking by meaning (see ranking/meaning); without them, pages are ranked by words alone. */
  readonly wordVectors?: WordVectors;
  /**
   * Words of the language spelt right, which spelling correction leaves alone (see query-plan's KnownWords), as well
   * as the word vectors' words. The store gives a general English word list (store/semantic/english-words).
   */
  readonly language?: KnownWords;
  /**
   * Where page text is read back for snippets (the page store); the index then keeps no page text, which is most of
   * its memory. Without it the index keeps each page's text.
   */
  readonly pageText?: PageTextSource;
}

/**
 * Council Hub's own search engine: an in-memory index with BM25F over title, headings, body and path; Porter2
 * stemming with British/American spelling folded; vocabulary expansion; typo tolerance; proximity and passage
 * re-ranking; re-ranking by closeness in meaning to page titles (given word vectors); and an honest "no good answer"
 * signal. Pure TypeScript, so it runs the same over SQLite locally and over any other page store.
 *
 * Keep it in step with the page store by calling `upsert`/`remove` as pages change (see store/guidance-engine).
 *
 * @example
 * const engine = new CouncilSearchEngine();
 * engine.upsert(page);
 * const { hits, noAnswer } = engine.answerNow(parseQuery("whats the lone working policy"));
 */
export class CouncilSearchEngine implements GuidanceSearchEngine {
  readonly index: GuidanceIndex;
  private readonly options: RankingOptions;
  private readonly wordVectors: WordVectors | undefined;
  private readonly language: KnownWords | undefined;
  private table: ExpansionTable;
  private readonly firstPass: FirstPass;
  private readonly lookup = new TermLookup();

  constructor(options: CouncilSearchOptions = {}) {
    this.options = { ...DEFAULT_RANKING_OPTIONS, ...options.ranking };
    this.wordVectors = options.wordVectors;
    this.language = eitherKnows(options.language, options.wordVectors);
    this.index = new GuidanceIndex(options.wordVectors, options.pageText);
    this.table = new ExpansionTable(normaliseVocabulary(options.vocabulary ?? DEFAULT_VOCABULARY));
    this.firstPass = new FirstPass(this.index, this.options);
  }

  /** Replaces the vocabulary. Applies from the next search: expansion happens at query time, nothing is re-indexed. */
  setVocabulary(vocabulary: Vocabulary): void {
    this.table = new ExpansionTable(normaliseVocabulary(vocabulary));
  }

  /** Adds or replaces a page. */
  upsert(page: IndexablePage): void {
    this.index.upsert(page);
  }

  remove(id: string): void {
    this.index.remove(id);
  }

  /** Pages indexed. */
  get size(): number {
    return this.index.size;
  }

  async search(query: ParsedQuery): Promise<SearchHit[]> {
    return this.answerNow(query).hits;
  }

  async answer(query: ParsedQuery): Promise<SearchAnswer> {
    return this.answerNow(query);
  }

  /** The synchronous search behind `answer`, for callers (and benchmarks) that need no promise. */
  answerNow(query: ParsedQuery): SearchAnswer {
    const options = this.options;
    const plan = planQuery(query, this.index, this.table, options, this.language);
    const { candidates, deferred } = this.firstPass.run(plan, Math.max(options.rerankDepth, query.top));
    if (candidates.length === 0) return { hits: [], noAnswer: true };
    this.lookup.load(plan, this.index.vocabularySize, options.indirectMatchCredit);
    try {
      const byWords = rerank(candidates, plan, this.lookup, this.index, options, deferred, this.firstPass.fieldNorms);
      const ranked = rerankByMeaning(byWords, questionMeaning(plan, this.wordVectors), this.index, options.meaningWeight);
      const hits = ranked.slice(0, query.top).map((r): SearchHit => {
        const doc = this.index.doc(r.slot)!;
        return {
          id: doc.id,
          title: doc.title,
          snippet: snippetOf(doc, r.passageStart, options.snippetWords, this.lookup, this.index),
          score: Math.round(r.score * 1000) / 1000,
          ...(doc.url ? { url: doc.url } : {}),
        };
      });
      // Whether anything answers is judged on the words, as the threshold was chosen: meaning only re-orders.
      return { hits, noAnswer: isNoAnswer(byWords, options) };
    } finally {
      this.lookup.clear();
    }
  }
}

/** Words that either list knows; undefined when neither is given. */
function eitherKnows(first: KnownWords | undefined, second: KnownWords | undefined): KnownWords | undefined {
  if (first === undefined || second === undefined) return first ?? second;
  return { has: (word) => first.has(word) || second.has(word) };
}
