import { contentGapCsv, contentGapCsvFileName, csvCell } from "./content-gap-csv";
import type { ContentGapReport } from "./content-gap-report";

describe("content-gap CSV", () => {
  it.each([
    ["=1+2", "'=1+2"],
    ["+44 1234", "'+44 1234"],
    ["-2", "'-2"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tx", "'\tx"],
    ["\rx", `"'\rx"`],
    ['=HYPERLINK("http://evil","click")', `"'=HYPERLINK(""http://evil"",""click"")"`],
    ["leave, annual", '"leave, annual"'],
    ['say "hi"', '"say ""hi"""'],
    ["line\nbreak", '"line\nbreak"'],
    ["annual leave", "annual leave"],
  ])("escapes %p as %p", (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it("leaves numbers alone", () => {
    expect(csvCell(-1)).toBe("-1");
  });

  it("writes the contract's header and one row per gap, CRLF", () => {
    const report: ContentGapReport = {
      from: "2026-11-01",
      to: "2026-11-28",
      totals: { searches: 3, noAnswer: 2, notHelpful: 1, helpful: 0 },
      weeks: [],
      gaps: [{ query: "=cmd", searches: 3, noAnswer: 2, notHelpful: 1, helpful: 0, lastAsked: "2026-11-20", channels: ["bot", "tab"] }],
    };
    expect(contentGapCsv(report)).toBe("query,searches,no_answer,not_helpful,helpful,last_asked,channels\r\n'=cmd,3,2,1,0,2026-11-20,bot;tab\r\n");
    expect(contentGapCsvFileName(report)).toBe("council-hub-search-gaps-2026-11-01-to-2026-11-28.csv");
  });
});
