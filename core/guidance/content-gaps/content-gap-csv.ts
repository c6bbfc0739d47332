import type { ContentGapReport } from "./content-gap-report";

/** The CSV header row, fixed by the API contract. */
export const CONTENT_GAP_CSV_HEADER = ["query", "searches", "no_answer", "not_helpful", "helpful", "last_asked", "channels"] as const;

/** First characters that make a spreadsheet treat a cell as a formula (or hide it behind one). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell, safe to open in Excel: a cell a spreadsheet would run as a formula is prefixed with `'` (OWASP's
 * CSV injection advice), then quoted (RFC 4180) when it holds a comma, quote or line break.
 */
export function csvCell(value: string | number): string {
  let text = String(value);
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The report's gaps as CSV (CRLF line ends, header row first). Channels are joined with ";". */
export function contentGapCsv(report: ContentGapReport): string {
  const rows = [CONTENT_GAP_CSV_HEADER.join(",")];
  for (const gap of report.gaps) {
    rows.push([gap.query, gap.searches, gap.noAnswer, gap.notHelpful, gap.helpful, gap.lastAsked, gap.channels.join(";")].map(csvCell).join(","));
  }
  return `${rows.join("\r\n")}\r\n`;
}

/** The download's file name, fixed by the API contract. */
export function contentGapCsvFileName(report: Pick<ContentGapReport, "from" | "to">): string {
  return `council-hub-search-gaps-${report.from}-to-${report.to}.csv`;
}
