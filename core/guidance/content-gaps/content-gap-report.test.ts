import type { LoggedSearchRow } from "../search-log/search-log";
import { buildContentGapReport, MAX_REPORT_GAPS, type DatedFeedback } from "./content-gap-report";
import { questionKey } from "./question-key";

const asked = (query: string, day: string, noAnswer: boolean, channel: LoggedSearchRow["channel"] = "bot"): LoggedSearchRow => ({ query, day, noAnswer, channel, resultCount: noAnswer ? 3 : 10 });
const rated = (query: string, day: string, helpful: boolean, channel = "tab"): DatedFeedback => ({ query, day, helpful, channel });

describe("questionKey", () => {
  it("groups wordings of one question", () => {
    expect(questionKey("How do I book annual leave?")).toBe(questionKey("booking annual leave"));
    expect(questionKey("annual leave booking")).toBe(questionKey("Annual Leave: booking"));
    expect(questionKey("organisation chart")).toBe(questionKey("organization charts"));
    expect(questionKey("annual leave")).not.toBe(questionKey("sick leave"));
  });
});

describe("buildContentGapReport", () => {
  // 2026-11-02 is a Monday; the range runs Wednesday 4th to Tuesday 17th, so three ISO weeks.
  const from = "2026-11-04";
  const to = "2026-11-17";

  it("counts totals and ISO weeks starting Monday, empty weeks included", () => {
    const report = buildContentGapReport(from, to, [asked("leave", "2026-11-04", false), asked("leave", "2026-11-16", true)], [rated("leave", "2026-11-16", true)]);
    expect(report.totals).toEqual({ searches: 2, noAnswer: 1, notHelpful: 0, helpful: 1 });
    expect(report.weeks).toEqual([
      { weekStart: "2026-11-02", searches: 1, noAnswer: 0, notHelpful: 0, helpful: 0 },
      { weekStart: "2026-11-09", searches: 0, noAnswer: 0, notHelpful: 0, helpful: 0 },
      { weekStart: "2026-11-16", searches: 1, noAnswer: 1, notHelpful: 0, helpful: 1 },
    ]);
  });

  it("lists grouped questions with no answer or poor feedback, worst first, with the usual wording", () => {
    const report = buildContentGapReport(
      from,
      to,
      [
        asked("Xylophone allowance?", "2026-11-05", true),
        asked("xylophone allowances", "2026-11-06", true, "tab"),
        asked("xylophone allowances", "2026-11-07", true, "message_extension"),
        asked("annual leave", "2026-11-05", false),
        asked("lone working", "2026-11-05", false),
        asked("parking", "2026-11-10", true),
      ],
      [rated("lone working", "2026-11-12", false), rated("annual leave", "2026-11-12", true)],
    );
    expect(report.gaps).toEqual([
      { query: "xylophone allowances", searches: 3, noAnswer: 3, notHelpful: 0, helpful: 0, lastAsked: "2026-11-07", channels: ["bot", "message_extension", "tab"] },
      // Equally bad and equally searched: the more recently asked first.
      { query: "lone working", searches: 1, noAnswer: 0, notHelpful: 1, helpful: 0, lastAsked: "2026-11-12", channels: ["bot", "tab"] },
      { query: "parking", searches: 1, noAnswer: 1, notHelpful: 0, helpful: 0, lastAsked: "2026-11-10", channels: ["bot"] },
    ]);
  });

  it("keeps at most MAX_REPORT_GAPS gaps", () => {
    const searches = Array.from({ length: MAX_REPORT_GAPS + 20 }, (_, i) => asked(`question number ${i} zz${i}`, "2026-11-05", true));
    expect(buildContentGapReport(from, to, searches, []).gaps).toHaveLength(MAX_REPORT_GAPS);
  });
});
