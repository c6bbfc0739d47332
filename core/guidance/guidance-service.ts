import { performance } from "node:perf_hooks";
import { AppError } from "../shared/app-error";
import type { Clock } from "../shared/clock";
import type { AuditLog } from "../audit/audit-event";
import type { Pin } from "./best-bets/best-bet-service";
import { openingSnippet } from "./curation/opening-snippet";
import { nextStepsFor } from "./next-steps";
import type { GuidancePage, NextStep, PageView, SearchHit, SearchResponse } from "./page";
import { contentHash, inThreadParser, type SourceDocument } from "./parse-document";
import type { DocumentParser, FeedbackStore, GuidancePages, GuidanceSearchEngine, ParseOutcome, SearchFeedback } from "./ports";
import { parseQuery } from "./query";
import type { LoggedSearch } from "./search-log/search-log";
import { RenderedPages, type MarkdownRenderer } from "./rendered-pages";
import { redactIdentifiers } from "./search-log/redact-identifiers";
import { feedbackDay } from "./search-log/search-log";

export interface GuidanceDeps {
  readonly pages: GuidancePages;
  readonly engine: GuidanceSearchEngine;
  readonly feedback: FeedbackStore;
  readonly audit: AuditLog;
  readonly clock: Clock;
  /** Best bets: pages pinned above the ranked results for matching questions. None when absent. */
  readonly bestBets?: { pinsFor(question: string): Promise<Pin[]> };
  /** The editable vocabulary, kept fresh in the engine; absent = the engine's own (default) vocabulary. */
  readonly vocabulary?: { ensureFresh(): Promise<void> };
  /** The anonymous query log behind the content-gap report; staff channels only. */
  readonly searchLog?: { record(search: LoggedSearch): void };
  /** Where to go next when nothing answers; core's topic rules unless replaced. */
  readonly nextSteps?: (question: string) => NextStep[];
  /** Turns documents into pages during ingest; parses in-thread when absent (store/ has a worker-thread one). */
  readonly parser?: DocumentParser;
  /** Renders Markdown pages for reading; in-thread when absent (store/ has a worker-thread one with a time budget). */
  readonly renderer?: MarkdownRenderer;
}

/** Counts from one ingest run, for the CLI's progress and summary. */
export interface IngestReport {
  readonly seen: number;
  readonly added: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly removed: number;
  readonly failed: ReadonlyArray<{ id: string; reason: string }>;
}

export interface IngestOptions {
  /** Who ran it, for the audit trail. */
  readonly actor: string;
  /** Called after each document is read, with how many have been seen so far. */
  readonly onProgress?: (seen: number) => void;
}

/** Pages parsed per transaction: large enough to be fast, small enough to bound memory on 100k-page folders. */
export const INGEST_BATCH_SIZE = 500;

export type FeedbackInput = Omit<SearchFeedback, "at">;

/**
 * Where a question was asked. Questions asked in the bot and the tab feed the content-gap report. The message
 * extension's are not logged: Teams sends a query as the person types, so the log would fill with fragments ("ann",
 * "annual l") counted as unanswered, and a half-typed e-mail or phone number slips past redaction. Nor is "cli" (an
 * operator testing).
 */
export type SearchChannel = SearchFeedback["channel"] | "cli";

/** Options for {@link GuidanceService.search}. */
export interface SearchOptions {
  /** Results wanted (1–MAX_TOP); DEFAULT_TOP when absent. */
  readonly top?: number;
  /**
   * Overrides the service's engine for one request: in Microsoft 365 the tab searches through Microsoft Search with
   * the user's delegated token, so results are trimmed to what they may read.
   */
  readonly engine?: GuidanceSearchEngine;
  /** Where the question was asked; "cli" when absent. */
  readonly channel?: SearchChannel;
}

/** Guidance use cases: search, read a page, ingest a folder, record feedback. */
export class GuidanceService {
  private readonly rendered: RenderedPages;

  constructor(private readonly deps: GuidanceDeps) {
    this.rendered = new RenderedPages(deps.renderer);
  }

  /**
   * Searches guidance. Pages pinned by best bets come first (marked `pinned`, not repeated below) and mean the
   * question has an answer; when nothing answers, `nextSteps` says where to go instead. Questions from staff
   * channels are logged without identity for the content-gap report.
   */
  async search(text: string, options: SearchOptions = {}): Promise<SearchResponse> {
    const { top, engine = this.deps.engine, channel = "cli" } = options;
    const query = parseQuery(text, top);
    const started = performance.now();
    await this.deps.vocabulary?.ensureFresh();
    const [answer, pins] = await Promise.all([
      engine.answer ? engine.answer(query) : engine.search(query).then((hits) => ({ hits, noAnswer: undefined })),
      this.deps.bestBets?.pinsFor(query.text) ?? [],
    ]);
    // A request-scoped engine (Microsoft Search as the user) trims results to what the user may read; the local page
    // store does not. Then a pin may only promote a page that engine returned, or a best bet would show the title
    // and opening of a page the user may not open.
    const pinned = await this.pinnedHits(pins, answer.hits, query.top, options.engine !== undefined);
    const pinnedIds = new Set(pinned.map((hit) => hit.id));
    const results = [...pinned, ...answer.hits.filter((hit) => !pinnedIds.has(hit.id))].slice(0, query.top);
    const noAnswer = pinned.length > 0 ? false : answer.noAnswer;
    const response: SearchResponse = {
      query: query.text,
      results,
      tookMs: round(performance.now() - started),
      ...(noAnswer === undefined ? {} : { noAnswer }),
      ...(noAnswer === true ? { nextSteps: (this.deps.nextSteps ?? nextStepsFor)(query.text) } : {}),
    };
    if (channel === "bot" || channel === "tab") {
      this.deps.searchLog?.record({ query: query.text, channel, noAnswer: noAnswer === true, resultCount: results.length, ...(results[0] ? { topPageId: results[0].id } : {}) });
    }
    return response;
  }

  /** Pinned pages as hits: the engine's hit (and its answering snippet) when it ranked the page, else the page's opening. */
  private async pinnedHits(pins: readonly Pin[], ranked: readonly SearchHit[], top: number, trimmed: boolean): Promise<SearchHit[]> {
    const hits: SearchHit[] = [];
    for (const pin of pins.slice(0, top)) {
      const hit = ranked.find((h) => h.id === pin.pageId);
      if (hit) {
        hits.push({ ...hit, pinned: true });
        continue;
      }
      if (trimmed) continue;
      // A pin whose page was removed since is skipped, not shown as a broken link.
      const page = await this.deps.pages.get(pin.pageId);
      if (page) hits.push({ id: page.id, title: page.title, snippet: openingSnippet(page.text), score: 0, ...(page.url ? { url: page.url } : {}), pinned: true });
    }
    return hits;
  }

  async getPage(id: string): Promise<GuidancePage> {
    const page = await this.deps.pages.get(id);
    if (!page) throw AppError.notFound("That guidance page");
    return page;
  }

  /** A page as a person reads it: its body rendered to safe HTML (Markdown is rendered here, not at ingest). */
  async readPage(id: string): Promise<PageView> {
    const page = await this.getPage(id);
    return { id: page.id, title: page.title, headings: page.headings, html: await this.rendered.htmlOf(page), ...(page.url ? { url: page.url } : {}), updatedAt: page.updatedAt };
  }

  /** The page whose original link (a SharePoint page, an intranet URL) is `url`, if one is known; never throws for an unknown link. */
  async pageByUrl(url: string): Promise<GuidancePage | undefined> {
    return this.deps.pages.findByUrl ? this.deps.pages.findByUrl(url) : undefined;
  }

  async pageCount(): Promise<number> {
    return this.deps.pages.count();
  }

  /**
   * Imports every document of one origin. Unchanged pages (same hash) are skipped, changed ones replaced, and
   * pages of this origin that are no longer in `documents` removed. A document that cannot be parsed is reported
   * and skipped; the rest still land. Each batch is written all-or-nothing.
   */
  async ingest(origin: string, documents: AsyncIterable<SourceDocument> | Iterable<SourceDocument>, options: IngestOptions): Promise<IngestReport> {
    const known = await this.deps.pages.fingerprints(origin);
    const now = this.deps.clock.now();
    const parser = this.deps.parser ?? inThreadParser;
    const seenIds = new Set<string>();
    const failed: Array<{ id: string; reason: string }> = [];
    let added = 0;
    let updated = 0;
    let unchanged = 0;
    let toParse: SourceDocument[] = [];
    // One batch is parsed (on worker threads, with a pooled parser) while the batch before it is written, so a
    // parser with threads keeps every core busy; in-thread, a batch is simply parsed and then written.
    let inFlight: { docs: SourceDocument[]; outcomes: Promise<ParseOutcome[]> } | undefined;
    const write = async (job: { docs: SourceDocument[]; outcomes: Promise<ParseOutcome[]> }): Promise<void> => {
      const outcomes = await job.outcomes;
      const upserts: GuidancePage[] = [];
      job.docs.forEach((doc, i) => {
        const outcome = outcomes[i];
        if (outcome?.page === undefined) {
          failed.push({ id: doc.id, reason: outcome?.error ?? "the parser returned nothing for this document" });
          return;
        }
        if (known.has(doc.id)) updated++;
        else added++;
        upserts.push(outcome.page);
      });
      if (upserts.length > 0) await this.deps.pages.apply({ upserts, removals: [] });
    };
    const dispatch = async (): Promise<void> => {
      const previous = inFlight;
      inFlight = undefined;
      if (toParse.length > 0) {
        inFlight = { docs: toParse, outcomes: parser.parseBatch(toParse, origin, now) };
        // Awaited in order below; this only keeps a failure from being reported as unhandled meanwhile.
        inFlight.outcomes.catch(() => undefined);
        toParse = [];
      }
      if (previous) await write(previous);
    };
    for await (const doc of documents) {
      if (seenIds.has(doc.id)) continue;
      seenIds.add(doc.id);
      options.onProgress?.(seenIds.size);
      const previous = known.get(doc.id);
      // Hash before parsing: an unchanged page then costs a hash, not a Markdown parse, so re-ingest is quick.
      if (previous !== undefined) {
        let same: boolean;
        try {
          same = previous === contentHash(doc.content);
        } catch (error) {
          failed.push({ id: doc.id, reason: error instanceof Error ? error.message : String(error) });
          continue;
        }
        if (same) {
          unchanged++;
          continue;
        }
      }
      toParse.push(doc);
      if (toParse.length >= INGEST_BATCH_SIZE) await dispatch();
    }
    await dispatch();
    await dispatch();
    const removals = [...known.keys()].filter((id) => !seenIds.has(id));
    if (removals.length > 0) await this.deps.pages.apply({ upserts: [], removals });
    const report = { seen: seenIds.size, added, updated, unchanged, removed: removals.length, failed };
    await this.deps.audit.record({
      actor: options.actor,
      action: "guidance.ingested",
      target: `origin:${origin}`,
      at: this.deps.clock.now(),
      detail: { seen: report.seen, added, updated, unchanged, removed: report.removed, failed: failed.length },
    });
    return report;
  }

  /** Records a "Was this helpful?" answer without the asker's identity. */
  async recordFeedback(input: FeedbackInput): Promise<void> {
    const query = input.query.trim();
    if (!query) throw AppError.badRequest("Feedback needs the question it is about.");
    if (input.pageId !== undefined && !(await this.deps.pages.get(input.pageId))) throw AppError.notFound("That guidance page");
    // Fields picked one by one, never spread: an input object that also carries who asked must not pass it on.
    const { pageId, helpful, channel } = input;
    // The question is kept for the content-gap report, without identifying details a person may have typed into it.
    await this.deps.feedback.record({ query: redactIdentifiers(query).slice(0, 500), ...(pageId !== undefined ? { pageId } : {}), helpful, channel, at: feedbackDay(this.deps.clock.now()) });
  }
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
