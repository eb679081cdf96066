/**
 * Calendar days as "YYYY-MM-DD" strings, and the organisation's weeks (Monday first). A day is a
 * date on the organisation's calendar, not an instant: `localDay` turns an instant into the date it
 * was in a time zone. Pure functions, shared by the server and the web app.
 */

const DAY_MS = 86_400_000;

const toUtc = (day: string): number => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
const fromUtc = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** The day `n` days after `day` (before, when negative). */
export function addDays(day: string, n: number): string {
  return fromUtc(toUtc(day) + n * DAY_MS);
}

/** Whole days from `from` to `to` (0 when equal, negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY_MS);
}

/** ISO weekday of the day: 1 Monday … 7 Sunday. */
export function weekdayOf(day: string): number {
  const d = new Date(toUtc(day)).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The Monday of the day's week. */
export function weekStart(day: string): string {
  return addDays(day, 1 - weekdayOf(day));
}

/** ISO 8601 week number (1–53) of the day. */
export function isoWeek(day: string): number {
  const thursday = addDays(day, 4 - weekdayOf(day));
  const jan1 = `${thursday.slice(0, 4)}-01-01`;
  return Math.floor(daysBetween(jan1, thursday) / 7) + 1;
}

/** The Mondays of the weeks from `from`'s week to `to`'s week, in order. */
export function weeksOf(from: string, to: string): string[] {
  const weeks: string[] = [];
  for (let w = weekStart(from); w <= to; w = addDays(w, 7)) weeks.push(w);
  return weeks;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar day an instant falls on in the time zone (IANA name). */
export function localDay(instant: Date | string, timeZone: string): string {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    formatters.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(typeof instant === "string" ? new Date(instant) : instant).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}
