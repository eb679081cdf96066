/** Reads of the check-ins module: check-ins and their occurrences. Every query carries the tenant key. */
import type { Db, DbOrTx } from "../../db/index.js";
import type { CheckinOccurrenceRow, CheckinRow } from "../../db/types.js";

/** An occurrence of one of the group's check-ins (tenant and group checked), or undefined. */
export async function findOccurrence(db: Db, organisationId: string, groupId: string, occurrenceId: string): Promise<CheckinOccurrenceRow | undefined> {
  return db
    .selectFrom("checkin_occurrences")
    .selectAll()
    .where("organisation_id", "=", organisationId)
    .where("group_id", "=", groupId)
    .where("id", "=", occurrenceId)
    .executeTakeFirst();
}

/** An occurrence by its id alone (the route then loads its group and checks the actor's standing). */
export function findOccurrenceById(db: DbOrTx, occurrenceId: string): Promise<CheckinOccurrenceRow | undefined> {
  return db.selectFrom("checkin_occurrences").selectAll().where("id", "=", occurrenceId).executeTakeFirst();
}

/** The group's check-ins, oldest first. */
export function listCheckins(db: DbOrTx, organisationId: string, groupId: string): Promise<CheckinRow[]> {
  return db
    .selectFrom("checkins")
    .selectAll()
    .where("organisation_id", "=", organisationId)
    .where("group_id", "=", groupId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

/** A check-in by its id alone (the route then loads its group and checks the actor's standing). */
export function findCheckinById(db: DbOrTx, checkinId: string): Promise<CheckinRow | undefined> {
  return db.selectFrom("checkins").selectAll().where("id", "=", checkinId).executeTakeFirst();
}

/** How many check-ins the group has (for the per-group limit). */
export async function countCheckins(db: DbOrTx, organisationId: string, groupId: string): Promise<number> {
  const row = await db
    .selectFrom("checkins")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("organisation_id", "=", organisationId)
    .where("group_id", "=", groupId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** A check-in's occurrences, newest first, before `before` when given. */
export function listOccurrences(db: DbOrTx, checkin: CheckinRow, limit: number, before?: string): Promise<CheckinOccurrenceRow[]> {
  let q = db
    .selectFrom("checkin_occurrences")
    .selectAll()
    .where("organisation_id", "=", checkin.organisation_id)
    .where("checkin_id", "=", checkin.id);
  if (before) q = q.where("occurs_at", "<", before);
  return q.orderBy("occurs_at", "desc").limit(limit).execute();
}

/** Ids of all of a check-in's occurrences (to unlink their loops before deleting them). */
export async function occurrenceIdsOf(db: DbOrTx, checkin: CheckinRow): Promise<string[]> {
  const rows = await db.selectFrom("checkin_occurrences").select("id").where("organisation_id", "=", checkin.organisation_id).where("checkin_id", "=", checkin.id).execute();
  return rows.map((r) => r.id);
}

/** Active check-ins whose next occurrence is due at `now` (every organisation: the scheduler's sweep). */
export function listDueCheckins(db: DbOrTx, now: string, limit: number): Promise<CheckinRow[]> {
  return db
    .selectFrom("checkins")
    .selectAll()
    .where("is_active", "=", true)
    .where("next_occurrence_at", "<=", now)
    .orderBy("next_occurrence_at")
    .limit(limit)
    .execute();
}

/** The tag ids a check-in suggests (stored as JSON). */
export function tagIdsOf(checkin: CheckinRow): string[] {
  try {
    const parsed: unknown = JSON.parse(checkin.tag_ids);
    return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === "string") : [];
  } catch {
    return [];
  }
}

/** The question of each of the occurrences (of one organisation), by occurrence id. */
export async function findOccurrencePrompts(db: DbOrTx, organisationId: string, occurrenceIds: readonly string[]): Promise<Map<string, string>> {
  if (occurrenceIds.length === 0) return new Map();
  const rows = await db.selectFrom("checkin_occurrences").select(["id", "prompt"]).where("organisation_id", "=", organisationId).where("id", "in", [...occurrenceIds]).execute();
  return new Map(rows.map((r) => [r.id, r.prompt]));
}
