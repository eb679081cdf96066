/**
 * What the statistics module reads from the loops tables, as aggregates grouped in SQL: a group's
 * loops of a period (by day on `listed_on`), a person's own, and the organisation's roll-ups
 * (`loop_activity_group_weeks` and the named senders' bits, derived from `loop_activity_weeks`). Anonymous loops come back per sender only as opaque groups for the
 * anonymity rule (statistics/suppression.ts); no function here returns loop rows.
 */
import { PostgresAdapter, sql } from "kysely";
import { compiledOnce } from "../../db/compiled.js";
import { WEEKS_PER_BLOCK, blockOf, weekNumber } from "./activity-bits.js";
import type { DbOrTx } from "../../db/index.js";
import { loopsListedIn } from "./queries.js";

/** Days (YYYY-MM-DD, inclusive) on the loops' `listed_on`. */
export interface DayRange {
  from: string;
  to: string;
}

/** A group's loops of one day and emoji: the named ones together, the anonymous ones per sender. */
export interface LoopDayCell {
  day: string;
  emoji: number;
  anonymous: boolean;
  /** The sender of anonymous loops (never shown: the anonymity rule counts them); null for named ones. */
  senderId: string | null;
  loops: number;
  comments: number;
  /** Loops with an answer. */
  answered: number;
}

/** A group's tagged loops of a period: named ones per task and tag, anonymous ones per day, tag and sender. */
export interface TagCell {
  taskId: string | null;
  tagId: string;
  anonymous: boolean;
  /** For anonymous loops: their day and sender; null for named ones. */
  day: string | null;
  senderId: string | null;
  loops: number;
}

/** A task's named loops of a period. */
export interface TaskCell {
  taskId: string;
  loops: number;
  senders: number;
  /** Senders with a report approved. */
  approved: number;
  emojiSum: number;
}

/** One person's named loops in the group: in the period, and the day of their latest ever. */
export interface SenderActivity {
  senderId: string;
  loops: number;
  lastDay: string;
}


// Named and anonymous loops apart: each GROUP BY is then on plain columns (a CASE in it cost a
// larger sort), and the anonymous rows, a few per cent, are the only ones grouped per sender.
const namedDayCells = compiledOnce(4, (db, org, group, from, to) =>
  loopsListedIn(db, org!, group!, from!, to!)
    .where("is_anonymous", "=", false)
    .select((eb) => [
      "listed_on",
      "emoji",
      eb.fn.countAll<number>().as("loop_count"),
      eb.fn.sum<number>("comment_count").as("comment_count"),
      eb.fn.sum<number>(eb.case().when("is_answered", "=", true).then(1).else(0).end()).as("answered_count"),
    ])
    .groupBy(["listed_on", "emoji"]),
);
const anonymousDayCells = compiledOnce(4, (db, org, group, from, to) =>
  loopsListedIn(db, org!, group!, from!, to!)
    .where("is_anonymous", "=", true)
    .select((eb) => [
      "listed_on",
      "emoji",
      "sender_id",
      eb.fn.countAll<number>().as("loop_count"),
      eb.fn.sum<number>("comment_count").as("comment_count"),
      eb.fn.sum<number>(eb.case().when("is_answered", "=", true).then(1).else(0).end()).as("answered_count"),
    ])
    .groupBy(["listed_on", "sender_id", "emoji"]),
);

/** The group's loops of the range by day and emoji (anonymous ones per sender too). */
export async function groupLoopCells(db: DbOrTx, organisationId: string, groupId: string, range: DayRange): Promise<LoopDayCell[]> {
  const [named, anonymous] = await Promise.all([
    namedDayCells(db, organisationId, groupId, range.from, range.to),
    anonymousDayCells(db, organisationId, groupId, range.from, range.to),
  ]);
  const cell = (r: (typeof named)[number], senderId: string | null): LoopDayCell => ({
    day: r.listed_on,
    emoji: Number(r.emoji),
    anonymous: senderId !== null,
    senderId,
    loops: Number(r.loop_count),
    comments: Number(r.comment_count ?? 0),
    answered: Number(r.answered_count ?? 0),
  });
  return [...named.map((r) => cell(r, null)), ...anonymous.map((r) => cell(r, r.sender_id))];
}

const tagsOfGroup = (db: DbOrTx, org: string, group: string, from: string, to: string) =>
  db.selectFrom("loop_tags").where("organisation_id", "=", org).where("group_id", "=", group).where("listed_on", ">=", from).where("listed_on", "<=", to);
// loop_tags carries its loop's group, day, anonymity, task and sender (migration 0005): one index,
// no join; named and anonymous apart, as for the days.
const namedTagCells = compiledOnce(4, (db, org, group, from, to) =>
  tagsOfGroup(db, org!, group!, from!, to!)
    .where("is_anonymous", "=", false)
    .select((eb) => ["task_id", "tag_id", eb.fn.countAll<number>().as("loop_count")])
    .groupBy(["task_id", "tag_id"]),
);
const anonymousTagCells = compiledOnce(4, (db, org, group, from, to) =>
  tagsOfGroup(db, org!, group!, from!, to!)
    .where("is_anonymous", "=", true)
    .select((eb) => ["listed_on", "sender_id", "tag_id", eb.fn.countAll<number>().as("loop_count")])
    .groupBy(["listed_on", "sender_id", "tag_id"]),
);

/** The group's tagged loops of the range: named per task and tag, anonymous per day, tag and sender. */
export async function groupTagCells(db: DbOrTx, organisationId: string, groupId: string, range: DayRange): Promise<TagCell[]> {
  const [named, anonymous] = await Promise.all([
    namedTagCells(db, organisationId, groupId, range.from, range.to),
    anonymousTagCells(db, organisationId, groupId, range.from, range.to),
  ]);
  return [
    ...named.map((r) => ({ taskId: r.task_id, tagId: r.tag_id, anonymous: false, day: null, senderId: null, loops: Number(r.loop_count) })),
    // Anonymous loops never have a task (loops_anonymous_free_ck).
    ...anonymous.map((r) => ({ taskId: null, tagId: r.tag_id, anonymous: true, day: r.listed_on, senderId: r.sender_id, loops: Number(r.loop_count) })),
  ];
}

const taskCells = compiledOnce(4, (db, org, group, from, to) =>
  loopsListedIn(db, org!, group!, from!, to!)
    .where("task_id", "is not", null)
    .select((eb) => [
      "task_id",
      eb.fn.countAll<number>().as("loop_count"),
      eb.fn.count<number>("sender_id").distinct().as("sender_count"),
      eb.fn.count<number>(eb.case().when("approved_at", "is not", null).then(eb.ref("sender_id")).end()).distinct().as("approved_count"),
      eb.fn.sum<number>("emoji").as("emoji_sum"),
    ])
    .groupBy("task_id"),
);

/** The group's reports of the range per task (reports are never anonymous). */
export async function groupTaskCells(db: DbOrTx, organisationId: string, groupId: string, range: DayRange): Promise<TaskCell[]> {
  const rows = await taskCells(db, organisationId, groupId, range.from, range.to);
  return rows.map((r) => ({
    taskId: r.task_id as string,
    loops: Number(r.loop_count),
    senders: Number(r.sender_count),
    approved: Number(r.approved_count),
    emojiSum: Number(r.emoji_sum ?? 0),
  }));
}

const senderActivity = compiledOnce(4, (db, from, to, org, group) =>
  db
    .selectFrom("loops")
    .select((eb) => [
      "sender_id",
      eb.fn
        .count<number>(eb.case().when(eb.and([eb("listed_on", ">=", from!), eb("listed_on", "<=", to!)])).then(1).end())
        .as("loop_count"),
      eb.fn.max("listed_on").as("last_day"),
    ])
    .where("organisation_id", "=", org!)
    .where("group_id", "=", group!)
    .where("is_anonymous", "=", false)
    .groupBy("sender_id"),
);

/** Per person with a named loop in the group ever: their named loops in the range and the day of their latest. */
export async function groupSenderActivity(db: DbOrTx, organisationId: string, groupId: string, range: DayRange): Promise<SenderActivity[]> {
  const rows = await senderActivity(db, range.from, range.to, organisationId, groupId);
  return rows.map((r) => ({ senderId: r.sender_id, loops: Number(r.loop_count), lastDay: r.last_day }));
}

// The hours computed by the database: a number a row instead of two timestamps to parse (the
// group dashboard reads about 1,800 of them). Timestamps are timestamptz on PostgreSQL and ISO 8601
// text on SQLite, so the arithmetic is the dialect's own.
const answerTimes = compiledOnce(4, (db, org, group, from, to) =>
  loopsListedIn(db, org!, group!, from!, to!)
    .where("is_anonymous", "=", false)
    .where("answered_at", "is not", null)
    .select(
      (db.getExecutor().adapter instanceof PostgresAdapter
        ? sql<number>`cast(extract(epoch from (answered_at - created_at)) / 3600 as double precision)`
        : sql<number>`(julianday(answered_at) - julianday(created_at)) * 24`
      ).as("hours"),
    ),
);

/** The median hours from a named loop of the range to its first answer, over the answered ones; null when none. */
export async function medianHoursToAnswer(db: DbOrTx, organisationId: string, groupId: string, range: DayRange): Promise<number | null> {
  const rows = await answerTimes(db, organisationId, groupId, range.from, range.to);
  const hours = rows.map((r) => Number(r.hours)).sort((a, b) => a - b);
  if (hours.length === 0) return null;
  const mid = hours.length >> 1;
  return hours.length % 2 === 1 ? hours[mid]! : (hours[mid - 1]! + hours[mid]!) / 2;
}

/** A person's own loops of one day and emoji (anonymous ones included: they are theirs). */
export interface MyDayCell {
  day: string;
  emoji: number;
  loops: number;
  comments: number;
}

type Scope = readonly { id: string; organisationId: string }[];
const ownLoops = (db: DbOrTx, userId: string, groups: Scope, range: DayRange) =>
  db
    .selectFrom("loops")
    .where("loops.sender_id", "=", userId)
    .where("loops.organisation_id", "in", [...new Set(groups.map((g) => g.organisationId))])
    .where("loops.group_id", "in", groups.map((g) => g.id))
    .where("loops.listed_on", ">=", range.from)
    .where("loops.listed_on", "<=", range.to);

/** The viewer's own loops of the range in the given groups, by day and emoji. */
export async function myLoopCells(db: DbOrTx, userId: string, groups: Scope, range: DayRange): Promise<MyDayCell[]> {
  if (groups.length === 0) return [];
  const rows = await ownLoops(db, userId, groups, range)
    .select((eb) => ["listed_on", "emoji", eb.fn.countAll<number>().as("loop_count"), eb.fn.sum<number>("comment_count").as("comment_count")])
    .groupBy(["listed_on", "emoji"])
    .execute();
  return rows.map((r) => ({ day: r.listed_on, emoji: Number(r.emoji), loops: Number(r.loop_count), comments: Number(r.comment_count ?? 0) }));
}

/** How many of the viewer's own loops of the range carry each tag, per group. */
export async function myTagCounts(db: DbOrTx, userId: string, groups: Scope, range: DayRange): Promise<{ groupId: string; tagId: string; loops: number }[]> {
  if (groups.length === 0) return [];
  const rows = await ownLoops(db, userId, groups, range)
    .innerJoin("loop_tags", (j) => j.onRef("loop_tags.loop_id", "=", "loops.id").onRef("loop_tags.organisation_id", "=", "loops.organisation_id"))
    .select((eb) => ["loops.group_id", "loop_tags.tag_id", eb.fn.countAll<number>().as("loop_count")])
    .groupBy(["loops.group_id", "loop_tags.tag_id"])
    .execute();
  return rows.map((r) => ({ groupId: r.group_id, tagId: r.tag_id, loops: Number(r.loop_count) }));
}

/** An organisation's loops of one group and week, from the roll-up. */
export interface GroupWeekActivity {
  groupId: string;
  week: string;
  namedLoops: number;
  anonymousLoops: number;
  /** Distinct senders of the anonymous loops besides the reader: the anonymity rule's count, never shown. */
  anonymousSenders: number;
}

/** Distinct people with a named loop in an organisation's weeks: in all, per group and per week. */
export interface NamedSenderCounts {
  total: number;
  byGroup: Map<string, number>;
  byWeek: Map<string, number>;
}

const groupWeeks = compiledOnce(3, (db, org, from, to) =>
  db
    .selectFrom("loop_activity_group_weeks")
    .where("organisation_id", "=", org!)
    .where("week", ">=", from!)
    .where("week", "<=", to!)
    .select(["group_id", "week", "named_loops", "anonymous_loops", "anonymous_senders"]),
);
/**
 * The organisation's loops of the weeks from `from` to `to` (Mondays) per group and week, from
 * the group-week roll-up (one row per group and week, loops/activity-bits.ts).
 */
export async function organisationWeekActivity(db: DbOrTx, organisationId: string, weeks: DayRange, readerId?: string): Promise<GroupWeekActivity[]> {
  const [rows, mine] = await Promise.all([
    groupWeeks(db, organisationId, weeks.from, weeks.to),
    readerId === undefined ? [] : readerAnonymousWeeks(db, organisationId, readerId, weeks.from, weeks.to),
  ]);
  const own = new Set(mine.map((r) => `${r.group_id}|${r.week}`));
  return rows.map((r) => ({
    groupId: r.group_id,
    week: r.week,
    namedLoops: Number(r.named_loops),
    anonymousLoops: Number(r.anonymous_loops),
    // The reader's own anonymous loops never help reach k (statistics/suppression.ts).
    anonymousSenders: Number(r.anonymous_senders) - (own.has(`${r.group_id}|${r.week}`) ? 1 : 0),
  }));
}

// The group weeks in which the reader sent anonymous loops (index (organisation_id, sender_id, week)).
const readerAnonymousWeeks = compiledOnce(4, (db, org, reader, from, to) =>
  db
    .selectFrom("loop_activity_weeks")
    .where("organisation_id", "=", org!)
    .where("sender_id", "=", reader!)
    .where("week", ">=", from!)
    .where("week", "<=", to!)
    .where("anonymous_loops", ">", 0)
    .select(["group_id", "week"]),
);

/**
 * Distinct people with a named loop in the organisation's weeks (Mondays, oldest first): in all,
 * per group and per week. From the bits roll-ups (loops/activity-bits.ts): one row per person (in
 * a group, or in the organisation) and block of 50 weeks whose weeks with a named loop are bits;
 * a period of up to 53 weeks touches at most three blocks. The period's weeks of each block are a
 * mask: a person counts when a bit of the mask is set, and in each week whose bit is. Counted in
 * SQL (a row per group, one row in all): shipping a row per person cost more than the counting.
 */
export async function organisationNamedSenders(db: DbOrTx, organisationId: string, weeks: readonly string[]): Promise<NamedSenderCounts> {
  const counts: NamedSenderCounts = { total: 0, byGroup: new Map(), byWeek: new Map(weeks.map((w) => [w, 0])) };
  if (weeks.length === 0) return counts;
  // Per block: the period's weeks in it, by bit (weeks, Mondays, are distinct: each has its own bit).
  const blocks = new Map<number, { mask: number; weeks: { bit: number; week: string }[] }>();
  for (const week of weeks) {
    const block = blocks.get(blockOf(week)) ?? { mask: 0, weeks: [] };
    const bit = weekNumber(week) % WEEKS_PER_BLOCK;
    if (!block.weeks.some((w) => w.bit === bit)) {
      block.mask += 2 ** bit;
      block.weeks.push({ bit, week });
    }
    blocks.set(blockOf(week), block);
  }
  // Both tables have `block` and `weeks`; bitwise and of bigints is the same on both dialects.
  const inPeriod = sql<boolean>`(${sql.join(
    [...blocks].map(([block, { mask }]) => sql`(block = ${block} and (weeks & cast(${mask} as bigint)) <> 0)`),
    sql` or `,
  )})`;
  // Per week of the period, the people whose bit of that week is set; in all, the distinct people.
  const ofWeek = [...blocks].flatMap(([block, b]) => b.weeks.map((w) => ({ ...w, block })));
  const [members, persons] = await Promise.all([
    db
      .selectFrom("loop_activity_member_bits")
      .select((eb) => ["group_id", eb.fn.count<number>("sender_id").distinct().as("senders")])
      .where("organisation_id", "=", organisationId)
      .where(inPeriod)
      .groupBy("group_id")
      .execute(),
    db
      .selectFrom("loop_activity_person_bits")
      .select([
        sql<number>`count(distinct sender_id)`.as("people"),
        ...ofWeek.map(({ block, bit }, i) => sql<number>`sum(case when block = ${sql.lit(block)} then (weeks >> ${sql.lit(bit)}) & 1 else 0 end)`.as(`w${i}`)),
      ])
      .where("organisation_id", "=", organisationId)
      .where(inPeriod)
      .executeTakeFirst(),
  ]);
  for (const m of members) counts.byGroup.set(m.group_id, Number(m.senders));
  const sums = (persons ?? {}) as Record<string, number | string | null>;
  counts.total = Number(sums.people ?? 0);
  ofWeek.forEach(({ week }, i) => add(counts.byWeek, week, Number(sums[`w${i}`] ?? 0)));
  return counts;
}

const add = (m: Map<string, number>, key: string, n: number) => m.set(key, (m.get(key) ?? 0) + n);
