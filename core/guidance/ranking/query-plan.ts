import type { ParsedQuery } from "../query";
import { analyse, isStopword, termOf, type AnalysedWord } from "./analyzer";
import { questionWordsOf, type ExpansionTable } from "./expansion-table";
import type { GuidanceIndex, PostingList } from "./guidance-index";
import type { RankingOptions } from "./ranking-options";
import { forEachEdit1 } from "./typo-variants";

/**
 * A question turned into what to look for. Each key word is a *concept*, matched by the word itself or, at lower
 * weights, by a spelling correction or a split/joined form; each vocabulary match adds an *expansion* concept that
 * stands in for the words it covers. A page scores the best of a concept's alternatives, never their sum, so a
 * word with ten synonyms does not outweigh a word with none.
 */

/** One way to match a concept: a term, or a phrase whose words should all appear. */
export interface Alternative {
  readonly termIds: readonly number[];
  readonly weight: number;
  /** True when this is what the person typed (not a synonym or correction): counts fully towards coverage. */
  readonly exact: boolean;
  /**
   * True for a one-way broader word ("equipment" for "laptop"): it scores, but a page that only has the broader
   * word does not count as covering the question's word (for coverage and the no-answer verdict).
   */
  readonly broad?: boolean;
}

export interface Concept {
  readonly label: string;
  readonly alternatives: readonly Alternative[];
  /** How much the concept matters to the question: idf of its best available form. */
  readonly importance: number;
  /** Indexes of the word concepts an expansion stands in for; empty for a word concept. */
  readonly covers: readonly number[];
  /** True for a word that frames the question rather than names its topic (see isFraming): it weighs FRAME_IMPORTANCE. */
  readonly framing?: boolean;
}

export interface QueryPlan {
  /** Word concepts first (one per distinct key word, in order), then expansions. */
  readonly concepts: readonly Concept[];
  readonly wordConcepts: number;
  /** Sum of word-concept importances: the denominator of coverage. */
  readonly totalImportance: number;
  /** The question's key words as typed, as term ids in order (-1: a word no page has): for whole-tag matches. */
  readonly typedTerms: readonly number[];
  /** All the question's words, stopwords too (not chat fillers), as term ids: for tags with small words of their own. */
  readonly questionTerms: readonly number[];
}

/**
 * Words that only frame a question typed in a chat ("hi, im new, can anyone tell me…"), beyond the shared stopwords:
 * contractions typed without the apostrophe, and greetings. Left out of matching like stopwords.
 */
const QUESTION_FILLERS: ReadonlySet<string> = new Set(
  (
    "im ive dont cant wont isnt arent doesnt didnt hows whos wheres whens whys theres thats youre theyre hi hello hey please thanks thank anyone anybody someone somebody " +
    // Chat framing: "i was wondering…", "does anyone know…", "…asap", "any info on…"
    "wondering wondered wonder know knows asap info guys folks ok okay cheers thx pls plz kindly appreciate appreciated btw anyway basically actually really curious unsure " +
    // Possessives typed without the apostrophe.
    "someones anyones everyones somebodys anybodys"
  ).split(" "),
);

/**
 * Contractions typed with their apostrophe ("i've", "it's", "we're", "can't", "shouldn't"): framing, like the words
 * they shorten. A possessive ("council's") is not one: its first part is not a stopword.
 */
const CONTRACTION = /^([a-z]+)'(s|ve|re|ll|d|m|t)$/;
const NEGATION = /^([a-z]+)n't$/;
const SHORTENED_PRONOUNS: ReadonlySet<string> = new Set(["he", "she", "here", "let"]);
const NEGATED_VERBS: ReadonlySet<string> = new Set("do does did is are was were have has had ca wo sha should could would must need might".split(" "));
function isContraction(surface: string): boolean {
  const negated = NEGATION.exec(surface);
  if (negated) return NEGATED_VERBS.has(negated[1]!);
  const shortened = CONTRACTION.exec(surface);
  return shortened !== null && (isStopword(shortened[1]!) || QUESTION_FILLERS.has(shortened[1]!) || SHORTENED_PRONOUNS.has(shortened[1]!));
}

/** True for chat around a question rather than in it: a filler ("hi", "asap") or a contraction ("i've"). */
function isChatFraming(surface: string): boolean {
  return QUESTION_FILLERS.has(surface) || isContraction(surface);
}

/**
 * Words that frame a question rather than name its topic ("what happens now", "what do i need to", "my laptop isnt
 * working"): still matched, but they count for little in how well a page covers the question, so a page that
 * answers the topic is not marked down for lacking "now".
 */
const QUESTION_FRAMES: ReadonlySet<string> = new Set(
  (
    "happen happens happened happening now next need needs needed want wants wanted go goes going went gone tell told " +
    "help find make allowed able still ever way thing things stuff done doing tips advice suggestions ideas"
  ).split(" "),
);
/**
 * Where every question comes from: at a council, questions are about the council and its residents, so these words
 * say nothing about which page answers. In guidance written elsewhere (GOV.UK, NHS, US federal handbooks) they are
 * rare, so they would otherwise weigh the most in a question ("get more residents to apply online" is about
 * digital take-up). A council's own pages use them so often that they weigh little anyway. Weighed as framing.
 */
const COUNCIL_CONTEXT: ReadonlySet<string> = new Set(["council", "councils", "resident", "residents"]);
/** Share of its usual importance a framing word keeps (the bench: 0.2–0.5 score the same; 1 is off). */
export const FRAME_IMPORTANCE = 0.35;

/** The terms of the framing words: a correction to one of them may be a misspelt framing word. */
const FRAMING_TERMS: ReadonlySet<string> = new Set([...QUESTION_FRAMES, ...COUNCIL_CONTEXT].map((w) => termOf(w)));

/**
 * True when a misspelt word is one slip from a framing word as typed ("rlesidents" from "residents"). Asked only of
 * a word corrected to a framing term, and both are needed: by the term alone "tiping" (tipping) would frame like
 * "tips", and by the typed word alone "stff" (staff) would frame like "stuff".
 */
function isMisspeltFraming(surface: string): boolean {
  let framing = false;
  forEachEdit1(surface, (variant) => {
    if (!framing && isFraming(variant)) framing = true;
  });
  return framing;
}

/** True for a word that frames a question (QUESTION_FRAMES) or says where it comes from (COUNCIL_CONTEXT). */
function isFraming(surface: string): boolean {
  // "the council's", "a resident's": the possessive frames as the word does.
  const word = surface.endsWith("'s") ? surface.slice(0, -2) : surface;
  return QUESTION_FRAMES.has(word) || COUNCIL_CONTEXT.has(word);
}

/** Most distinct key words planned; a pasted paragraph is trimmed, not slowed down. */
export const MAX_QUERY_CONCEPTS = 12;
/** Most alternatives one vocabulary expansion contributes. */
const MAX_EXPANSION_ALTERNATIVES = 8;
/** Expansion words in more than this share of pages are skipped (in libraries of at least COMMON_MIN_PAGES). */
const COMMON_SHARE = 0.15;
const COMMON_MIN_PAGES = 200;
/** Pages added to a correction's own count when measuring how well it fits the question (smoothing). */
const CONTEXT_PRIOR_PAGES = 10;
/** Most of a correction's pages looked at when measuring how well it fits the question. */
const CONTEXT_SAMPLE = 256;
/** Most spelling corrections tried for one word. */
const MAX_TYPO_ALTERNATIVES = 3;

/** Inverse document frequency (BM25's, always positive). */
export function idf(df: number, pages: number): number {
  return Math.log(1 + (pages - df + 0.5) / (df + 0.5));
}

/** Builds the plan for a question against the current index and vocabulary. */
export function planQuery(query: ParsedQuery, index: GuidanceIndex, table: ExpansionTable, options: RankingOptions, language?: KnownWords): QueryPlan {
  const pages = Math.max(1, index.size);
  const analysed = analyse(query.text);
  const words = keyWords(analysed, table, query.text);
  const df = (id: number): number => index.documentFrequency(id);
  const idOf = (term: string): number => index.termId(term);

  // Word concepts, one per distinct term.
  const seen = new Map<string, number>();
  const conceptOfWord: number[] = [];
  const wordConcepts: Array<{ label: string; alternatives: Alternative[]; typed: number; term: string; surface: string }> = [];
  for (const word of words) {
    const known = seen.get(word.term);
    if (known !== undefined) {
      conceptOfWord.push(known);
      continue;
    }
    if (wordConcepts.length >= MAX_QUERY_CONCEPTS) break;
    seen.set(word.term, wordConcepts.length);
    conceptOfWord.push(wordConcepts.length);
    const typed = idOf(word.term);
    const alternatives: Alternative[] = df(typed) > 0 ? [{ termIds: [typed], weight: 1, exact: true }] : [];
    wordConcepts.push({ label: word.surface, alternatives, typed, term: word.term, surface: word.surface });
  }
  const terms = words.slice(0, conceptOfWord.length).map((w) => w.term);
  const question = questionWordsOf(analysed, words);
  const matches = [...table.match(terms, question)];
  const coveredByVocabulary = new Set<number>();
  for (const m of matches) for (let i = m.start; i < m.end; i++) coveredByVocabulary.add(conceptOfWord[i]!);

  // Unknown words: a spelling correction, or a split into two known words ("timesheet" → "time sheet").
  const corrected = [...terms];
  let anyCorrected = false;
  // The question's known words, the context a misspelling is read in ("anual leave" is "annual", not "manual").
  const context = wordConcepts.filter((c) => df(c.typed) > 0 && !index.isStopTerm(c.typed)).map((c) => c.typed);
  wordConcepts.forEach((concept, i) => {
    const typed = df(concept.typed);
    if (typed > 0) {
      // A word a page or two use may be their slip as well as the asker's ("encypted"): the common word one slip
      // away is searched for too, at a correction's weight. The pages with the slip still match it exactly, and stay
      // near the top (checked over the guidance corpus: of its rare non-words, asked beside a word of their page's
      // title, six moved from first to second or third, none further).
      // Only beside other words the pages know, which keep the reading to pages about the same thing: alone, a rare
      // name ("Pearson") would bring every page about its neighbour ("person") in with it.
      if (!coveredByVocabulary.has(i) && context.some((term) => term !== concept.typed)) {
        const common = commonNeighbour(concept.surface, typed, index, language);
        if (common !== undefined) concept.alternatives.push({ termIds: [common], weight: options.typoWeight, exact: false });
      }
      return;
    }
    if (coveredByVocabulary.has(i)) return;
    const typos = inContext(typoAlternatives(concept.surface, index, options, language), context, index);
    concept.alternatives.push(...typos);
    // No page uses a word one edit away: perhaps the vocabulary does (a British term the pages word otherwise).
    const best = typos.length > 0 ? index.term(typos[0]!.termIds[0]!) : vocabularyCorrection(concept.surface, table, options, language);
    if (best !== undefined) {
      conceptOfWord.forEach((c, w) => {
        if (c === i) corrected[w] = best;
      });
      anyCorrected = true;
    }
    if (concept.alternatives.length === 0) {
      const split = splitAlternative(concept.surface, index);
      if (split) concept.alternatives.push({ termIds: split, weight: options.typoWeight, exact: false });
    }
  });
  // A corrected word expands like the word meant ("compasionate leave" → "bereavement leave"): vocabulary phrases
  // that only match once a misspelt word is corrected are added to what the typed words matched.
  if (anyCorrected) {
    const typedMatches = new Set(matches.map((m) => `${m.start}:${m.end}`));
    const correctedQuestion = question.map((w) => (w.key >= 0 ? { ...w, term: corrected[w.key] ?? w.term } : w));
    for (const m of table.match(corrected, correctedQuestion)) {
      let touchesCorrection = false;
      for (let w = m.start; w < m.end; w++) if (corrected[w] !== terms[w]) touchesCorrection = true;
      if (touchesCorrection && !typedMatches.has(`${m.start}:${m.end}`)) matches.push(m);
    }
  }

  const importanceOf = (alternatives: readonly Alternative[]): number => {
    // A concept nothing can match weighs as much as the rarest possible word: that is what makes an unanswerable
    // question ("canteen opening times") look unanswerable.
    if (alternatives.length === 0) return idf(0, pages);
    let best = 0;
    for (const alt of alternatives) {
      let sum = 0;
      for (const id of alt.termIds) sum += idf(df(id), pages);
      best = Math.max(best, sum / alt.termIds.length);
    }
    return best;
  };

  const concepts: Concept[] = wordConcepts.map((c, i) => {
    // A misspelt framing word frames as the word meant ("rlesidents" is "residents").
    const at = conceptOfWord.indexOf(i);
    const framing = isFraming(c.surface) || (corrected[at] !== terms[at] && FRAMING_TERMS.has(corrected[at]!) && isMisspeltFraming(c.surface));
    return { label: c.label, alternatives: c.alternatives, importance: importanceOf(c.alternatives) * (framing ? FRAME_IMPORTANCE : 1), covers: [], ...(framing ? { framing } : {}) };
  });

  // Expansions: vocabulary matches, merged per covered span; and two typed words written as one ("time sheet").
  const bySpan = new Map<string, { covers: number[]; alternatives: Alternative[]; label: string }>();
  const unknownTyped = new Set(wordConcepts.filter((c) => df(c.typed) === 0).map((c) => c.term));
  for (const m of matches) {
    const covers = [...new Set(conceptOfWord.slice(m.start, m.end))];
    const unknown = covers.every((c) => wordConcepts[c]!.alternatives.length === 0);
    const key = covers.join(",");
    const span = bySpan.get(key) ?? { covers, alternatives: [], label: words.slice(m.start, m.end).map((w) => w.surface).join(" ") };
    for (const expansion of m.expansions) {
      const termIds = expansion.terms.map(idOf);
      // A phrase is found with at most a minority of its words missing (see the first pass, which counts the missing
      // ones against it); one that needs more of the words no page has can never match, and must not lend the
      // question's word a lower importance ("staff restaurant" for "canteen", in a library without "restaurant").
      const found = termIds.filter((id) => df(id) > 0);
      if (termIds.length - found.length > Math.floor((termIds.length - 1) / 2)) continue;
      // Nor may a phrase stand in for a word no page has when it is missing that very word ("spinal column point"
      // for "spinal point" would match any page about columns and points).
      if (expansion.terms.some((term, i) => termIds[i]! < 0 && unknownTyped.has(term))) continue;
      const rarest = Math.min(...found.map(df));
      // Nothing to find, or only words so common they add cost but no meaning ("work", "service").
      if (found.length === 0 || (pages >= COMMON_MIN_PAGES && rarest > COMMON_SHARE * pages)) continue;
      const weight = expansion.broader ? options.broaderWeight : unknown ? options.synonymWeightUnknown : options.synonymWeight;
      span.alternatives.push({ termIds, weight, exact: false, ...(expansion.broader ? { broad: true } : {}) });
    }
    if (span.alternatives.length > 0) bySpan.set(key, span);
  }
  for (let i = 0; i + 1 < terms.length; i++) {
    const joined = idOf(termOf(words[i]!.surface + words[i + 1]!.surface));
    if (df(joined) === 0) continue;
    const covers = [...new Set([conceptOfWord[i]!, conceptOfWord[i + 1]!])];
    const key = covers.join(",");
    const span = bySpan.get(key) ?? { covers, alternatives: [], label: `${words[i]!.surface}${words[i + 1]!.surface}` };
    span.alternatives.push({ termIds: [joined], weight: 0.9, exact: false });
    bySpan.set(key, span);
  }
  for (const span of bySpan.values()) {
    // Several vocabulary entries can offer the same alternative for a span; look each up once, at its best weight.
    const unique = new Map<string, Alternative>();
    for (const alt of span.alternatives) {
      const key = alt.termIds.join(" ");
      const known = unique.get(key);
      if (!known || known.weight < alt.weight) unique.set(key, alt);
    }
    span.alternatives = [...unique.values()];
    if (span.alternatives.length > MAX_EXPANSION_ALTERNATIVES) {
      // The most specific (rarest) alternatives say the most and cost the least to look up.
      const specificity = (alt: Alternative): number => Math.max(...alt.termIds.map((id) => idf(df(id), pages)));
      span.alternatives.sort((a, b) => b.weight - a.weight || specificity(b) - specificity(a));
      span.alternatives.length = MAX_EXPANSION_ALTERNATIVES;
    }
    const coveredImportance = Math.max(...span.covers.map((c) => concepts[c]!.importance));
    concepts.push({ label: span.label, alternatives: span.alternatives, importance: Math.min(importanceOf(span.alternatives), coveredImportance), covers: span.covers });
  }
  // A word only an expansion can match counts, for coverage, as important as what stands in for it.
  for (const expansion of concepts.slice(wordConcepts.length)) {
    for (const c of expansion.covers) {
      const word = concepts[c]!;
      if (word.alternatives.length === 0) concepts[c] = { ...word, importance: Math.max(expansion.importance, idf(0, pages) * 0.5) };
    }
  }
  const totalImportance = concepts.slice(0, wordConcepts.length).reduce((sum, c) => sum + c.importance, 0);
  const questionTerms = analysed.filter((w) => !isChatFraming(w.surface)).map((w) => idOf(w.term));
  return { concepts, wordConcepts: wordConcepts.length, totalImportance, typedTerms: words.map((w) => idOf(w.term)), questionTerms };
}

/**
 * The words of a question that carry meaning: stopwords dropped (unless nothing else is left), except an acronym
 * typed in capitals that the vocabulary knows ("IT", "US"). What vocabulary matching runs on, in this engine and
 * in the expansion other engines get (see vocabulary/query-expansion.ts).
 */
export function keyWords(words: readonly AnalysedWord[], table: ExpansionTable, text: string): AnalysedWord[] {
  const kept = words.filter(
    (w) =>
      (!w.stop && !isChatFraming(w.surface)) ||
      (table.acronyms.has(w.term) && /^[A-Z]{2,}$/.test(text.slice(w.start, w.end))) ||
      // A letter of an ampersand acronym ("A&E", "Q&A"): a stopword only by accident.
      (w.surface.length <= 2 && (text[w.start - 1] === "&" || text[w.end] === "&")),
  );
  return kept.length > 0 ? kept : [...words];
}

/**
 * The vocabulary word one edit from `surface` (see typoAlternatives), when the reading is clear: the question is then
 * expanded as if it had been typed. Several such words are a clear reading only when one vocabulary entry has them
 * all ("flextiime": "flexitime" and "flextime" are synonyms); otherwise none is chosen.
 */
function vocabularyCorrection(surface: string, table: ExpansionTable, options: RankingOptions, language?: KnownWords): string | undefined {
  // A word of the language spelt right is no slip for a vocabulary word ("copper" is not the vocabulary's "copier").
  if (surface.length < options.typoMinLength || surface.length > MAX_WORD_TO_CORRECT || /\d/.test(surface) || isStopword(surface) || isKnownWord(surface, language)) return undefined;
  const found = new Map<string, ReadonlySet<number>>();
  forEachEdit1(surface, (variant) => {
    const word = table.vocabularyWord(variant);
    if (word !== undefined && !found.has(word.term)) found.set(word.term, word.entries);
  });
  if (found.size === 0) {
    // The word meant in another form than the vocabulary writes it ("secondmnets" for "secondment").
    const stem = stemToCorrect(surface, language);
    if (stem !== undefined) {
      forEachEdit1(stem, (variant) => {
        if (variant[0] !== stem[0]) return;
        const entries = table.vocabularyTermEntries(variant);
        if (entries !== undefined && !found.has(variant)) found.set(variant, entries);
      });
    }
  }
  const [first, ...others] = [...found];
  if (!first) return undefined;
  const shared = [...first[1]].some((entry) => others.every(([, entries]) => entries.has(entry)));
  return shared ? first[0] : undefined;
}

/** Words of the language at large (the word vectors' vocabulary): a word in it is no misspelling. */
export interface KnownWords {
  has(word: string): boolean;
}

/** Whether `language` has a question word, spelt right; a possessive ("brother's") as its word. */
function isKnownWord(surface: string, language: KnownWords | undefined): boolean {
  return language !== undefined && language.has(surface.endsWith("'s") ? surface.slice(0, -2) : surface);
}

/** Shortest stem searched for one-edit neighbours: a short stem has too many ("grit": "grid", "git", "crit"). */
const MIN_STEM_TO_CORRECT = 5;
/** Longest word looked at for a vocabulary or stem correction: longer ones are codes, links or run-together words. */
const MAX_WORD_TO_CORRECT = 20;
/** Endings that make another form of a word ("residents", "contractors", "booked", "booking"). */
const INFLECTED = /(?:s|ed|ing)$/;

/**
 * The stem to look for one edit away when no word form is (see typoAlternatives): that is for a slip in a form of
 * the word the pages never use ("rlesidents": the pages say "resident"), so only for an inflected word, with a long
 * stem, that is not one of the language's own words spelt right; and the callers keep the stem's first letter.
 * Without those limits the stem's neighbours read real words as others ("retailers" as "detail", "monetise" as
 * "money"). Some still slip through for words the word list lacks: that is the price of reading "rlesidents".
 */
function stemToCorrect(surface: string, language: KnownWords | undefined): string | undefined {
  if (surface.length > MAX_WORD_TO_CORRECT || !INFLECTED.test(surface) || isKnownWord(surface, language)) return undefined;
  const stem = termOf(surface);
  return stem.length >= MIN_STEM_TO_CORRECT && stem !== surface ? stem : undefined;
}

function typoAlternatives(surface: string, index: GuidanceIndex, options: RankingOptions, language?: KnownWords): Alternative[] {
  if (surface.length < options.typoMinLength || /\d/.test(surface) || isStopword(surface)) return [];
  const found = new Map<number, number>();
  const doubled = new Set<number>();
  const offer = (id: number): void => {
    if (id >= 0 && !index.isStopTerm(id)) {
      const df = index.documentFrequency(id);
      if (df > 0) found.set(id, df);
    }
  };
  forEachEdit1(surface, (variant) => {
    const id = index.surfaceTerm(variant);
    offer(id);
    if (found.has(id) && isDoublingSlip(surface, variant)) doubled.add(id);
  });
  // No page has the word meant in this form ("rlesidents": pages say "resident", never "residents"): try the stem.
  if (found.size === 0) {
    const stem = stemToCorrect(surface, language);
    // Keeping the first letter, which slips least often: "retailers" is no slip for "detail".
    if (stem !== undefined) forEachEdit1(stem, (variant) => variant[0] === stem[0] && offer(index.termId(variant)));
  }
  // The most used neighbours are the likeliest meant: "recieve" is "receive", not some rare word one edit away.
  return [...found.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_TYPO_ALTERNATIVES)
    // A letter doubled or undoubled ("harrassment", "inapropriate") is the commonest slip in English spelling: when
    // that is the only reading, it is as sure as the word typed and counts fully towards whether the pages answer.
    // Counting swapped letters so too measured worse on the bench's misspelt questions.
    // A word of the language is no slip, though a page word is a letter away ("refugee", "refuge").
    .map(([id]) => ({ termIds: [id], weight: options.typoWeight, exact: found.size === 1 && doubled.has(id) && !isKnownWord(surface, language) }));
}

/** True when `a` and `b` differ by one letter written twice or once ("harrassment", "harassment"). */
function isDoublingSlip(a: string, b: string): boolean {
  const [long, short] = a.length > b.length ? [a, b] : [b, a];
  if (long.length !== short.length + 1) return false;
  for (let i = 0; i < long.length; i++) {
    // At the first difference the extra letter repeats the one before it (were it the next one's twin, the two
    // strings would not differ here yet).
    if (long[i] !== short[i]) return long[i] === long[i - 1] && long.slice(i + 1) === short.slice(i);
  }
  return false;
}

/** Most pages a word may be on and still be read as a slip (a library's own typos; see commonNeighbour). */
const SLIP_MAX_PAGES = 2;
/** ... or this share of a larger library's pages. */
const SLIP_MAX_SHARE = 0.0001;
/** How many times more pages the word one slip away must be on: a slip is far rarer than the word meant. */
const SLIP_RARITY = 20;
/** Fewest pages the word one slip away must be on. */
const SLIP_NEIGHBOUR_MIN_PAGES = 10;

/**
 * The common word one slip from a word that a page or two use, when the word is likelier a slip than a word of its
 * own: no word of the language, and the neighbour on SLIP_RARITY times as many pages ("encypted" on one page,
 * "encrypted" on forty). Pages have typos too, and a question with the same one would otherwise find only them.
 * Only given a word list, to tell slips from real words (undefined without one).
 */
function commonNeighbour(surface: string, pagesWithWord: number, index: GuidanceIndex, language: KnownWords | undefined): number | undefined {
  if (language === undefined || isKnownWord(surface, language) || surface.length < MIN_STEM_TO_CORRECT || surface.length > MAX_WORD_TO_CORRECT || /\d/.test(surface)) return undefined;
  if (pagesWithWord > Math.max(SLIP_MAX_PAGES, SLIP_MAX_SHARE * index.size)) return undefined;
  const least = Math.max(SLIP_NEIGHBOUR_MIN_PAGES, SLIP_RARITY * pagesWithWord);
  let best: number | undefined;
  let bestPages = 0;
  forEachEdit1(surface, (variant) => {
    // The first letter kept, as slips seldom touch it: "xserver" is no slip for "server", nor "fuser" for "user".
    if (variant[0] !== surface[0]) return;
    const id = index.surfaceTerm(variant);
    if (id < 0 || index.isStopTerm(id)) return;
    const pages = index.documentFrequency(id);
    if (pages >= least && pages > bestPages) {
      best = id;
      bestPages = pages;
    }
  });
  return best;
}

/**
 * Spelling corrections ordered by how well each fits the rest of the question: the share of the pages using the
 * correction that also use each other word (weighted by that word's idf). "manual" is on far more pages than
 * "annual", but few of them say "leave". The share is smoothed (CONTEXT_PRIOR_PAGES), or a word on one page that
 * happens to say "leave" would fit best, and measured on at most CONTEXT_SAMPLE of the correction's pages, so a
 * misspelt question costs the same in a library of 100,000 pages. The best-fitting correction keeps the full
 * correction weight and the others half; with no context, or when nothing fits better, the order is by use.
 */
function inContext(typos: Alternative[], context: readonly number[], index: GuidanceIndex): Alternative[] {
  if (typos.length < 2 || context.length === 0) return typos;
  const pages = Math.max(1, index.size);
  const fit = (termId: number): number => {
    const own = index.postingsOf(termId);
    const df = index.documentFrequency(termId);
    if (!own || df === 0) return 0;
    // The correction's live pages looked at, chosen once for every other word.
    const sample: number[] = [];
    const step = Math.max(1, own.length / CONTEXT_SAMPLE);
    for (let x = 0; x < own.length; x += step) {
      const slot = own.docs[Math.floor(x)]!;
      if (index.isLive(slot)) sample.push(slot);
    }
    if (sample.length === 0) return 0;
    let score = 0;
    for (const other of context) {
      const list = index.postingsOf(other);
      if (!list) continue;
      let shared = 0;
      for (const slot of sample) if (postedFor(list, slot)) shared++;
      score += (idf(index.documentFrequency(other), pages) * (shared / sample.length) * df) / (df + CONTEXT_PRIOR_PAGES);
    }
    return score;
  };
  const scored = typos.map((alt, order) => ({ alt, order, score: fit(alt.termIds[0]!) }));
  scored.sort((a, b) => b.score - a.score || a.order - b.order);
  // The likeliest by use stays first unless another fits the question strictly better.
  if (scored[0]!.score === scored.find((s) => s.order === 0)!.score) return typos;
  return scored.map(({ alt }, k) => (k === 0 ? alt : { ...alt, weight: alt.weight * 0.5 }));
}

/** True when a posting list (ascending slots, as the index keeps them) holds the slot: a binary search. */
function postedFor(list: PostingList, slot: number): boolean {
  let low = 0;
  let high = list.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const at = list.docs[mid]!;
    if (at === slot) return true;
    if (at < slot) low = mid + 1;
    else high = mid - 1;
  }
  return false;
}

/** "timesheet" → ["time", "sheet"] when both halves are known words (the best-attested split wins). */
function splitAlternative(surface: string, index: GuidanceIndex): number[] | undefined {
  let best: number[] | undefined;
  let bestScore = 0;
  for (let i = 3; i <= surface.length - 3; i++) {
    const left = index.surfaceTerm(surface.slice(0, i));
    const right = index.surfaceTerm(surface.slice(i));
    if (left < 0 || right < 0 || index.isStopTerm(left) || index.isStopTerm(right)) continue;
    const score = Math.min(index.documentFrequency(left), index.documentFrequency(right));
    if (score > bestScore) {
      best = [left, right];
      bestScore = score;
    }
  }
  return best;
}
