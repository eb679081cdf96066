/**
 * Statistics: the group dashboard (leaders and tutors), the sender's own view and the
 * organisation dashboard (administrators). Reads only, never audited. Every handler reads
 * auth → validate (schema) → load → authorize → compute (queries) → present.
 */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { requireActor } from "../../auth/plugin.js";
import { notFound } from "../../http/errors.js";
import { DEFAULT_TIME_ZONE } from "../../../shared/schemas/organisations.js";
import { groupPolicy } from "../groups/policy.js";
import { findGroups, listGroupsForUser, loadGroupAccess } from "../groups/queries.js";
import { listMyLoopGroupIds } from "../loops/queries.js";
import { orgPolicy } from "../organisations/policy.js";
import { loadOrgAccess, organisationTimeZone } from "../organisations/queries.js";
import { statisticsPeriod } from "./period.js";
import { presentGroupStatistics, presentMyStatistics, presentOrganisationStatistics } from "./presenters.js";
import { loadGroupStatistics, loadMyStatistics, loadOrganisationStatistics } from "./queries.js";
import * as S from "./schema.js";

export async function statisticsRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { ctx } = fastify;

  app.get("/groups/:groupId/statistics", { schema: S.group }, async (request) => {
    const actor = requireActor(request);
    const { group } = groupPolicy.authorize(actor, "readStatistics", await loadGroupAccess(ctx.db, request.params.groupId, actor.userId));
    const org = (await loadOrgAccess(ctx.db, group.organisation_id, actor.userId))!.org;
    const { from, to, inactiveDays } = request.query;
    const period = statisticsPeriod(from, to, org.time_zone, ctx.clock());
    return presentGroupStatistics(await loadGroupStatistics(ctx.db, group, { period, minSenders: org.statistics_min_senders, inactiveDays }), actor.userId);
  });

  app.get("/me/statistics", { schema: S.mine }, async (request) => {
    const actor = requireActor(request);
    const { from, to, groupId } = request.query;
    // My loops stay mine in a group I have left (as in my loops), while the group is active;
    // tasks are those of the groups I send in now.
    const mine = await listGroupsForUser(ctx.db, actor.userId);
    const sending = mine.filter((g) => groupPolicy.can(actor, "sendLoop", g)).map((g) => g.group);
    const sentIn = (await findGroups(ctx.db, await listMyLoopGroupIds(ctx.db, actor.userId))).filter((g) => g.is_active);
    // A group I may read but do not send in (one I lead) is asked for by name: it has none of my loops.
    const asked = mine.filter((g) => g.group.id === groupId && groupPolicy.can(actor, "read", g)).map((g) => g.group);
    const byId = new Map([...asked, ...sentIn, ...sending].map((g) => [g.id, g]));
    const groups = [...byId.values()].filter((g) => groupId === undefined || g.id === groupId).sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    if (groupId !== undefined && groups.length === 0) throw notFound();
    const timeZone = groups[0] ? await organisationTimeZone(ctx.db, groups[0].organisation_id) : DEFAULT_TIME_ZONE;
    const period = statisticsPeriod(from, to, timeZone, ctx.clock());
    const shown = new Set(groups.map((g) => g.id));
    return presentMyStatistics(
      await loadMyStatistics(
        ctx.db,
        actor.userId,
        period,
        groups,
        sending.filter((g) => shown.has(g.id)),
      ),
    );
  });

  app.get("/organisations/:orgId/statistics", { schema: S.organisation }, async (request) => {
    const actor = requireActor(request);
    const { org } = orgPolicy.authorize(actor, "readStatistics", await loadOrgAccess(ctx.db, request.params.orgId, actor.userId));
    const period = statisticsPeriod(request.query.from, request.query.to, org.time_zone, ctx.clock());
    return presentOrganisationStatistics(await loadOrganisationStatistics(ctx.db, org, period, actor.userId));
  });
}
