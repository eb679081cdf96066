/**
 * When a weekly check-in happens: pure functions over `Intl`, no dependency. A check-in is "every
 * <ISO weekday> at <HH:MM>" in the organisation's IANA time zone, so its UTC instant moves by an
 * hour across a daylight-saving change while the local time stays put.
 *
 * Two local times need a rule (design.md is silent):
 *   - a time that does not exist (spring forward, e.g. 02:30 on the last Sunday of March in
 *     Europe/Stockholm) happens at the first valid instant after the gap: the moment the clocks
 *     jump (03:00 local). Members get it at the earliest moment that day the time "has come";
 *   - a time that exists twice (fall back, e.g. 02:30 on the last Sunday of October) happens at
 *     the first of the two, so it is never asked twice.
 */

const DAY_MS = 86_400_000;

/** Local wall-clock fields of an instant in a time zone. */
interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock time of `instant` (ms) in the zone, to the second (as UTC milliseconds of that wall time). */
function wallMs(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(instant))) {
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  }
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour! % 24, parts.minute!, parts.second!);
}

/** The zone's offset from UTC at an instant, in ms (whole seconds; sub-second parts dropped). */
function offsetAt(instant: number, timeZone: string): number {
  const whole = Math.floor(instant / 1000) * 1000;
  return wallMs(whole, timeZone) - whole;
}

/**
 * The UTC instant of a local wall time in the zone: the first of two when it happens twice, the
 * end of the gap (when the clocks jump) when it does not exist.
 */
export function zonedInstant(wall: WallTime, timeZone: string): Date {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  // Offsets in force a day either side cover any single transition near the wall time.
  const candidates = [...new Set([asUtc - offsetAt(asUtc - DAY_MS, timeZone), asUtc - offsetAt(asUtc + DAY_MS, timeZone), asUtc - offsetAt(asUtc, timeZone)])];
  const valid = candidates.filter((t) => wallMs(t, timeZone) === asUtc).sort((a, b) => a - b);
  if (valid.length > 0) return new Date(valid[0]!);
  // In a gap: every candidate maps to a wall time either side of it. The clocks jump at the one
  // instant between them where the offset changes; find it to the second.
  const sorted = candidates.sort((a, b) => a - b);
  let lo = sorted[0]!;
  let hi = sorted[sorted.length - 1]!;
  const before = offsetAt(lo, timeZone);
  while (hi - lo > 1000) {
    const mid = Math.floor((lo + hi) / 2000) * 1000;
    if (offsetAt(mid, timeZone) === before) lo = mid;
    else hi = mid;
  }
  return new Date(hi);
}

/** ISO weekday (1 Monday … 7 Sunday) of a calendar date. */
function isoWeekday(year: number, month: number, day: number): number {
  const d = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return d === 0 ? 7 : d;
}

/** "HH:MM" → [hours, minutes]; throws on anything else (the API's schema refuses it first). */
export function parseTimeOfDay(time: string): [number, number] {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!m) throw new Error(`not a time of day: ${time}`);
  return [Number(m[1]), Number(m[2])];
}

/**
 * The first instant strictly after `after` that is `weekday` (ISO, 1 Monday … 7 Sunday) at
 * `time` ("HH:MM") in `timeZone`, with the rules of this file's header for DST changes.
 */
export function nextOccurrence(after: Date, weekday: number, time: string, timeZone: string): Date {
  const [hour, minute] = parseTimeOfDay(time);
  const today = new Date(wallMs(after.getTime(), timeZone));
  // Today's slot may still be ahead; at most eight calendar days reach the next one.
  for (let i = 0; i <= 8; i++) {
    const date = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + i));
    const wall = { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour, minute };
    if (isoWeekday(wall.year, wall.month, wall.day) !== weekday) continue;
    const instant = zonedInstant(wall, timeZone);
    if (instant.getTime() > after.getTime()) return instant;
  }
  throw new Error("no occurrence within eight days"); // unreachable for weekday 1..7
}

/**
 * The latest occurrence at or before `now`, given that `due` (an occurrence) is at or before it:
 * after a gap of many weeks (the server was down) only this one is created, not a burst.
 */
export function latestDue(due: Date, now: Date, weekday: number, time: string, timeZone: string): Date {
  let latest = due;
  // Search from at most eight days back, so a gap of many weeks costs two steps, not one per week.
  let cursor = new Date(Math.max(due.getTime(), now.getTime() - 8 * DAY_MS));
  for (;;) {
    const next = nextOccurrence(cursor, weekday, time, timeZone);
    if (next.getTime() > now.getTime()) return latest;
    latest = next;
    cursor = next;
  }
}
