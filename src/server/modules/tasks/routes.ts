/**
 * Content packages, tasks and tags. Every handler reads top to bottom:
 * auth → validate (schema) → load → authorize → command → present.
 */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { requireActor } from "../../auth/plugin.js";
import { badRequest } from "../../http/errors.js";
import type { Actor } from "../../policies/index.js";
import type { TagRow, TaskRow } from "../../db/types.js";
import { groupPolicy, type GroupAccess } from "../groups/policy.js";
import { listGroupMembers, loadGroupAccess } from "../groups/queries.js";
import { myTaskStates, reportCountsByTask, tagUsage } from "../loops/progress.js";
import { orgPolicy } from "../organisations/policy.js";
import { loadOrgAccess } from "../organisations/queries.js";
import { deletePackage, savePackage } from "./commands/packages.js";
import { createTag, deleteTag, orderTags, updateTag } from "./commands/tags.js";
import { createTask, deleteTask, orderTasks, updateTask } from "./commands/tasks.js";
import { BUILTIN_PACKAGES } from "./library/index.js";
import { isLeading, packagePolicy, tagPolicy, taskPolicy, type TagAccess, type TaskAccess } from "./policy.js";
import { presentBuiltinPackage, presentOrgPackage, presentTag, presentTask } from "./presenters.js";
import { findOrgPackage, findTag, findTask, listOrgPackages, listTags, listTasks } from "./queries.js";
import * as S from "./schema.js";

export async function tasksRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { ctx } = fastify;
  const loadGroup = (groupId: string, userId: string) => loadGroupAccess(ctx.db, groupId, userId);
  const loadTask = async (groupId: string, taskId: string, userId: string): Promise<TaskAccess | undefined> => {
    const access = await loadGroup(groupId, userId);
    const task = access && (await findTask(ctx.db, access.group.organisation_id, access.group.id, taskId));
    return access && task ? { access, task } : undefined;
  };
  const loadTag = async (groupId: string, tagId: string, userId: string): Promise<TagAccess | undefined> => {
    const access = await loadGroup(groupId, userId);
    const tag = access && (await findTag(ctx.db, access.group.organisation_id, access.group.id, tagId));
    return access && tag ? { access, tag } : undefined;
  };

  /** The tasks as this actor sees them: senders the published ones with their state, leaders all with the group's progress. */
  async function presentTasks(actor: Actor, access: GroupAccess, rows: TaskRow[]) {
    const groupId = access.group.id;
    const visible = rows.filter((task) => taskPolicy.can(actor, "read", { access, task }));
    const leading = isLeading(access);
    const sends = groupPolicy.can(actor, "sendLoop", access);
    const [counts, senders, mine] = await Promise.all([
      leading ? reportCountsByTask(ctx.db, access.group.organisation_id, groupId) : undefined,
      leading ? listGroupMembers(ctx.db, groupId).then((ms) => ms.filter((m) => m.role === "sender").length) : 0,
      sends ? myTaskStates(ctx.db, access.group.organisation_id, groupId, actor.userId) : undefined,
    ]);
    return visible.map((task) => {
      const c = counts?.get(task.id);
      return presentTask(actor, { access, task, inUse: counts ? (c?.sent ?? 0) > 0 : undefined }, {
        myState: mine ? (mine.get(task.id) ?? "not_started") : null,
        progress: counts ? { sent: c?.sent ?? 0, approved: c?.approved ?? 0, senders } : null,
      });
    });
  }

  /** The tags as this actor sees them; usage (loops carrying each) for those leading the group. */
  async function presentTags(actor: Actor, access: GroupAccess, rows: TagRow[], includeArchived: boolean) {
    const visible = rows.filter((tag) => (includeArchived || !tag.is_archived) && tagPolicy.can(actor, "read", { access, tag }));
    const usage = isLeading(access) ? await tagUsage(ctx.db, access.group.organisation_id, access.group.id) : undefined;
    return visible.map((tag) => {
      const used = usage ? (usage.get(tag.id) ?? 0) : null;
      return presentTag(actor, { access, tag, inUse: used === null ? undefined : used > 0 }, used);
    });
  }

  // ── Content packages ────────────────────────────────────────────────────────────────
  app.get("/packages", { schema: S.listPackages }, async (request) => {
    const actor = requireActor(request);
    const { organisationId, language } = request.query;
    const builtin = BUILTIN_PACKAGES.map(presentBuiltinPackage);
    let own: ReturnType<typeof presentOrgPackage>[] = [];
    if (organisationId) {
      const org = orgPolicy.authorize(actor, "read", await loadOrgAccess(ctx.db, organisationId, actor.userId));
      own = (await listOrgPackages(ctx.db, org.org.id)).map((pkg) => presentOrgPackage(actor, { org, pkg }));
    }
    return { packages: [...own, ...builtin].filter((p) => !language || p.language === language) };
  });

  app.post("/organisations/:orgId/packages", { schema: S.savePackage }, async (request, reply) => {
    const actor = requireActor(request);
    const org = orgPolicy.authorize(actor, "read", await loadOrgAccess(ctx.db, request.params.orgId, actor.userId));
    const access = await loadGroup(request.body.groupId, actor.userId);
    // A group of another organisation, or one the actor cannot see, is no group of this organisation.
    if (!access || access.group.organisation_id !== org.org.id || !groupPolicy.can(actor, "read", access)) {
      throw badRequest("validation", "Choose a group of this organisation.", { groupId: "invalid_value" });
    }
    groupPolicy.authorize(actor, "manageTasks", access);
    const pkg = await savePackage({ ctx, ip: request.ip, actor, group: access.group, name: request.body.name, description: request.body.description, language: request.body.language });
    return reply.status(201).send({ package: presentOrgPackage(actor, { org, pkg }) });
  });

  app.delete("/organisations/:orgId/packages/:packageId", { schema: S.deletePackage }, async (request, reply) => {
    const actor = requireActor(request);
    const org = await loadOrgAccess(ctx.db, request.params.orgId, actor.userId);
    const pkg = org && (await findOrgPackage(ctx.db, org.org.id, request.params.packageId));
    const target = packagePolicy.authorize(actor, "delete", org && pkg ? { org, pkg } : undefined);
    await deletePackage({ ctx, ip: request.ip, actor, pkg: target.pkg });
    return reply.status(204).send(null);
  });

  // ── Tasks ───────────────────────────────────────────────────────────────────────────
  app.get("/groups/:groupId/tasks", { schema: S.listTasks }, async (request) => {
    const actor = requireActor(request);
    const access = groupPolicy.authorize(actor, "read", await loadGroup(request.params.groupId, actor.userId));
    return { tasks: await presentTasks(actor, access, await listTasks(ctx.db, access.group.organisation_id, access.group.id)) };
  });

  app.post("/groups/:groupId/tasks", { schema: S.createTask }, async (request, reply) => {
    const actor = requireActor(request);
    const access = groupPolicy.authorize(actor, "manageTasks", await loadGroup(request.params.groupId, actor.userId));
    const task = await createTask({ ctx, ip: request.ip, actor, group: access.group, ...request.body });
    const [presented] = await presentTasks(actor, access, [task]);
    return reply.status(201).send({ task: presented! });
  });

  app.patch("/groups/:groupId/tasks/:taskId", { schema: S.updateTask }, async (request) => {
    const actor = requireActor(request);
    const { access, task } = taskPolicy.authorize(actor, "update", await loadTask(request.params.groupId, request.params.taskId, actor.userId));
    const updated = await updateTask({ ctx, ip: request.ip, actor, group: access.group, task, ...request.body });
    const [presented] = await presentTasks(actor, access, [updated]);
    return { task: presented! };
  });

  app.delete("/groups/:groupId/tasks/:taskId", { schema: S.deleteTask }, async (request, reply) => {
    const actor = requireActor(request);
    // Whether reports exist is the command's to check, in its transaction (409 in_use).
    const { access, task } = taskPolicy.authorize(actor, "delete", await loadTask(request.params.groupId, request.params.taskId, actor.userId));
    await deleteTask({ ctx, ip: request.ip, actor, group: access.group, task });
    return reply.status(204).send(null);
  });

  app.put("/groups/:groupId/tasks/order", { schema: S.orderTasks }, async (request) => {
    const actor = requireActor(request);
    const access = groupPolicy.authorize(actor, "manageTasks", await loadGroup(request.params.groupId, actor.userId));
    const rows = await orderTasks({ ctx, ip: request.ip, actor, group: access.group, ids: request.body.ids });
    return { tasks: await presentTasks(actor, access, rows) };
  });

  // ── Tags ────────────────────────────────────────────────────────────────────────────
  app.get("/groups/:groupId/tags", { schema: S.listTags }, async (request) => {
    const actor = requireActor(request);
    const access = groupPolicy.authorize(actor, "read", await loadGroup(request.params.groupId, actor.userId));
    const rows = await listTags(ctx.db, access.group.organisation_id, access.group.id);
    return { tags: await presentTags(actor, access, rows, request.query.includeArchived === "true") };
  });

  app.post("/groups/:groupId/tags", { schema: S.createTag }, async (request, reply) => {
    const actor = requireActor(request);
    const access = groupPolicy.authorize(actor, "manageTasks", await loadGroup(request.params.groupId, actor.userId));
    const tag = await createTag({ ctx, ip: request.ip, actor, group: access.group, ...request.body });
    const [presented] = await presentTags(actor, access, [tag], true);
    return reply.status(201).send({ tag: presented! });
  });

  app.patch("/groups/:groupId/tags/:tagId", { schema: S.updateTag }, async (request) => {
    const actor = requireActor(request);
    const { access, tag } = tagPolicy.authorize(actor, "update", await loadTag(request.params.groupId, request.params.tagId, actor.userId));
    const updated = await updateTag({ ctx, ip: request.ip, actor, group: access.group, tag, ...request.body });
    const [presented] = await presentTags(actor, access, [updated], true);
    return { tag: presented! };
  });

  app.delete("/groups/:groupId/tags/:tagId", { schema: S.deleteTag }, async (request, reply) => {
    const actor = requireActor(request);
    const { access, tag } = tagPolicy.authorize(actor, "delete", await loadTag(request.params.groupId, request.params.tagId, actor.userId));
    await deleteTag({ ctx, ip: request.ip, actor, group: access.group, tag });
    return reply.status(204).send(null);
  });

  app.put("/groups/:groupId/tags/order", { schema: S.orderTags }, async (request) => {
    const actor = requireActor(request);
    const access = groupPolicy.authorize(actor, "manageTasks", await loadGroup(request.params.groupId, actor.userId));
    const rows = await orderTags({ ctx, ip: request.ip, actor, group: access.group, ids: request.body.ids });
    return { tags: await presentTags(actor, access, rows, true) };
  });
}
