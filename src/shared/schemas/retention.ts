/**
 * Retention (issue 7): how long a group keeps its loops, comments, information posts and surveys,
 * and why. Shared by the server (validation, the purge's cut-off) and the web app (the form).
 */
import { z } from "zod";
import { Id, NO_CONTROL_CHARACTERS_MULTILINE } from "./accounts.js";

/** The periods offered as choices, in months; any whole number of days within the bounds is the custom choice. */
export const RETENTION_MONTH_CHOICES = [3, 6, 12, 24, 36] as const;
export const DEFAULT_RETENTION_PERIOD = "P3M";
/** A custom period is at least two weeks (the warning comes 14 days ahead) and at most ten years. */
export const MIN_RETENTION_DAYS = 14;
export const MAX_RETENTION_DAYS = 3650;
export const RETENTION_PURPOSE_MAX_LENGTH = 1000;
/** Nothing is removed sooner than this after a period is set or shortened: members are warned first. */
export const RETENTION_NOTICE_DAYS = 14;
/** The leaders' list shows what goes within this many days. */
export const RETENTION_QUEUE_DAYS = 14;

const PERIOD = /^P(?:(\d{1,2})M|(\d{1,4})D)$/;

/** The months or days of a period string, or null when it is not one of the allowed periods. */
export function parseRetentionPeriod(period: string): { months: number } | { days: number } | null {
  const m = PERIOD.exec(period);
  if (!m) return null;
  if (m[1] !== undefined) {
    const months = Number(m[1]);
    return (RETENTION_MONTH_CHOICES as readonly number[]).includes(months) ? { months } : null;
  }
  const days = Number(m[2]);
  return days >= MIN_RETENTION_DAYS && days <= MAX_RETENTION_DAYS ? { days } : null;
}

export const RetentionPeriod = z
  .string()
  .refine((p) => parseRetentionPeriod(p) !== null, { message: "A period of P3M, P6M, P12M, P24M, P36M or P<days>D (14–3650 days)." })
  .meta({
    description:
      "How long data is kept, as an ISO 8601 duration: P3M, P6M, P12M, P24M or P36M (months), or a custom number of days P<n>D with 14 ≤ n ≤ 3650.",
    example: "P6M",
  });

export const RetentionPurpose = z
  .string()
  .trim()
  .max(RETENTION_PURPOSE_MAX_LENGTH)
  .regex(NO_CONTROL_CHARACTERS_MULTILINE)
  .meta({ description: "Why the data is kept, in the leaders' words; shown to every member. Empty: not stated yet." });

/** A group's retention, as every member sees it. */
export const Retention = z
  .object({
    period: RetentionPeriod,
    purpose: z.string(),
  })
  .meta({ id: "Retention" });
export type Retention = z.infer<typeof Retention>;

/** Change a group's retention (or an organisation's defaults for new groups); either field alone. */
export const RetentionChange = z.object({ period: RetentionPeriod.optional(), purpose: RetentionPurpose.optional() });

/**
 * The instant `period` before `at`: data dated before it has passed the period. Months are
 * calendar months in UTC; a day that does not exist in the target month becomes its last day.
 */
export function periodBefore(at: Date, period: string): Date {
  return shift(at, period, -1);
}

/** The instant `period` after `at`. */
export function periodAfter(at: Date, period: string): Date {
  return shift(at, period, 1);
}

function shift(at: Date, period: string, sign: 1 | -1): Date {
  const p = parseRetentionPeriod(period) ?? { months: 3 };
  if ("days" in p) return new Date(at.getTime() + sign * p.days * 86_400_000);
  const d = new Date(at.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + sign * p.months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}

/** Whether `next` keeps data for less time than `previous` (from the same moment). */
export function isShorterPeriod(next: string, previous: string, at: Date): boolean {
  return periodBefore(at, next).getTime() > periodBefore(at, previous).getTime();
}

const QueuedItem = z.object({
  id: Id,
  /** The day the item is dated by (a loop's day, a post's creation, a survey's close). */
  date: z.string().meta({ description: "YYYY-MM-DD: the day the item is dated by." }),
  /** The first day it may be removed. */
  removalOn: z.string().meta({ description: "YYYY-MM-DD: from this day on the daily job removes it." }),
  title: z.string().nullable().meta({ description: "A post's or survey's title; null for a loop." }),
  link: z.string().meta({ description: "Where the item opens in the web app." }),
});

export const RetentionQueueKind = z.object({
  count: z.number().int(),
  /** The oldest few, oldest first. */
  oldest: z.array(QueuedItem),
});

export const RetentionQueue = z
  .object({
    retention: Retention,
    /** The list covers what goes up to this day (14 days ahead). */
    until: z.string().meta({ description: "YYYY-MM-DD: the list holds what is removed up to this day." }),
    loops: RetentionQueueKind,
    /** Comments in the threads of those loops (they go with them). */
    comments: z.object({ count: z.number().int() }),
    posts: RetentionQueueKind,
    surveys: RetentionQueueKind,
  })
  .meta({ id: "RetentionQueue" });
export type RetentionQueue = z.infer<typeof RetentionQueue>;
