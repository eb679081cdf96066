/**
 * The period a statistics request covers: whole weeks, Monday to Sunday, in the organisation's
 * calendar. Snapping outward to whole weeks keeps every period a union of the weekly atoms of the
 * anonymity rule, so two periods never differ by less than a week (suppression.ts).
 */
import { addDays, localDay, weekStart, weeksOf } from "../../../shared/days.js";
import { MAX_STATISTICS_WEEKS, type StatisticsPeriod } from "../../../shared/schemas/statistics.js";
import { badRequest } from "../../http/errors.js";
import { assertPeriodOrder } from "../../http/validation.js";

/** The days statistics may cover: no loop is older, and week arithmetic stays within four-digit years. */
const EARLIEST_DAY = "2000-01-01";
const LATEST_DAY = "2999-12-31";

/** The weeks from `from`'s to `to`'s (days, YYYY-MM-DD), or a 400 naming the field. */
export function statisticsPeriod(from: string, to: string, timeZone: string, now: Date): StatisticsPeriod {
  if (from < EARLIEST_DAY) throw badRequest("validation", `Statistics start on ${EARLIEST_DAY} at the earliest.`, { from: "out_of_range" });
  if (to > LATEST_DAY) throw badRequest("validation", `Statistics end on ${LATEST_DAY} at the latest.`, { to: "out_of_range" });
  assertPeriodOrder(from, to);
  const monday = weekStart(from);
  const sunday = addDays(weekStart(to), 6);
  const weeks = weeksOf(monday, sunday);
  if (weeks.length > MAX_STATISTICS_WEEKS) throw badRequest("validation", `A period of at most ${MAX_STATISTICS_WEEKS} weeks can be shown.`, { to: "too_long" });
  return { from: monday, to: sunday, weeks, timeZone, today: localDay(now, timeZone) };
}
