import type { RecordStore } from "../../records";
import type { Clock } from "../../shared/clock";
import type { SEARCH_FEEDBACK } from "../feedback-collection";
import { councilDayOf } from "../../shared/calendar-day";
import type { SearchLog } from "../search-log/search-log";
import { buildContentGapReport, type ContentGapReport, type DatedFeedback } from "./content-gap-report";
import { resolveReportRange, type ReportRangeInput } from "./report-range";

const PAGE_SIZE = 1000;

export interface ContentGapDeps {
  readonly searchLog: SearchLog;
  /** The "Was this helpful?" answers (anonymous), read for their helpful / not helpful counts. */
  readonly feedback: RecordStore<typeof SEARCH_FEEDBACK.fields>;
  readonly clock: Clock;
}

/** The comms team's content-gap report: questions search answers badly, and the trend, for a date range. */
export class ContentGapService {
  constructor(private readonly deps: ContentGapDeps) {}

  async report(range: ReportRangeInput = {}): Promise<ContentGapReport> {
    const { from, to } = resolveReportRange(range, councilDayOf(this.deps.clock.now()));
    // Searches still in the log's buffer count too: a report straight after a burst of questions shows them.
    await this.deps.searchLog.flush();
    const [searches, feedback] = await Promise.all([this.deps.searchLog.readRange(from, to), this.feedbackBetween(from, to)]);
    return buildContentGapReport(from, to, searches, feedback);
  }

  /**
   * Feedback answered between the two days. The feedback collection has no indexed day, so this pages through it;
   * feedback is rarer than searches by orders of magnitude.
   */
  private async feedbackBetween(from: string, to: string): Promise<DatedFeedback[]> {
    const out: DatedFeedback[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.deps.feedback.query({ pageSize: PAGE_SIZE, cursor });
      for (const { data } of page.items) {
        const day = councilDayOf(data.at);
        if (day >= from && day <= to) out.push({ query: data.query, helpful: data.helpful, channel: data.channel, day });
      }
      cursor = page.nextCursor;
    } while (cursor);
    return out;
  }
}
