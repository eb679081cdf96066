/**
 * What the tasks module needs to know about loops, without touching the loops tables itself:
 * task progress, tag usage and whether a task or tag is in use.
 */
import type { DbOrTx } from "../../db/index.js";
import type { TaskState } from "../../../shared/schemas/tasks.js";

/** Per task of the group: how many distinct senders sent a report, and how many have one approved. */
export async function reportCountsByTask(db: DbOrTx, organisationId: string, groupId: string): Promise<Map<string, { sent: number; approved: number }>> {
  const rows = await db
    .selectFrom("loops")
    .select((eb) => [
      "task_id",
      eb.fn.count<number>("sender_id").distinct().as("sent_count"),
      eb.fn.count<number>(eb.case().when("approved_at", "is not", null).then(eb.ref("sender_id")).end()).distinct().as("approved_count"),
    ])
    .where("organisation_id", "=", organisationId)
    .where("group_id", "=", groupId)
    .where("task_id", "is not", null)
    .groupBy("task_id")
    .execute();
  return new Map(rows.map((r) => [r.task_id as string, { sent: Number(r.sent_count), approved: Number(r.approved_count) }]));
}

/** A sender's state per task of a group: sent once they sent a report, approved once one was approved. */
export async function myTaskStates(db: DbOrTx, organisationId: string, groupId: string, userId: string): Promise<Map<string, TaskState>> {
  const rows = await db
    .selectFrom("loops")
    .select(["task_id", "approved_at"])
    .where("organisation_id", "=", organisationId)
    .where("group_id", "=", groupId)
    .where("sender_id", "=", userId)
    .where("task_id", "is not", null)
    .execute();
  const states = new Map<string, TaskState>();
  for (const r of rows) {
    const id = r.task_id as string;
    if (r.approved_at) states.set(id, "approved");
    else if (!states.has(id)) states.set(id, "sent");
  }
  return states;
}

/** How many loops carry each tag of the group. */
export async function tagUsage(db: DbOrTx, organisationId: string, groupId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom("loop_tags as lt")
    .innerJoin("loops as l", (j) => j.onRef("l.id", "=", "lt.loop_id").onRef("l.organisation_id", "=", "lt.organisation_id"))
    .select((eb) => ["lt.tag_id", eb.fn.countAll<number>().as("count")])
    .where("l.organisation_id", "=", organisationId)
    .where("l.group_id", "=", groupId)
    .groupBy("lt.tag_id")
    .execute();
  return new Map(rows.map((r) => [r.tag_id, Number(r.count)]));
}

/** True when some loop reports on the task (it may then be unpublished, not deleted). */
export async function isTaskInUse(db: DbOrTx, organisationId: string, taskId: string): Promise<boolean> {
  const row = await db.selectFrom("loops").select("id").where("organisation_id", "=", organisationId).where("task_id", "=", taskId).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** True when some loop carries the tag (it may then be archived, not deleted). */
export async function isTagInUse(db: DbOrTx, organisationId: string, tagId: string): Promise<boolean> {
  const row = await db.selectFrom("loop_tags").select("loop_id").where("organisation_id", "=", organisationId).where("tag_id", "=", tagId).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** What the check-ins module shows leaders about one occurrence's answers. */
export interface OccurrenceAnswers {
  /** Loops answering it. */
  answers: number;
  /** Distinct senders of the identified loops. */
  senders: number;
  /**
   * Anonymous loops, counted apart: whether an anonymous answer came from someone who also
   * answered by name is never computed (a distinct count over both would tell).
   */
  anonymous: number;
  /** Answers per emoji level, 1 … 5 at index 0 … 4. */
  emoji: [number, number, number, number, number];
}

/** Answers to each of the given check-in occurrences (absent ids: none). */
export async function occurrenceStats(db: DbOrTx, organisationId: string, occurrenceIds: readonly string[]): Promise<Map<string, OccurrenceAnswers>> {
  const stats = new Map<string, OccurrenceAnswers>();
  if (occurrenceIds.length === 0) return stats;
  const ids = [...new Set(occurrenceIds)];
  const [byEmoji, bySender] = await Promise.all([
    db
      .selectFrom("loops")
      .select((eb) => ["checkin_occurrence_id", "emoji", eb.fn.countAll<number>().as("count")])
      .where("organisation_id", "=", organisationId)
      .where("checkin_occurrence_id", "in", ids)
      .groupBy(["checkin_occurrence_id", "emoji"])
      .execute(),
    db
      .selectFrom("loops")
      .select((eb) => [
        "checkin_occurrence_id",
        eb.fn.count<number>(eb.case().when("is_anonymous", "=", false).then(eb.ref("sender_id")).end()).distinct().as("identified_count"),
        eb.fn.sum<number>(eb.case().when("is_anonymous", "=", true).then(1).else(0).end()).as("anonymous_count"),
      ])
      .where("organisation_id", "=", organisationId)
      .where("checkin_occurrence_id", "in", ids)
      .groupBy("checkin_occurrence_id")
      .execute(),
  ]);
  const entry = (id: string) => {
    let s = stats.get(id);
    if (!s) stats.set(id, (s = { answers: 0, senders: 0, anonymous: 0, emoji: [0, 0, 0, 0, 0] }));
    return s;
  };
  for (const r of byEmoji) {
    const s = entry(r.checkin_occurrence_id as string);
    s.answers += Number(r.count);
    const level = r.emoji - 1;
    if (level >= 0 && level < s.emoji.length) s.emoji[level] = (s.emoji[level] ?? 0) + Number(r.count);
  }
  for (const r of bySender) {
    const s = entry(r.checkin_occurrence_id as string);
    s.senders = Number(r.identified_count);
    s.anonymous = Number(r.anonymous_count ?? 0);
  }
  return stats;
}
