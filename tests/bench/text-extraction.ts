import { performance } from "node:perf_hooks";
import { Lexer } from "marked";
import { splitFrontMatter } from "../../core";
import { markdownToHtml } from "../../core/guidance/markdown-html";
import { markdownText } from "../../core/guidance/markdown-text";
import { htmlText } from "../../core/guidance/plain-text";
import { scanWords } from "../../core/guidance/ranking/analyzer";
import { readDocuments } from "../../store";

/** Passes over the corpus before timing, so both sides are compiled by the JIT. */
export const EXTRACTION_WARMUP_PASSES = 2;
export const EXTRACTION_TIMED_PASSES = 5;

export interface TextExtractionResult {
  readonly pages: number;
  /** Pages whose indexed words are exactly the rendered page's words, in order. */
  readonly identicalPages: number;
  /** Words on the rendered pages, and how many of them the scan missed or added (a multiset difference). */
  readonly words: number;
  readonly missingWords: number;
  readonly extraWords: number;
  /** Milliseconds per pass over every page: ingest's scan, and marked's lex alone (the baseline it replaced). */
  readonly scanMs: number;
  readonly markedLexMs: number;
}

/**
 * Ingest reads a page's search text with a one-pass scan (core/guidance/markdown-text) instead of marked, which
 * renders the page when it is opened. This measures, over every Markdown page of the corpus, how closely the
 * scan's words match the rendered page's words (marked → HTML → text), and what each costs in the same run.
 */
export async function runTextExtractionBench(corpusDir: string): Promise<TextExtractionResult> {
  const bodies: string[] = [];
  for await (const doc of readDocuments(corpusDir)) if (/\.(md|markdown)$/i.test(doc.id)) bodies.push(splitFrontMatter(doc.content).markdown);

  let identicalPages = 0;
  let words = 0;
  let missingWords = 0;
  let extraWords = 0;
  for (const body of bodies) {
    const rendered = wordsOf(htmlText(markdownToHtml(body)));
    const scanned = wordsOf(markdownText(body).text);
    words += rendered.length;
    if (rendered.join(" ") === scanned.join(" ")) identicalPages++;
    const difference = multisetDifference(rendered, scanned);
    missingWords += difference.missing;
    extraWords += difference.extra;
  }
  return {
    pages: bodies.length,
    identicalPages,
    words,
    missingWords,
    extraWords,
    scanMs: timePerPass(() => bodies.forEach((b) => markdownText(b))),
    markedLexMs: timePerPass(() => bodies.forEach((b) => new Lexer().lex(b))),
  };
}

function wordsOf(text: string): string[] {
  const out: string[] = [];
  scanWords(text, 0, (surface) => void out.push(surface));
  return out;
}

function multisetDifference(expected: readonly string[], actual: readonly string[]): { missing: number; extra: number } {
  const counts = new Map<string, number>();
  for (const w of expected) counts.set(w, (counts.get(w) ?? 0) + 1);
  let extra = 0;
  for (const w of actual) {
    const n = counts.get(w) ?? 0;
    if (n > 0) counts.set(w, n - 1);
    else extra++;
  }
  let missing = 0;
  for (const n of counts.values()) missing += n;
  return { missing, extra };
}

function timePerPass(pass: () => void): number {
  for (let i = 0; i < EXTRACTION_WARMUP_PASSES; i++) pass();
  const started = performance.now();
  for (let i = 0; i < EXTRACTION_TIMED_PASSES; i++) pass();
  return (performance.now() - started) / EXTRACTION_TIMED_PASSES;
}
