/** Reads of the tasks module's tables: content_packages, tasks, tags. Every query carries the tenant key. */
import type { DbOrTx } from "../../db/index.js";
import type { ContentPackageRow, TagRow, TaskRow } from "../../db/types.js";

/** The group's tasks in their order (drafts included: callers decide what the actor sees). */
export function listTasks(db: DbOrTx, organisationId: string, groupId: string): Promise<TaskRow[]> {
  return db
    .selectFrom("tasks")
    .selectAll()
    .where("organisation_id", "=", organisationId)
    .where("group_id", "=", groupId)
    .orderBy("position")
    .orderBy("created_at")
    .execute();
}

/** One task of the group, or undefined when missing or in another group. */
export function findTask(db: DbOrTx, organisationId: string, groupId: string, taskId: string): Promise<TaskRow | undefined> {
  return db
    .selectFrom("tasks")
    .selectAll()
    .where("organisation_id", "=", organisationId)
    .where("group_id", "=", groupId)
    .where("id", "=", taskId)
    .executeTakeFirst();
}

/** The tasks of the group among `ids` (ids of other groups are simply absent). */
export async function findTasks(db: DbOrTx, organisationId: string, groupId: string, ids: readonly string[]): Promise<TaskRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom("tasks")
    .selectAll()
    .where("organisation_id", "=", organisationId)
    .where("group_id", "=", groupId)
    .where("id", "in", [...new Set(ids)])
    .orderBy("position")
    .execute();
}

/** The group's tags in their order, archived ones included. */
export function listTags(db: DbOrTx, organisationId: string, groupId: string): Promise<TagRow[]> {
  return db
    .selectFrom("tags")
    .selectAll()
    .where("organisation_id", "=", organisationId)
    .where("group_id", "=", groupId)
    .orderBy("position")
    .orderBy("created_at")
    .execute();
}

/** One tag of the group, or undefined when missing or in another group. */
export function findTag(db: DbOrTx, organisationId: string, groupId: string, tagId: string): Promise<TagRow | undefined> {
  return db
    .selectFrom("tags")
    .selectAll()
    .where("organisation_id", "=", organisationId)
    .where("group_id", "=", groupId)
    .where("id", "=", tagId)
    .executeTakeFirst();
}

/** The tags of the group among `ids` (archived included; ids of other groups are simply absent). */
export async function findTags(db: DbOrTx, organisationId: string, groupId: string, ids: readonly string[]): Promise<TagRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom("tags")
    .selectAll()
    .where("organisation_id", "=", organisationId)
    .where("group_id", "=", groupId)
    .where("id", "in", [...new Set(ids)])
    .orderBy("position")
    .execute();
}

/** How many tasks / tags the group has (for the per-group limits). */
export async function countTasks(db: DbOrTx, organisationId: string, groupId: string): Promise<number> {
  const row = await db
    .selectFrom("tasks")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("organisation_id", "=", organisationId)
    .where("group_id", "=", groupId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function countTags(db: DbOrTx, organisationId: string, groupId: string): Promise<number> {
  const row = await db
    .selectFrom("tags")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("organisation_id", "=", organisationId)
    .where("group_id", "=", groupId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** An organisation's own packages, newest first. */
export function listOrgPackages(db: DbOrTx, organisationId: string): Promise<ContentPackageRow[]> {
  return db.selectFrom("content_packages").selectAll().where("organisation_id", "=", organisationId).orderBy("created_at", "desc").orderBy("id").execute();
}

/** One package of the organisation, or undefined when missing or another organisation's. */
export function findOrgPackage(db: DbOrTx, organisationId: string, packageId: string): Promise<ContentPackageRow | undefined> {
  return db.selectFrom("content_packages").selectAll().where("organisation_id", "=", organisationId).where("id", "=", packageId).executeTakeFirst();
}
