import { AppError } from "../../shared/app-error";
import { addDays, daysBetween, isCalendarDay } from "../../shared/calendar-day";

/** Days a report covers when no range is given: the last four weeks, today included. */
export const DEFAULT_REPORT_DAYS = 28;
/** Longest range a report may cover, inclusive: a year (a leap year included). */
export const MAX_REPORT_DAYS = 366;

/** A report's date range as given by the caller; either end may be absent. */
export interface ReportRangeInput {
  readonly from?: string;
  readonly to?: string;
}

/**
 * Resolves a report range against today: `to` defaults to today, `from` to DEFAULT_REPORT_DAYS before `to`.
 * Refuses (400) a day that does not exist, `from` after `to`, and a range longer than MAX_REPORT_DAYS.
 */
export function resolveReportRange(input: ReportRangeInput, today: string): { from: string; to: string } {
  for (const [name, value] of [["from", input.from], ["to", input.to]] as const) {
    if (value !== undefined && !isCalendarDay(value)) throw AppError.badRequest(`${name} must be a date as YYYY-MM-DD.`, [{ path: name, message: "must be a date as YYYY-MM-DD" }]);
  }
  const to = input.to ?? today;
  const from = input.from ?? addDays(to, -(DEFAULT_REPORT_DAYS - 1));
  if (from > to) throw AppError.badRequest("from must be on or before to.", [{ path: "from", message: "must be on or before to" }]);
  if (daysBetween(from, to) + 1 > MAX_REPORT_DAYS) {
    throw AppError.badRequest(`A report covers at most ${MAX_REPORT_DAYS} days.`, [{ path: "to", message: `at most ${MAX_REPORT_DAYS} days after from` }]);
  }
  return { from, to };
}
