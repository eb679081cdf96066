/**
 * The period a statistics request covers: whole weeks, Monday to Sunday, in the organisation's
 * calendar. Snapping outward to whole weeks keeps every period a union of the weekly atoms of the
 * anonymity rule, so two periods never differ by less than a week (suppression.ts).
 */
import { addDays, localDay, weekStart, weeksOf } from "../../../shared/days.js";
import { MAX_STATISTICS_WEEKS, type StatisticsPeriod } from "../../../shared/schemas/statistics.js";
import { badRequest } from "../../http/errors.js";

/** The weeks from `from`'s to `to`'s (days, YYYY-MM-DD), or a 400 naming `to`. */
export function statisticsPeriod(from: string, to: string, timeZone: string, now: Date): StatisticsPeriod {
  if (to < from) throw badRequest("validation", "The period ends before it starts.", { to: "before_from" });
  const monday = weekStart(from);
  const sunday = addDays(weekStart(to), 6);
  const weeks = weeksOf(monday, sunday);
  if (weeks.length > MAX_STATISTICS_WEEKS) throw badRequest("validation", `A period of at most ${MAX_STATISTICS_WEEKS} weeks can be shown.`, { to: "too_long" });
  return { from: monday, to: sunday, weeks, timeZone, today: localDay(now, timeZone) };
}
