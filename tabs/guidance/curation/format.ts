/** Dates as council staff read them: "26 November 2026". */
const DATE_FORMAT = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric" });
/** A calendar day ("2026-11-26") names no time zone: formatted as written, wherever the reader is. */
const DAY_FORMAT = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
const CALENDAR_DAY = /^\d{4}-\d{2}-\d{2}$/;
/** With the time, for "last saved" lines: "26 November 2026 at 21:40". */
const DATE_TIME_FORMAT = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit" });
/** Whole numbers with thousands separators: "1,234". */
const COUNT_FORMAT = new Intl.NumberFormat("en-GB");

/** Formats an ISO date or date-time as a date; anything unreadable is shown as it came. */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return (CALENDAR_DAY.test(iso) ? DAY_FORMAT : DATE_FORMAT).format(date);
}

/** Formats an ISO date-time with its time of day. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : DATE_TIME_FORMAT.format(date);
}

/** Formats a count. */
export function formatCount(n: number): string {
  return COUNT_FORMAT.format(n);
}

/** Where a question was asked, in words. */
export function channelLabel(channel: string): string {
  const labels: Record<string, string> = { bot: "Bot", tab: "Guidance tab", message_extension: "Message extension", cli: "Command line" };
  return labels[channel] ?? channel;
}

/** A date-time as `YYYY-MM-DD` (UTC), for a date input. */
export function toDateInput(iso: string | undefined): string {
  if (!iso) return "";
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? "" : date.toISOString().slice(0, 10);
}

/** "1 group", "3 groups"; irregular plurals are passed in ("search", "searches"). */
export function plural(n: number, noun: string, nouns: string = `${noun}s`): string {
  return `${formatCount(n)} ${n === 1 ? noun : nouns}`;
}
