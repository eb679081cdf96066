/**
 * Erasure — "delete my account" (issue 7): what it would do, doing it (the person, after their
 * password and a confirmation), and an administrator's erasure of a member's data in their
 * organisation. Every handler reads auth → validate (schema) → load → authorize → command → present.
 */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { requireActor } from "../../auth/plugin.js";
import { clearSessionCookie } from "../../auth/sessions.js";
import { notFound } from "../../http/errors.js";
import { findUserById } from "../accounts/queries.js";
import { userPolicy } from "../accounts/policy.js";
import { countCommentsOnOthersLoops } from "../comments/erasure.js";
import { countLoopsSentBy } from "../loops/erasure.js";
import { organisationsRemovingErasedComments } from "../organisations/erasure.js";
import { findMember, findOrganisations, loadOrgAccess } from "../organisations/queries.js";
import { eraseMember, eraseMyAccount, handOversNeeded } from "./commands.js";
import { memberErasurePolicy } from "./policy.js";
import * as S from "./schema.js";

export async function erasureRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { ctx } = fastify;

  app.get("/me/erasure", { schema: S.preview }, async (request) => {
    const actor = requireActor(request);
    const user = userPolicy.authorize(actor, "read", await findUserById(ctx.db, actor.userId));
    const scope = { userId: user.id, organisationId: null };
    const [handOver, loops, comments] = await Promise.all([handOversNeeded(ctx.db, scope), countLoopsSentBy(ctx.db, scope), countCommentsOnOthersLoops(ctx.db, user.id)]);
    const orgIds = comments.map((c) => c.organisationId);
    const [orgs, removing] = await Promise.all([findOrganisations(ctx.db, orgIds), organisationsRemovingErasedComments(ctx.db, orgIds)]);
    const names = new Map(orgs.map((o) => [o.id, o.name]));
    return {
      groupsToHandOver: handOver.groups,
      organisationsToHandOver: handOver.organisations,
      groupsDeleted: handOver.groupsDeleted,
      organisationsDeleted: handOver.organisationsDeleted,
      loops,
      comments: comments.map((c) => ({ organisation: { id: c.organisationId, name: names.get(c.organisationId) ?? "" }, count: c.count, kept: !removing.has(c.organisationId) })),
    };
  });

  app.post("/me/erase", { schema: S.eraseMe }, async (request, reply) => {
    const actor = requireActor(request);
    const user = userPolicy.authorize(actor, "read", await findUserById(ctx.db, actor.userId));
    await eraseMyAccount({ ctx, ip: request.ip, actor, user, password: request.body.password });
    clearSessionCookie(request, reply);
    return { erased: true as const };
  });

  app.post("/organisations/:orgId/members/:userId/erase", { schema: S.eraseMember }, async (request) => {
    const actor = requireActor(request);
    const { orgId, userId } = request.params;
    const access = memberErasurePolicy.authorize(actor, "eraseMember", await loadOrgAccess(ctx.db, orgId, actor.userId));
    // Only a member of this organisation: anyone else is as unknown as a missing id.
    const member = (await findMember(ctx.db, access.org.id, userId)) ? await findUserById(ctx.db, userId) : undefined;
    if (!member) throw notFound();
    const erased = await eraseMember({ ctx, ip: request.ip, actor, organisationId: access.org.id, member });
    return { erased };
  });
}
