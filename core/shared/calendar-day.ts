/**
 * Calendar days as "YYYY-MM-DD" strings. The query log keeps only the day a question was asked (never the time),
 * and reports count by day and ISO week, so day arithmetic is done on dates, not instants.
 */

/** The pattern of a calendar day. */
export const CALENDAR_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The time zone whose calendar the council works to: a question at 00:30 BST belongs to that day, not the one before. */
export const COUNCIL_TIME_ZONE = "Europe/London";

const councilDayFormat = new Intl.DateTimeFormat("en-CA", { timeZone: COUNCIL_TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });

/** The council's calendar day of an instant. */
export function councilDayOf(at: Date): string {
  return councilDayFormat.format(at);
}

/** The council's calendar day of an instant, as a date at midnight UTC: how day-only stamps are stored. */
export function councilMidnight(at: Date): Date {
  return new Date(`${councilDayOf(at)}T00:00:00.000Z`);
}

/** True for a real calendar day in "YYYY-MM-DD" form (not 2026-02-30). */
export function isCalendarDay(value: string): boolean {
  if (!CALENDAR_DAY.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** The day `days` after `day` (before, when negative). */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The day `months` calendar months before `day`, clamped to the month's end (31 March − 1 month → 28/29 February). */
export function subtractMonths(day: string, months: number): string {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  const first = new Date(Date.UTC(year, month - 1 - months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(date, lastDay));
  return first.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (0 for the same day). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The Monday starting the ISO week that holds `day`. */
export function weekStartOf(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}
