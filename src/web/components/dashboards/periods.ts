/**
 * The periods a dashboard offers: a few named ones that end today (this week, the last four
 * weeks, this month, this term, the last twelve months) or two chosen days. The server snaps
 * every period outward to whole weeks (Monday–Sunday) and allows at most 53 of them; these pure
 * functions only turn a choice into its first and last day, and read and write it in the address
 * (`?period=term` or `?from=…&to=…`), so a dashboard can be bookmarked and shared.
 */
import { MAX_STATISTICS_WEEKS } from "../../../shared/schemas/statistics.js";
import { addDays, weekStart, weeksOf } from "../../../shared/days.js";

export const PERIOD_PRESETS = ["week", "fourWeeks", "month", "term", "year"] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];
export const DEFAULT_PRESET: PeriodPreset = "term";

export type PeriodChoice = { preset: PeriodPreset } | { preset: "custom"; from: string; to: string };

export interface PeriodRange {
  from: string;
  to: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Whether the text is a real calendar day as YYYY-MM-DD. */
export function isDay(value: string): boolean {
  if (!DAY.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * The term a day falls in, as Swedish schools count them: the spring term from 1 January, the
 * autumn term from 1 August; July still belongs to the spring term just ended.
 */
export function termStart(today: string): string {
  const year = today.slice(0, 4);
  return Number(today.slice(5, 7)) >= 8 ? `${year}-08-01` : `${year}-01-01`;
}

/** The first and last day of a choice, today being `today` (in the organisation's calendar). */
export function periodRange(choice: PeriodChoice, today: string): PeriodRange {
  switch (choice.preset) {
    case "custom":
      return { from: choice.from, to: choice.to };
    case "week":
      return { from: weekStart(today), to: today };
    case "fourWeeks":
      return { from: addDays(weekStart(today), -21), to: today };
    case "month":
      return { from: `${today.slice(0, 8)}01`, to: today };
    case "term":
      return { from: termStart(today), to: today };
    case "year":
      return { from: addDays(weekStart(today), -7 * 51), to: today };
  }
}

export type PeriodProblem = "fromMissing" | "toMissing" | "toBeforeFrom" | "tooLong";

/** What is wrong with two chosen days, field by field (the server would answer 400 for these). */
export function periodProblems(from: string, to: string): { from?: PeriodProblem; to?: PeriodProblem } {
  const problems: { from?: PeriodProblem; to?: PeriodProblem } = {};
  if (!isDay(from)) problems.from = "fromMissing";
  if (!isDay(to)) problems.to = "toMissing";
  if (problems.from || problems.to) return problems;
  if (to < from) return { to: "toBeforeFrom" };
  if (weeksOf(from, to).length > MAX_STATISTICS_WEEKS) return { to: "tooLong" };
  return problems;
}

/** The choice in an address's parameters; the default when there is none or it is not valid. */
export function readPeriod(params: URLSearchParams): PeriodChoice {
  const from = params.get("from");
  const to = params.get("to");
  if (from !== null && to !== null) {
    const problems = periodProblems(from, to);
    if (!problems.from && !problems.to) return { preset: "custom", from, to };
  }
  const preset = params.get("period");
  return { preset: (PERIOD_PRESETS as readonly string[]).includes(preset ?? "") ? (preset as PeriodPreset) : DEFAULT_PRESET };
}

/** The address's parameters with the choice written in (other parameters kept). */
export function writePeriod(params: URLSearchParams, choice: PeriodChoice): URLSearchParams {
  const next = new URLSearchParams(params);
  next.delete("period");
  next.delete("from");
  next.delete("to");
  if (choice.preset === "custom") {
    next.set("from", choice.from);
    next.set("to", choice.to);
  } else if (choice.preset !== DEFAULT_PRESET) {
    next.set("period", choice.preset);
  }
  return next;
}
