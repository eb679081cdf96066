/**
 * Groups, their members, join codes and invitations. Every handler reads top to bottom:
 * auth → validate (schema) → load → authorize → command → present.
 */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import QRCode from "qrcode";
import { requireActor } from "../../auth/plugin.js";
import { notFound } from "../../http/errors.js";
import { listUserCards } from "../accounts/queries.js";
import { findJoinCode, presentJoinCode } from "../joining/codes.js";
import { changeJoinCode, rotateJoinCode } from "../joining/commands.js";
import { inviteByEmail, listPendingInvitations, revokeInvitation } from "../joining/invitations.js";
import { acceptInvitation, joinByCode } from "../joining/join.js";
import { presentInvitation } from "../joining/presenters.js";
import { setGroupActive, updateGroup } from "./commands/groups.js";
import { changeMemberRole, removeMember, transferOwnership } from "./commands/members.js";
import { groupPolicy, type GroupAccess } from "./policy.js";
import { presentGroup, presentGroupMember } from "./presenters.js";
import { listGroupMembers, listGroupsForUser, loadGroupAccess } from "./queries.js";
import * as S from "./schema.js";

/** The action a code or invitation of this role needs: leaders are made by the owner only. */
const inviteAction = (role: string) => (role === "sender" ? "invite" : "inviteLeaders");

export async function groupsRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { ctx } = fastify;
  const load = (groupId: string, userId: string) => loadGroupAccess(ctx.db, groupId, userId);
  const present = (actor: Parameters<typeof presentGroup>[0], access: GroupAccess) => ({ group: presentGroup(actor, access) });

  app.get("/groups", { schema: S.listMine }, async (request) => {
    const actor = requireActor(request);
    const groups = await listGroupsForUser(ctx.db, actor.userId);
    return { groups: groups.filter((g) => groupPolicy.can(actor, "read", g)).map((g) => presentGroup(actor, g)) };
  });

  app.get("/groups/:groupId", { schema: S.get }, async (request) => {
    const actor = requireActor(request);
    return present(actor, groupPolicy.authorize(actor, "read", await load(request.params.groupId, actor.userId)));
  });

  app.patch("/groups/:groupId", { schema: S.update }, async (request) => {
    const actor = requireActor(request);
    const access = groupPolicy.authorize(actor, "update", await load(request.params.groupId, actor.userId));
    const group = await updateGroup({ ctx, ip: request.ip, actor, group: access.group, ...request.body });
    return present(actor, { ...access, group });
  });

  for (const [path, schema, active] of [["inactivate", S.inactivate, false], ["reactivate", S.reactivate, true]] as const) {
    app.post(`/groups/:groupId/${path}`, { schema }, async (request) => {
      const actor = requireActor(request);
      const access = groupPolicy.authorize(actor, "setActive", await load(request.params.groupId, actor.userId));
      const group = await setGroupActive({ ctx, ip: request.ip, actor, group: access.group, active });
      return present(actor, { ...access, group });
    });
  }

  app.post("/groups/:groupId/transfer", { schema: S.transfer }, async (request) => {
    const actor = requireActor(request);
    const access = groupPolicy.authorize(actor, "transfer", await load(request.params.groupId, actor.userId));
    const group = await transferOwnership({ ctx, ip: request.ip, actor, group: access.group, userId: request.body.userId });
    return present(actor, { ...access, group });
  });

  app.get("/groups/:groupId/members", { schema: S.members }, async (request) => {
    const actor = requireActor(request);
    const access = groupPolicy.authorize(actor, "readMembers", await load(request.params.groupId, actor.userId));
    const rows = await listGroupMembers(ctx.db, access.group.id);
    const cards = new Map((await listUserCards(ctx.db, rows.map((r) => r.user_id))).map((c) => [c.id, c]));
    return { members: rows.map((r) => presentGroupMember(actor, access, r, cards.get(r.user_id))) };
  });

  app.patch("/groups/:groupId/members/:userId", { schema: S.changeRole }, async (request, reply) => {
    const actor = requireActor(request);
    const access = groupPolicy.authorize(actor, "manageMembers", await load(request.params.groupId, actor.userId));
    await changeMemberRole({ ctx, ip: request.ip, actor, group: access.group, userId: request.params.userId, role: request.body.role });
    return reply.status(204).send(null);
  });

  app.delete("/groups/:groupId/members/:userId", { schema: S.removeMember }, async (request, reply) => {
    const actor = requireActor(request);
    const access = groupPolicy.authorize(actor, "manageMembers", await load(request.params.groupId, actor.userId));
    await removeMember({ ctx, ip: request.ip, actor, group: access.group, userId: request.params.userId });
    return reply.status(204).send(null);
  });

  app.post("/groups/:groupId/leave", { schema: S.leave }, async (request, reply) => {
    const actor = requireActor(request);
    const access = groupPolicy.authorize(actor, "leave", await load(request.params.groupId, actor.userId));
    await removeMember({ ctx, ip: request.ip, actor, group: access.group, userId: actor.userId });
    return reply.status(204).send(null);
  });

  app.get("/groups/:groupId/codes", { schema: S.codes }, async (request) => {
    const actor = requireActor(request);
    const access = groupPolicy.authorize(actor, "invite", await load(request.params.groupId, actor.userId));
    const target = { organisationId: access.group.organisation_id, groupId: access.group.id };
    // Leader codes make leaders: only those who may hand them out (see authorizeCode) are shown them.
    const purposes = groupPolicy.can(actor, "inviteLeaders", access) ? (["sender", "leader"] as const) : (["sender"] as const);
    const codes = await Promise.all(purposes.map((purpose) => findJoinCode(ctx.db, { ...target, purpose })));
    return { codes: codes.flatMap((c) => (c ? [presentJoinCode(c, ctx.config.publicUrl)] : [])) };
  });

  const authorizeCode = async (request: { params: { groupId: string; purpose: "sender" | "leader" } }, actor: ReturnType<typeof requireActor>) =>
    groupPolicy.authorize(actor, inviteAction(request.params.purpose), await load(request.params.groupId, actor.userId));

  app.post("/groups/:groupId/codes/:purpose/rotate", { schema: S.rotateCode }, async (request) => {
    const actor = requireActor(request);
    const access = await authorizeCode(request, actor);
    const row = await rotateJoinCode({ ctx, ip: request.ip, actor, organisationId: access.group.organisation_id, groupId: access.group.id, purpose: request.params.purpose });
    return presentJoinCode(row, ctx.config.publicUrl);
  });

  app.patch("/groups/:groupId/codes/:purpose", { schema: S.updateCode }, async (request) => {
    const actor = requireActor(request);
    const access = await authorizeCode(request, actor);
    const row = await changeJoinCode({
      ctx, ip: request.ip, actor, organisationId: access.group.organisation_id, groupId: access.group.id, purpose: request.params.purpose, ...request.body,
    });
    return presentJoinCode(row, ctx.config.publicUrl);
  });

  app.get("/groups/:groupId/codes/:purpose/qr.svg", { schema: S.codeQr }, async (request, reply) => {
    const actor = requireActor(request);
    const access = await authorizeCode(request, actor);
    const row = await findJoinCode(ctx.db, { organisationId: access.group.organisation_id, groupId: access.group.id, purpose: request.params.purpose });
    if (!row) throw notFound();
    const svg = await QRCode.toString(presentJoinCode(row, ctx.config.publicUrl).joinUrl, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
    return reply.header("content-type", "image/svg+xml").header("cache-control", "no-store").send(svg);
  });

  app.get("/groups/:groupId/invitations", { schema: S.invitations }, async (request) => {
    const actor = requireActor(request);
    const access = groupPolicy.authorize(actor, "invite", await load(request.params.groupId, actor.userId));
    const rows = await listPendingInvitations(ctx.db, access.group.organisation_id, access.group.id, ctx.clock());
    return { invitations: rows.map((r) => presentInvitation(r, { withdraw: groupPolicy.can(actor, inviteAction(r.purpose), access) })) };
  });

  app.post("/groups/:groupId/invitations", { schema: S.invite }, async (request, reply) => {
    const actor = requireActor(request);
    const access = groupPolicy.authorize(actor, inviteAction(request.body.role), await load(request.params.groupId, actor.userId));
    const invitation = await inviteByEmail({
      ctx, ip: request.ip, actor, organisation: { id: access.group.organisation_id, name: access.organisationName }, group: access.group,
      purpose: request.body.role, email: request.body.email,
    });
    return reply.status(201).send(presentInvitation(invitation, { withdraw: true }));
  });

  app.delete("/groups/:groupId/invitations/:invitationId", { schema: S.revokeInvitation }, async (request, reply) => {
    const actor = requireActor(request);
    const access = groupPolicy.authorize(actor, "invite", await load(request.params.groupId, actor.userId));
    const pending = await listPendingInvitations(ctx.db, access.group.organisation_id, access.group.id, ctx.clock());
    const invitation = pending.find((i) => i.id === request.params.invitationId);
    // Leader and tutor invitations are the owner's to give, and so to withdraw.
    if (invitation) groupPolicy.authorize(actor, inviteAction(invitation.purpose), access);
    await revokeInvitation({ ctx, ip: request.ip, actor, organisationId: access.group.organisation_id, groupId: access.group.id, invitationId: request.params.invitationId });
    return reply.status(204).send(null);
  });

  app.post("/join", { schema: S.join }, async (request) => {
    const actor = requireActor(request);
    return joinByCode({ ctx, ip: request.ip, actor, code: request.body.code });
  });

  app.post("/invitations/accept", { schema: S.acceptInvitation }, async (request) => {
    const actor = requireActor(request);
    return acceptInvitation({ ctx, ip: request.ip, actor, token: request.body.token });
  });
}
