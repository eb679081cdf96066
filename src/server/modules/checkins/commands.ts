/** Commands on a group's check-ins: one verb each, one transaction, the audit event inside it. */
import { randomUUID } from "node:crypto";
import type { CommandBase } from "../../app.js";
import { recordAudit } from "../../audit/index.js";
import type { DbOrTx, Tx } from "../../db/index.js";
import type { CheckinRow, GroupRow } from "../../db/types.js";
import { badRequest } from "../../http/errors.js";
import type { Actor } from "../../policies/index.js";
import { MAX_CHECKINS_PER_GROUP } from "../../../shared/schemas/checkins.js";
import { unlinkOccurrences } from "../loops/commands/checkins.js";
import { announce, feedOfSubject } from "../notifications/notify.js";
import { findTags } from "../tasks/queries.js";
import { countCheckins, occurrenceIdsOf, tagIdsOf } from "./queries.js";
import { nextOccurrence } from "./schedule.js";

interface GroupCommand extends CommandBase {
  actor: Actor;
  group: GroupRow;
  /** The organisation's IANA time zone, in which weekday and time are meant. */
  timeZone: string;
}

const audit = (tx: Tx, c: { ip: string | null; actor: Actor }, checkin: CheckinRow, action: string, now: string, data: Record<string, string | number | boolean | null> = {}) =>
  recordAudit(tx, {
    ip: c.ip,
    action,
    actorId: c.actor.userId,
    organisationId: checkin.organisation_id,
    subjectType: "checkin",
    subjectId: checkin.id,
    at: new Date(now),
    data: { groupId: checkin.group_id, ...data },
  });

/**
 * Checks suggested tags against the group: each must be one of its tags, and a newly chosen one
 * must not be archived (one already on the check-in may stay after it was archived).
 */
async function checkTags(db: DbOrTx, group: GroupRow, tagIds: readonly string[], kept: readonly string[] = []): Promise<string[]> {
  const unique = [...new Set(tagIds)];
  if (unique.length === 0) return [];
  const tags = await findTags(db, group.organisation_id, group.id, unique);
  if (tags.length !== unique.length || tags.some((t) => t.is_archived && !kept.includes(t.id))) {
    throw badRequest("validation", "Choose tags of this group.", { tagIds: "invalid_value" });
  }
  return unique;
}

export interface CreateCheckinInput extends GroupCommand {
  prompt: string;
  weekday: number;
  time: string;
  tagIds: string[];
  active: boolean;
}

/** Sets up a weekly check-in; its first occurrence is the next matching instant from now. */
export async function createCheckin(input: CreateCheckinInput): Promise<CheckinRow> {
  const { ctx, group } = input;
  const clock = ctx.clock();
  const now = clock.toISOString();
  return ctx.db.transaction().execute(async (tx) => {
    if ((await countCheckins(tx, group.organisation_id, group.id)) >= MAX_CHECKINS_PER_GROUP) {
      throw badRequest("validation", `A group holds at most ${MAX_CHECKINS_PER_GROUP} check-ins.`, { prompt: "too_many" });
    }
    const tagIds = await checkTags(tx, group, input.tagIds);
    const checkin: CheckinRow = {
      id: randomUUID(),
      organisation_id: group.organisation_id,
      group_id: group.id,
      prompt: input.prompt,
      weekday: input.weekday,
      time_of_day: input.time,
      tag_ids: JSON.stringify(tagIds),
      is_active: input.active,
      next_occurrence_at: input.active ? nextOccurrence(clock, input.weekday, input.time, input.timeZone).toISOString() : null,
      created_by: input.actor.userId,
      created_at: now,
      updated_at: now,
    };
    await tx.insertInto("checkins").values(checkin).execute();
    await audit(tx, input, checkin, "checkin.created", now, { weekday: checkin.weekday, time: checkin.time_of_day, active: checkin.is_active });
    return checkin;
  });
}

export interface UpdateCheckinInput extends GroupCommand {
  checkin: CheckinRow;
  prompt?: string | undefined;
  weekday?: number | undefined;
  time?: string | undefined;
  tagIds?: string[] | undefined;
  active?: boolean | undefined;
}

/**
 * Edits a check-in, pauses or resumes it. A new weekday or time, or resuming, schedules the next
 * occurrence afresh from now; editing the prompt or tags alone keeps the schedule. Occurrences
 * already made keep the prompt they were asked with.
 */
export async function updateCheckin(input: UpdateCheckinInput): Promise<CheckinRow> {
  const { ctx, group, checkin } = input;
  const clock = ctx.clock();
  const now = clock.toISOString();
  const changes: Partial<CheckinRow> = {
    ...(input.prompt !== undefined && input.prompt !== checkin.prompt ? { prompt: input.prompt } : {}),
    ...(input.weekday !== undefined && input.weekday !== checkin.weekday ? { weekday: input.weekday } : {}),
    ...(input.time !== undefined && input.time !== checkin.time_of_day ? { time_of_day: input.time } : {}),
    ...(input.active !== undefined && input.active !== checkin.is_active ? { is_active: input.active } : {}),
  };
  return ctx.db.transaction().execute(async (tx) => {
    if (input.tagIds !== undefined) {
      const current = tagIdsOf(checkin);
      const tagIds = await checkTags(tx, group, input.tagIds, current);
      if (JSON.stringify(tagIds) !== JSON.stringify(current)) changes.tag_ids = JSON.stringify(tagIds);
    }
    if (Object.keys(changes).length === 0) return checkin;
    const next = { ...checkin, ...changes };
    if (!next.is_active) next.next_occurrence_at = null;
    else if (changes.weekday !== undefined || changes.time_of_day !== undefined || changes.is_active !== undefined || next.next_occurrence_at === null) {
      next.next_occurrence_at = nextOccurrence(clock, next.weekday, next.time_of_day, input.timeZone).toISOString();
    }
    next.updated_at = now;
    await tx
      .updateTable("checkins")
      .set({ ...changes, next_occurrence_at: next.next_occurrence_at, updated_at: now })
      .where("organisation_id", "=", checkin.organisation_id)
      .where("id", "=", checkin.id)
      .execute();
    const action = changes.is_active === false ? "checkin.paused" : changes.is_active === true ? "checkin.resumed" : "checkin.updated";
    await audit(tx, input, checkin, action, now, { fields: Object.keys(changes).join(",") });
    return next;
  });
}

/**
 * Deletes a check-in and its occurrences (their feed items go with them). The loops that answered
 * stay with their senders and leaders, no longer linked to an occurrence.
 */
export async function deleteCheckin(input: CommandBase & { actor: Actor; checkin: CheckinRow }): Promise<void> {
  const { ctx, checkin } = input;
  const now = ctx.clock().toISOString();
  const feed = await ctx.db.transaction().execute(async (tx) => {
    // Touching the row first takes its lock: a scheduler run making an occurrence of it right now
    // finishes before (or starts after) this one, so no occurrence escapes the unlinking below.
    await tx.updateTable("checkins").set({ updated_at: now }).where("organisation_id", "=", checkin.organisation_id).where("id", "=", checkin.id).execute();
    const occurrenceIds = await occurrenceIdsOf(tx, checkin);
    const unlinked = await unlinkOccurrences(tx, checkin.organisation_id, occurrenceIds);
    const feed = await feedOfSubject(tx, checkin.organisation_id, { occurrenceIds });
    await tx.deleteFrom("checkins").where("organisation_id", "=", checkin.organisation_id).where("id", "=", checkin.id).execute();
    await audit(tx, input, checkin, "checkin.deleted", now, { occurrences: occurrenceIds.length, loopsKept: unlinked });
    return feed;
  });
  announce(ctx, feed);
}

/**
 * After the organisation's time zone changed: every active check-in of the organisation is
 * rescheduled to its weekday and time in the new zone. For the organisations module to call in
 * the transaction that changes the zone.
 */
export async function rescheduleCheckins(tx: DbOrTx, organisationId: string, timeZone: string, now: Date): Promise<void> {
  const rows = await tx.selectFrom("checkins").selectAll().where("organisation_id", "=", organisationId).where("is_active", "=", true).execute();
  for (const c of rows) {
    const next = nextOccurrence(now, c.weekday, c.time_of_day, timeZone).toISOString();
    if (next !== c.next_occurrence_at) {
      await tx.updateTable("checkins").set({ next_occurrence_at: next }).where("organisation_id", "=", organisationId).where("id", "=", c.id).execute();
    }
  }
}
