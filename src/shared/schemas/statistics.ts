/**
 * Request and response schemas of the statistics (issue 6): the group dashboard (leaders and
 * tutors), the sender's own view and the organisation dashboard (administrators). Shared by server
 * and web app. Every figure is computed on the server.
 *
 * Anonymity (design.md §7.4). Statistics cover whole weeks (Monday–Sunday in the organisation's
 * time zone). Named loops are always counted: a group's leaders and tutors may read those loops
 * with their sender anyway, and an organisation's administrators get only counts per group and
 * week. Anonymous loops are counted through fixed "atoms" — one group, one
 * week, and at most one value (an emoji, a tag) — and an atom counts only when its anonymous loops
 * come from at least k distinct people (`minSenders`, an organisation setting, never below 3)
 * other than the reader: their own anonymous loops are counted but never help reach k. A week's
 * anonymous loops count only once the week is over (the organisation's current week waits).
 * An atom that does not count is left out of every figure, totals included, and the figures it
 * belongs to say `withheld`. Every total is therefore the sum of parts that may be shown, and as
 * the atoms do not depend on the period asked for, no difference of two periods, filters or
 * totals can isolate a hidden atom. Distinct-people counts (senders, participation, completion)
 * are over named loops only: anonymous senders are never counted as people.
 */
import { z } from "zod";
import { Id } from "./accounts.js";
import { Day, Person } from "./loops.js";
import { TagColour } from "./tasks.js";

/** The fewest distinct senders an anonymous atom needs by default, and the lowest an organisation may set. */
export const DEFAULT_MIN_SENDERS = 5;
export const LOWEST_MIN_SENDERS = 3;
export const HIGHEST_MIN_SENDERS = 50;
export const MinSenders = z
  .number()
  .int()
  .min(LOWEST_MIN_SENDERS)
  .max(HIGHEST_MIN_SENDERS)
  .meta({ description: "k: the fewest distinct people whose anonymous loops a statistic may show (3–50, default 5)." });

/** The longest period one request covers, in weeks. */
export const MAX_STATISTICS_WEEKS = 53;
export const DEFAULT_INACTIVE_DAYS = 14;

export const StatisticsQuery = z.object({
  from: Day.meta({ description: "First day (YYYY-MM-DD); the period starts on the Monday of its week." }),
  to: Day.meta({ description: "Last day (YYYY-MM-DD); the period ends on the Sunday of its week. At most 53 weeks in all." }),
});
export type StatisticsQuery = z.infer<typeof StatisticsQuery>;
export const GroupStatisticsQuery = StatisticsQuery.extend({
  inactiveDays: z.coerce
    .number()
    .int()
    .min(1)
    .max(365)
    .default(DEFAULT_INACTIVE_DAYS)
    .meta({ description: "Participation: a member is listed as quiet when their last named loop is older than this many days." }),
});
export const MyStatisticsQuery = StatisticsQuery.extend({ groupId: Id.optional() });

export const StatisticsPeriod = z.object({
  /** The Monday the period starts on. */
  from: Day,
  /** The Sunday the period ends on. */
  to: Day,
  /** The period's weeks by their Mondays, oldest first. */
  weeks: z.array(Day),
  timeZone: z.string(),
  /** The organisation's today, for "quiet for N days". */
  today: Day,
});
export type StatisticsPeriod = z.infer<typeof StatisticsPeriod>;

/**
 * A count of loops: named ones plus the anonymous atoms that may be shown. `withheld`: anonymous
 * loops belong here but are left out, as fewer than k people sent them that week; with a value
 * of 0 the web app says "too few to show".
 */
export const Figure = z.object({ value: z.number().int().nonnegative(), withheld: z.boolean() }).meta({ id: "StatisticsFigure" });
export type Figure = z.infer<typeof Figure>;
/** Five figures, for the emoji 1 … 5 (index 0 is emoji 1). */
export const EmojiFigures = z.array(Figure).length(5);

export const TagRef = z.object({ id: Id, name: z.string(), colour: TagColour.nullable(), archived: z.boolean() });
export type TagRef = z.infer<typeof TagRef>;
export const TaskRef = z.object({ id: Id, title: z.string() });
export type TaskRef = z.infer<typeof TaskRef>;

export const GroupStatistics = z
  .object({
    groupId: Id,
    period: StatisticsPeriod,
    minSenders: MinSenders,
    /** Who may send loops in the group now (senders; every member of a flat group). */
    members: z.number().int(),
    totals: z.object({
      loops: Figure,
      namedLoops: z.number().int(),
      anonymousLoops: Figure,
      /** Comments in the threads of the period's loops (anonymous threads by the same atoms as their loops). */
      comments: Figure,
      /** Distinct people with a named loop in the period. */
      namedSenders: z.number().int(),
      /** Share (0–1) of the period's named loops that have an answer; null without named loops. */
      answeredShare: z.number().nullable(),
      /** Median hours from a named loop to its first answer, over the answered ones; null when none. */
      medianHoursToAnswer: z.number().nullable(),
    }),
    weeks: z.array(
      z.object({
        week: Day,
        loops: Figure,
        emoji: EmojiFigures,
        /** Mean emoji (1–5) over what is shown that week; null when nothing is. */
        meanEmoji: z.number().nullable(),
      }),
    ),
    /** The period's emoji distribution. */
    emoji: EmojiFigures,
    /** Tags by use in the period, most used first; only tags with loops (or withheld ones). */
    tags: z.array(z.object({ tag: TagRef, loops: Figure })),
    /** Named loops only: anonymous loops never belong to a task. Tasks published or with loops in the period, in the group's order. */
    tasks: z.array(
      z.object({
        task: TaskRef,
        loops: z.number().int(),
        senders: z.number().int(),
        /** senders / members; null when the group has no members who send. */
        completion: z.number().nullable(),
        approved: z.number().int(),
        meanEmoji: z.number().nullable(),
      }),
    ),
    /** Task × tag: rows are tasks (named loops) and a last row of free loops (taskId null, anonymous atoms included). */
    heatmap: z.object({
      tags: z.array(TagRef),
      rows: z.array(z.object({ task: TaskRef.nullable(), cells: z.array(Figure) })),
    }),
    /** Named loops only, for every member who may send. */
    participation: z.object({
      inactiveDays: z.number().int(),
      members: z.array(
        z.object({
          person: Person,
          loops: z.number().int(),
          /** The day of their latest named loop in this group, any time; null when none. */
          lastLoopOn: Day.nullable(),
          /** No named loop in the last `inactiveDays` days. */
          quiet: z.boolean(),
        }),
      ),
    }),
  })
  .meta({ id: "GroupStatistics" });
export type GroupStatistics = z.infer<typeof GroupStatistics>;

export const MyStatistics = z
  .object({
    period: StatisticsPeriod,
    /** The viewer's own loops (anonymous ones included: they are theirs). */
    totals: z.object({ loops: z.number().int(), comments: z.number().int(), meanEmoji: z.number().nullable() }),
    weeks: z.array(z.object({ week: Day, loops: z.number().int(), meanEmoji: z.number().nullable() })),
    emoji: z.array(z.number().int()).length(5),
    tags: z.array(z.object({ tag: TagRef, groupId: Id, loops: z.number().int() })),
    /** Published tasks of the groups the viewer sends loops in (any time, not just the period). */
    tasks: z.array(
      z.object({
        group: z.object({ id: Id, name: z.string() }),
        task: TaskRef,
        state: z.enum(["not_sent", "sent", "approved"]),
      }),
    ),
  })
  .meta({ id: "MyStatistics" });
export type MyStatistics = z.infer<typeof MyStatistics>;

export const OrganisationStatistics = z
  .object({
    organisationId: Id,
    period: StatisticsPeriod,
    minSenders: MinSenders,
    totals: z.object({
      groups: z.number().int(),
      activeGroups: z.number().int(),
      /** Groups with at least one loop counted in the period. */
      groupsWithLoops: z.number().int(),
      /** Members of the organisation. */
      members: z.number().int(),
      /** Distinct people with a named loop in the period, across groups. */
      namedSenders: z.number().int(),
      loops: Figure,
    }),
    weeks: z.array(z.object({ week: Day, loops: Figure, namedSenders: z.number().int(), groupsWithLoops: z.number().int() })),
    /** Every group of the organisation, most loops first. */
    groups: z.array(
      z.object({
        group: z.object({ id: Id, name: z.string(), active: z.boolean() }),
        /** Who may send loops in the group now. */
        members: z.number().int(),
        loops: Figure,
        namedSenders: z.number().int(),
        /** Loops per week, aligned with period.weeks (anonymous atoms that may not be shown left out). */
        weeks: z.array(z.number().int()),
      }),
    ),
  })
  .meta({ id: "OrganisationStatistics" });
export type OrganisationStatistics = z.infer<typeof OrganisationStatistics>;
