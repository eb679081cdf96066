/**
 * Where a loop is listed (issue 6): `listed_on`, the organisation-local day it was sent on (the
 * organisation's time zone at that moment, never re-dated later), and `listed_at`, the instant
 * lists sort it by — its sending time, or for an anonymous loop the first instant of its local
 * day, so its place in a list tells no more than its date. Used by sending and by migration 0005.
 */
import { localDay } from "../../../shared/days.js";
import { zonedInstant } from "../checkins/schedule.js";

/** The first instant (ISO 8601 UTC) of a local day (YYYY-MM-DD) in the zone. */
export function dayStart(day: string, timeZone: string): string {
  const [year, month, dayOfMonth] = day.split("-").map(Number) as [number, number, number];
  return zonedInstant({ year, month, day: dayOfMonth, hour: 0, minute: 0 }, timeZone).toISOString();
}

/** The listing of a loop sent at `sentAt` (ISO 8601) in an organisation of `timeZone`. */
export function listingOf(sentAt: string, anonymous: boolean, timeZone: string): { listed_on: string; listed_at: string } {
  const listedOn = localDay(sentAt, timeZone);
  return { listed_on: listedOn, listed_at: anonymous ? dayStart(listedOn, timeZone) : sentAt };
}
