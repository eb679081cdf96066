/** Reads of the tasks module's tables: content_packages, tasks, tags. Every query carries the tenant key. */
import type { DbOrTx } from "../../db/index.js";
import type { ContentPackageRow, TagRow, TaskRow } from "../../db/types.js";
import { PackageContent } from "../../../shared/schemas/tasks.js";
import { findBuiltinPackage } from "./library/index.js";

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
export async function findTask(db: DbOrTx, organisationId: string, groupId: string, taskId: string): Promise<TaskRow | undefined> {
  return (await findTasks(db, organisationId, groupId, [taskId]))[0];
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
export async function findTag(db: DbOrTx, organisationId: string, groupId: string, tagId: string): Promise<TagRow | undefined> {
  return (await findTags(db, organisationId, groupId, [tagId]))[0];
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

/** What a page of loops asks for: per group, the ids of its tags and tasks. */
export interface WantedByGroup {
  organisationId: string;
  groupId: string;
  tagIds: readonly string[];
  taskIds: readonly string[];
}

/**
 * Tags and tasks of many groups in two queries (a leader's inbox spans several groups), each row
 * kept only when it belongs to the group that asked for it — as findTags/findTasks per group would.
 */
export async function findTagsAndTasksOfGroups(db: DbOrTx, wanted: readonly WantedByGroup[]): Promise<{ tags: TagRow[]; tasks: TaskRow[] }> {
  const orgIds = [...new Set(wanted.map((w) => w.organisationId))];
  const tagIds = [...new Set(wanted.flatMap((w) => w.tagIds))];
  const taskIds = [...new Set(wanted.flatMap((w) => w.taskIds))];
  const asked = (kind: "tagIds" | "taskIds") => new Set(wanted.flatMap((w) => w[kind].map((id) => `${w.organisationId}|${w.groupId}|${id}`)));
  const [tags, tasks] = await Promise.all([
    tagIds.length === 0 ? [] : db.selectFrom("tags").selectAll().where("organisation_id", "in", orgIds).where("id", "in", tagIds).orderBy("position").execute(),
    taskIds.length === 0 ? [] : db.selectFrom("tasks").selectAll().where("organisation_id", "in", orgIds).where("id", "in", taskIds).orderBy("position").execute(),
  ]);
  const tagKeys = asked("tagIds");
  const taskKeys = asked("taskIds");
  return {
    tags: tags.filter((t) => tagKeys.has(`${t.organisation_id}|${t.group_id}|${t.id}`)),
    tasks: tasks.filter((t) => taskKeys.has(`${t.organisation_id}|${t.group_id}|${t.id}`)),
  };
}

/** An organisation's own packages, newest first. */
export function listOrgPackages(db: DbOrTx, organisationId: string): Promise<ContentPackageRow[]> {
  return db.selectFrom("content_packages").selectAll().where("organisation_id", "=", organisationId).orderBy("created_at", "desc").orderBy("id").execute();
}

/** One package of the organisation, or undefined when missing or another organisation's. */
export function findOrgPackage(db: DbOrTx, organisationId: string, packageId: string): Promise<ContentPackageRow | undefined> {
  return db.selectFrom("content_packages").selectAll().where("organisation_id", "=", organisationId).where("id", "=", packageId).executeTakeFirst();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What a group made from `packageId` gets: a library package (`builtin:…`) or one of this
 * organisation's own. Undefined when there is no such package for this organisation.
 */
export async function resolvePackageContent(db: DbOrTx, organisationId: string, packageId: string): Promise<PackageContent | undefined> {
  if (packageId.startsWith("builtin:")) return findBuiltinPackage(packageId)?.content;
  if (!UUID.test(packageId)) return undefined;
  const row = await findOrgPackage(db, organisationId, packageId);
  return row ? PackageContent.parse(JSON.parse(row.content)) : undefined;
}
