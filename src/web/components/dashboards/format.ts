/** Days and weeks of the dashboards, through Intl in the interface language (numbers: charts' useNumberFormat). */
import type { TFunction } from "i18next";
import { addDays, isoWeek } from "../../../shared/days.js";

const asDate = (day: string) => new Date(`${day}T12:00:00Z`);

/** "5 Jan 2026" (a calendar day, whatever the browser's zone). */
export function formatDay(day: string, locale: string, options: Intl.DateTimeFormatOptions = { day: "numeric", month: "short", year: "numeric" }): string {
  return new Intl.DateTimeFormat(locale, { ...options, timeZone: "UTC" }).format(asDate(day));
}

/** "5 Jan – 1 Mar 2026": the two days as one range, without repeating what they share. */
export function formatDayRange(from: string, to: string, locale: string): string {
  const format = new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
  return format.formatRange(asDate(from), asDate(to));
}

/** A week's full name for tables and accessible names: "Week 47 (17–23 Nov 2025)". */
export function weekName(t: TFunction, monday: string, locale: string): string {
  const range = new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", timeZone: "UTC" }).formatRange(asDate(monday), asDate(addDays(monday, 6)));
  return t("dashboardPeriod.weekName", { week: isoWeek(monday), range });
}

/** A week as a chart's bar or column: its Monday as key, its number under the bar, its full name. */
export function weekBar(t: TFunction, monday: string, locale: string): { key: string; label: string; name: string } {
  return { key: monday, label: String(isoWeek(monday)), name: weekName(t, monday, locale) };
}
