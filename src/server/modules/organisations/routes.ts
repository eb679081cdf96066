/**
 * Organisations API. Every handler reads top to bottom:
 * auth → validate (schema) → load → authorize → command → present.
 */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { auditCsvRows } from "../../audit/csv.js";
import { countAuditEvents, listAuditEvents, recordAudit } from "../../audit/index.js";
import { downloadHeaders } from "../../http/csv.js";
import { csvStream } from "../loops/export.js";
import { requireActor } from "../../auth/plugin.js";
import { badRequest, notFound } from "../../http/errors.js";
import { listUserCards } from "../accounts/queries.js";
import { createGroup } from "../groups/commands/groups.js";
import { groupPolicy } from "../groups/policy.js";
import { presentGroup } from "../groups/presenters.js";
import { listMembershipsInOrganisation } from "../groups/queries.js";
import { findJoinCode, presentJoinCode } from "../joining/codes.js";
import { changeJoinCode, rotateJoinCode } from "../joining/commands.js";
import { listPendingInvitations, revokeInvitation } from "../joining/invitations.js";
import { presentInvitation } from "../joining/presenters.js";
import { resolvePackageContent } from "../tasks/queries.js";
import { createOrganisation, updateOrganisation } from "./commands/createOrganisation.js";
import { addAdmin, addGroupCreator, removeAdmin, removeGroupCreator } from "./commands/roles.js";
import { instancePolicy, orgPolicy } from "./policy.js";
import { presentOrganisation } from "./presenters.js";
import { listMemberRows, listMyOrganisations, loadOrgAccess } from "./queries.js";
import * as S from "./schema.js";

export async function organisationsRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { ctx } = fastify;
  const loadOrg = async (orgId: string, userId: string) => loadOrgAccess(ctx.db, orgId, userId);

  app.get("/organisations", { schema: S.listMine }, async (request) => {
    const actor = requireActor(request);
    const orgs = await listMyOrganisations(ctx.db, actor.userId);
    return { organisations: orgs.map((o) => presentOrganisation(actor, o)) };
  });

  app.post("/organisations", { schema: S.create }, async (request, reply) => {
    const actor = requireActor(request);
    instancePolicy.authorize(actor, "createOrganisation", { orgCreation: ctx.config.orgCreation });
    const { org, member } = await createOrganisation({ ctx, ip: request.ip, actor, ...request.body });
    return reply.status(201).send({ organisation: presentOrganisation(actor, { org, member }) });
  });

  app.get("/organisations/:orgId", { schema: S.get }, async (request) => {
    const actor = requireActor(request);
    const access = orgPolicy.authorize(actor, "read", await loadOrg(request.params.orgId, actor.userId));
    return { organisation: presentOrganisation(actor, access) };
  });

  app.patch("/organisations/:orgId", { schema: S.update }, async (request) => {
    const actor = requireActor(request);
    const access = orgPolicy.authorize(actor, "update", await loadOrg(request.params.orgId, actor.userId));
    const { org, sessionsEnded } = await updateOrganisation({ ctx, ip: request.ip, actor, org: access.org, ...request.body });
    return { organisation: presentOrganisation(actor, { ...access, org }), ...(sessionsEnded !== undefined ? { sessionsEnded } : {}) };
  });

  app.get("/organisations/:orgId/members", { schema: S.members }, async (request) => {
    const actor = requireActor(request);
    const access = orgPolicy.authorize(actor, "readMembers", await loadOrg(request.params.orgId, actor.userId));
    const [rows, memberships] = await Promise.all([listMemberRows(ctx.db, access.org.id), listMembershipsInOrganisation(ctx.db, access.org.id)]);
    // Tutors have no organisation row but belong to its groups: they are listed too.
    const userIds = [...new Set([...rows.map((r) => r.user_id), ...memberships.map((m) => m.user_id)])];
    const cards = new Map((await listUserCards(ctx.db, userIds)).map((c) => [c.id, c]));
    const flags = new Map(rows.map((r) => [r.user_id, r]));
    const members = userIds
      .map((userId) => ({
        userId,
        name: cards.get(userId)?.name ?? "",
        email: cards.get(userId)?.email ?? "",
        admin: flags.get(userId)?.is_admin === true,
        groupCreator: flags.get(userId)?.is_group_creator === true,
        groups: memberships
          .filter((m) => m.user_id === userId)
          .map((m) => ({ groupId: m.group_id, name: m.name, role: m.role, owner: m.owner_id === userId })),
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
    return { members };
  });

  app.post("/organisations/:orgId/admins", { schema: S.addAdmin }, async (request, reply) => {
    const actor = requireActor(request);
    const access = orgPolicy.authorize(actor, "manageAdmins", await loadOrg(request.params.orgId, actor.userId));
    await addAdmin({ ctx, ip: request.ip, actor, org: access.org, email: request.body.email });
    return reply.status(204).send(null);
  });

  app.delete("/organisations/:orgId/admins/:userId", { schema: S.removeAdmin }, async (request, reply) => {
    const actor = requireActor(request);
    const access = orgPolicy.authorize(actor, "manageAdmins", await loadOrg(request.params.orgId, actor.userId));
    await removeAdmin({ ctx, ip: request.ip, actor, org: access.org, userId: request.params.userId });
    return reply.status(204).send(null);
  });

  app.post("/organisations/:orgId/group-creators", { schema: S.addGroupCreator }, async (request) => {
    const actor = requireActor(request);
    const access = orgPolicy.authorize(actor, "manageGroupCreators", await loadOrg(request.params.orgId, actor.userId));
    const outcome = await addGroupCreator({ ctx, ip: request.ip, actor, org: access.org, email: request.body.email });
    return { outcome };
  });

  app.delete("/organisations/:orgId/group-creators/:userId", { schema: S.removeGroupCreator }, async (request, reply) => {
    const actor = requireActor(request);
    const access = orgPolicy.authorize(actor, "manageGroupCreators", await loadOrg(request.params.orgId, actor.userId));
    await removeGroupCreator({ ctx, ip: request.ip, actor, org: access.org, userId: request.params.userId });
    return reply.status(204).send(null);
  });

  const inviteCodeOf = async (orgId: string) => {
    const row = await findJoinCode(ctx.db, { organisationId: orgId, groupId: null, purpose: "group_creator" });
    if (!row) throw notFound();
    return row;
  };

  app.get("/organisations/:orgId/invite-code", { schema: S.getInviteCode }, async (request) => {
    const actor = requireActor(request);
    const access = orgPolicy.authorize(actor, "manageGroupCreators", await loadOrg(request.params.orgId, actor.userId));
    return presentJoinCode(await inviteCodeOf(access.org.id), ctx.config.publicUrl);
  });

  app.post("/organisations/:orgId/invite-code/rotate", { schema: S.rotateInviteCode }, async (request) => {
    const actor = requireActor(request);
    const access = orgPolicy.authorize(actor, "manageGroupCreators", await loadOrg(request.params.orgId, actor.userId));
    const row = await rotateJoinCode({ ctx, ip: request.ip, actor, organisationId: access.org.id, groupId: null, purpose: "group_creator" });
    return presentJoinCode(row, ctx.config.publicUrl);
  });

  app.patch("/organisations/:orgId/invite-code", { schema: S.updateInviteCode }, async (request) => {
    const actor = requireActor(request);
    const access = orgPolicy.authorize(actor, "manageGroupCreators", await loadOrg(request.params.orgId, actor.userId));
    const row = await changeJoinCode({ ctx, ip: request.ip, actor, organisationId: access.org.id, groupId: null, purpose: "group_creator", ...request.body });
    return presentJoinCode(row, ctx.config.publicUrl);
  });

  app.get("/organisations/:orgId/invitations", { schema: S.listInvitations }, async (request) => {
    const actor = requireActor(request);
    const access = orgPolicy.authorize(actor, "manageGroupCreators", await loadOrg(request.params.orgId, actor.userId));
    const rows = await listPendingInvitations(ctx.db, access.org.id, null, ctx.clock());
    // Reaching this list needs manageGroupCreators, which is also what withdrawing needs.
    return { invitations: rows.map((r) => presentInvitation(r, { withdraw: true })) };
  });

  app.delete("/organisations/:orgId/invitations/:invitationId", { schema: S.revokeInvitation }, async (request, reply) => {
    const actor = requireActor(request);
    const access = orgPolicy.authorize(actor, "manageGroupCreators", await loadOrg(request.params.orgId, actor.userId));
    await revokeInvitation({ ctx, ip: request.ip, actor, organisationId: access.org.id, groupId: null, invitationId: request.params.invitationId });
    return reply.status(204).send(null);
  });

  app.get("/organisations/:orgId/audit", { schema: S.audit }, async (request) => {
    const actor = requireActor(request);
    const access = orgPolicy.authorize(actor, "readAudit", await loadOrg(request.params.orgId, actor.userId));
    const rows = await listAuditEvents(ctx.db, access.org.id, request.query);
    const names = new Map((await listUserCards(ctx.db, rows.flatMap((r) => (r.actor_id ? [r.actor_id] : [])))).map((u) => [u.id, u.name]));
    return {
      events: rows.map((r) => ({
        id: r.id,
        at: r.created_at,
        action: r.action,
        outcome: r.outcome,
        actor: r.actor_id ? { id: r.actor_id, name: names.get(r.actor_id) ?? "" } : null,
        subjectType: r.subject_type,
        subjectId: r.subject_id,
        ip: r.ip,
        data: JSON.parse(r.data) as Record<string, string | number | boolean | null>,
      })),
    };
  });

  app.get("/organisations/:orgId/audit.csv", { schema: S.auditCsv }, async (request, reply) => {
    const actor = requireActor(request);
    const access = orgPolicy.authorize(actor, "readAudit", await loadOrg(request.params.orgId, actor.userId));
    const { language, ...filter } = request.query;
    // The export is itself in the log, written before the file is streamed (as loops.exported).
    await recordAudit(ctx.db, {
      action: "audit.exported",
      actorId: actor.userId,
      organisationId: access.org.id,
      subjectType: "organisation",
      subjectId: access.org.id,
      ip: request.ip,
      data: { action: filter.action ?? null, actorId: filter.actorId ?? null, from: filter.from ?? null, to: filter.to ?? null, rows: await countAuditEvents(ctx.db, access.org.id, filter) },
      at: ctx.clock(),
    });
    const namesOf = async (ids: string[]) => new Map((await listUserCards(ctx.db, ids)).map((u) => [u.id, u.name]));
    const day = ctx.clock().toISOString().slice(0, 10);
    return downloadHeaders(reply, "text/csv; charset=utf-8", `audit-${day}.csv`).send(csvStream(auditCsvRows(ctx.db, access.org.id, filter, language, namesOf)));
  });

  app.post("/organisations/:orgId/groups", { schema: S.createGroup }, async (request, reply) => {
    const actor = requireActor(request);
    const access = orgPolicy.authorize(actor, "createGroup", await loadOrg(request.params.orgId, actor.userId));
    const { packageId, ...body } = request.body;
    const content = packageId ? await resolvePackageContent(ctx.db, access.org.id, packageId) : undefined;
    if (packageId && !content) throw badRequest("validation", "Choose a package of the library or of this organisation.", { packageId: "invalid_value" });
    const fromPackage = packageId && content ? { id: packageId, content } : undefined;
    const group = await createGroup({ ctx, ip: request.ip, actor, organisationId: access.org.id, ...body, fromPackage });
    const groupAccess = { group, organisationName: access.org.name, role: "leader" as const, isOrgAdmin: access.member?.is_admin === true };
    groupPolicy.authorize(actor, "read", groupAccess);
    return reply.status(201).send({ group: presentGroup(actor, groupAccess) });
  });
}
