/** Days in the report's default range, as the host's default (the last 28 days, today included). */
export const DEFAULT_REPORT_DAYS = 28;

/**
 * `YYYY-MM-DD` of a date in UTC. The host counts days in Europe/London; around midnight in summer the two differ by
 * a day, which only moves the default range's ends, and the tab shows the range the host used.
 */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The default range: the last 28 days up to today. */
export function defaultRange(now: Date = new Date()): { from: string; to: string } {
  const from = new Date(now.getTime() - (DEFAULT_REPORT_DAYS - 1) * 86_400_000);
  return { from: isoDay(from), to: isoDay(now) };
}

/** Problems with a range as typed, per end; empty when it can be asked for. */
export function checkRange(from: string, to: string): { from?: string; to?: string } {
  const day = /^\d{4}-\d{2}-\d{2}$/;
  if (!day.test(from)) return { from: "Enter the first day of the report." };
  if (!day.test(to)) return { to: "Enter the last day of the report." };
  if (from > to) return { to: "The last day must be the same as or after the first day." };
  return {};
}
