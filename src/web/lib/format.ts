/** Dates through Intl in the interface language. */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function formatDateTime(iso: string, language: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "short", ...(timeZone ? { timeZone } : {}) }).format(date);
}

/** "5 minutes ago" for the last week, then a plain date and time. */
export function formatRelative(iso: string, language: string, now: number = Date.now()): string {
  const time = new Date(iso).getTime();
  if (Number.isNaN(time)) return iso;
  const diff = time - now;
  const abs = Math.abs(diff);
  if (abs >= 7 * DAY) return formatDateTime(iso, language);
  const rtf = new Intl.RelativeTimeFormat(language, { numeric: "auto" });
  if (abs < MINUTE) return rtf.format(0, "second");
  if (abs < HOUR) return rtf.format(Math.round(diff / MINUTE), "minute");
  if (abs < DAY) return rtf.format(Math.round(diff / HOUR), "hour");
  return rtf.format(Math.round(diff / DAY), "day");
}

/**
 * The locale for dates: the interface language, in the browser's regional variant when the
 * browser prefers one ("en-GB" writes 29 Nov 2026, 21:05 where plain "en" writes Nov 29, 2026, 9:05 PM).
 */
export function formattingLocale(language: string): string {
  const preferred = typeof navigator === "undefined" ? [] : navigator.languages;
  return preferred.find((tag) => tag.toLowerCase().split("-")[0] === language) ?? language;
}

/** A date input's value ("2026-03-12") as local midnight, or null when it isn't a date. */
function parseDateInput(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The start of a chosen day (plus `addDays`) in this browser's time zone, as ISO 8601 UTC. */
export function startOfDayIso(value: string, addDays = 0): string | null {
  const date = parseDateInput(value);
  if (!date) return null;
  date.setDate(date.getDate() + addDays);
  return date.toISOString();
}

/** The last second of a chosen day in this browser's time zone, as ISO 8601 UTC. */
export function endOfDayIso(value: string): string | null {
  const date = parseDateInput(value);
  if (!date) return null;
  date.setHours(23, 59, 59, 0);
  return date.toISOString();
}

/** The local day of an ISO time, in a date input's format; "" for none. */
export function dateInputValue(iso: string | null): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * A time zone by its readable name in the interface language ("Central European Time",
 * "centraleuropeisk tid"); the IANA name where the browser has none but an offset ("GMT+00:00")
 * or does not know the zone.
 */
export function timeZoneLabel(timeZone: string, language: string): string {
  try {
    const parts = new Intl.DateTimeFormat(language, { timeZone, timeZoneName: "longGeneric" }).formatToParts(new Date());
    const name = parts.find((part) => part.type === "timeZoneName")?.value;
    return name && !/^(GMT|UTC)([+−-]|$)/.test(name) ? name : timeZone;
  } catch {
    return timeZone;
  }
}
