/** Commands on a group's tasks: one verb each, one transaction, the audit event inside it. */
import { randomUUID } from "node:crypto";
import type { CommandBase } from "../../../app.js";
import { recordAudit } from "../../../audit/index.js";
import type { Tx } from "../../../db/index.js";
import type { GroupRow, TaskRow } from "../../../db/types.js";
import { badRequest, conflict } from "../../../http/errors.js";
import type { Actor } from "../../../policies/index.js";
import { MAX_TASKS_PER_GROUP } from "../../../../shared/schemas/tasks.js";
import { listMemberIdsWho } from "../../groups/queries.js";
import { isTaskInUse } from "../../loops/progress.js";
import { announce, notify } from "../../notifications/notify.js";
import { countInGroup, nextPosition, reorder } from "../ordering.js";
import { listTasks } from "../queries.js";

interface GroupCommand extends CommandBase {
  actor: Actor;
  group: GroupRow;
}

const audit = (tx: Tx, c: GroupCommand, action: string, subjectId: string, now: string, data?: Record<string, string | number | boolean | null>) =>
  recordAudit(tx, { ip: c.ip, action, actorId: c.actor.userId, organisationId: c.group.organisation_id, subjectType: "task", subjectId, at: new Date(now), ...(data ? { data } : {}) });

export interface CreateTaskInput extends GroupCommand {
  title: string;
  instructions: string;
  dueAt?: string | null | undefined;
  published: boolean;
}

/** The group's senders (in a flat group every member) hear of a task's first publication. */
const notifyPublished = async (tx: Tx, c: GroupCommand, task: TaskRow, now: string) =>
  notify(tx, {
    kind: "task_published",
    organisationId: task.organisation_id,
    groupId: task.group_id,
    recipients: await listMemberIdsWho(tx, c.group, "sendLoop"),
    actorId: c.actor.userId,
    subject: { taskId: task.id },
    title: task.title,
    at: now,
  });

/** Adds a task at the end of the group's list, as a draft unless published at once. */
export async function createTask(input: CreateTaskInput): Promise<TaskRow> {
  const { ctx, group } = input;
  const now = ctx.clock().toISOString();
  const { task, notified } = await ctx.db.transaction().execute(async (tx) => {
    if ((await countInGroup(tx, "tasks", group.organisation_id, group.id)) >= MAX_TASKS_PER_GROUP) {
      throw badRequest("validation", `A group holds at most ${MAX_TASKS_PER_GROUP} tasks.`, { title: "too_many" });
    }
    const task: TaskRow = {
      id: randomUUID(),
      organisation_id: group.organisation_id,
      group_id: group.id,
      title: input.title,
      instructions: input.instructions,
      position: await nextPosition(tx, "tasks", group.organisation_id, group.id),
      is_published: input.published,
      due_at: input.dueAt ?? null,
      published_at: input.published ? now : null,
      created_at: now,
      updated_at: now,
    };
    await tx.insertInto("tasks").values(task).execute();
    await audit(tx, input, "task.created", task.id, now, { groupId: group.id, published: task.is_published });
    return { task, notified: task.is_published ? await notifyPublished(tx, input, task, now) : null };
  });
  if (notified) announce(ctx, notified);
  return task;
}

export interface UpdateTaskInput extends GroupCommand {
  task: TaskRow;
  title?: string | undefined;
  instructions?: string | undefined;
  dueAt?: string | null | undefined;
  published?: boolean | undefined;
}

/**
 * Edits a task; publishing it the first time stamps published_at, which unpublishing keeps, and
 * tells the senders (publishing it again after unpublishing does not tell them twice).
 */
export async function updateTask(input: UpdateTaskInput): Promise<TaskRow> {
  const { ctx, task } = input;
  const now = ctx.clock().toISOString();
  const changes: Partial<TaskRow> = {
    ...(input.title !== undefined ? { title: input.title } : {}),
    ...(input.instructions !== undefined ? { instructions: input.instructions } : {}),
    ...(input.dueAt !== undefined ? { due_at: input.dueAt } : {}),
    ...(input.published !== undefined ? { is_published: input.published } : {}),
    ...(input.published === true && task.published_at === null ? { published_at: now } : {}),
  };
  if (Object.keys(changes).length === 0) return task;
  const { updated, notified } = await ctx.db.transaction().execute(async (tx) => {
    await tx
      .updateTable("tasks")
      .set({ ...changes, updated_at: now })
      .where("organisation_id", "=", task.organisation_id)
      .where("group_id", "=", task.group_id)
      .where("id", "=", task.id)
      .execute();
    await audit(tx, input, "task.updated", task.id, now, { fields: Object.keys(changes).join(",") });
    const updated = { ...task, ...changes, updated_at: now };
    return { updated, notified: changes.published_at ? await notifyPublished(tx, input, updated, now) : null };
  });
  if (notified) announce(ctx, notified);
  return updated;
}

/** Deletes a task nobody has reported on; one with reports answers 409 in_use (unpublish it instead). */
export async function deleteTask(input: GroupCommand & { task: TaskRow }): Promise<void> {
  const { ctx, task } = input;
  const now = ctx.clock().toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    if (await isTaskInUse(tx, task.organisation_id, task.id)) {
      throw conflict("in_use", "Loops report on this task: unpublish it instead of deleting it.");
    }
    await tx.deleteFrom("tasks").where("organisation_id", "=", task.organisation_id).where("group_id", "=", task.group_id).where("id", "=", task.id).execute();
    await audit(tx, input, "task.deleted", task.id, now, { groupId: task.group_id });
  });
}

/** Gives the group's tasks the order of `ids`: every task of the group exactly once. */
export async function orderTasks(input: GroupCommand & { ids: string[] }): Promise<TaskRow[]> {
  const { ctx, group, ids } = input;
  const now = ctx.clock().toISOString();
  return ctx.db.transaction().execute(async (tx) => {
    await reorder(tx, "tasks", group.organisation_id, group.id, ids);
    await recordAudit(tx, { ip: input.ip, action: "tasks.reordered", actorId: input.actor.userId, organisationId: group.organisation_id, subjectType: "group", subjectId: group.id, at: new Date(now) });
    return listTasks(tx, group.organisation_id, group.id);
  });
}
