/**
 * Recurring check-ins. Every handler reads top to bottom:
 * auth → validate (schema) → load → authorize → command → present.
 */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { requireActor } from "../../auth/plugin.js";
import type { GroupRow } from "../../db/types.js";
import { groupPolicy } from "../groups/policy.js";
import { listMemberIdsWho, loadGroupAccess } from "../groups/queries.js";
import { occurrenceStats } from "../loops/progress.js";
import { organisationTimeZone } from "../organisations/queries.js";
import { findTags, listTags } from "../tasks/queries.js";
import { createCheckin, deleteCheckin, updateCheckin } from "./commands.js";
import { checkinPolicy, occurrencePolicy, type CheckinAccess, type OccurrenceAccess } from "./policy.js";
import { presentCheckin, presentOccurrence, presentOccurrenceStats } from "./presenters.js";
import { findCheckinById, findOccurrenceById, listCheckins, listOccurrences, tagIdsOf } from "./queries.js";
import * as S from "./schema.js";

export async function checkinsRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { ctx } = fastify;

  /** The organisation's IANA zone, in which every check-in's weekday and time are meant. */
  const timeZoneOf = (organisationId: string) => organisationTimeZone(ctx.db, organisationId);
  const groupTagIds = async (group: GroupRow) => new Set((await listTags(ctx.db, group.organisation_id, group.id)).map((t) => t.id));

  const loadCheckin = async (checkinId: string, userId: string): Promise<CheckinAccess | undefined> => {
    const checkin = await findCheckinById(ctx.db, checkinId);
    const access = checkin && (await loadGroupAccess(ctx.db, checkin.group_id, userId));
    return checkin && access && access.group.organisation_id === checkin.organisation_id ? { access, checkin } : undefined;
  };
  const loadOccurrence = async (occurrenceId: string, userId: string): Promise<OccurrenceAccess | undefined> => {
    const occurrence = await findOccurrenceById(ctx.db, occurrenceId);
    const access = occurrence && (await loadGroupAccess(ctx.db, occurrence.group_id, userId));
    return occurrence && access && access.group.organisation_id === occurrence.organisation_id ? { access, occurrence } : undefined;
  };

  app.get("/groups/:groupId/checkins", { schema: S.listCheckins }, async (request) => {
    const actor = requireActor(request);
    const access = groupPolicy.authorize(actor, "publish", await loadGroupAccess(ctx.db, request.params.groupId, actor.userId));
    const [rows, timeZone, tagIds] = await Promise.all([
      listCheckins(ctx.db, access.group.organisation_id, access.group.id),
      timeZoneOf(access.group.organisation_id),
      groupTagIds(access.group),
    ]);
    return { timeZone, checkins: rows.map((checkin) => presentCheckin(actor, { access, checkin }, timeZone, tagIds)) };
  });

  app.post("/groups/:groupId/checkins", { schema: S.createCheckin }, async (request, reply) => {
    const actor = requireActor(request);
    const access = groupPolicy.authorize(actor, "publish", await loadGroupAccess(ctx.db, request.params.groupId, actor.userId));
    const timeZone = await timeZoneOf(access.group.organisation_id);
    const checkin = await createCheckin({ ctx, ip: request.ip, actor, group: access.group, timeZone, ...request.body });
    return reply.status(201).send({ checkin: presentCheckin(actor, { access, checkin }, timeZone, await groupTagIds(access.group)) });
  });

  app.patch("/checkins/:checkinId", { schema: S.updateCheckin }, async (request) => {
    const actor = requireActor(request);
    const { access, checkin } = checkinPolicy.authorize(actor, "update", await loadCheckin(request.params.checkinId, actor.userId));
    const timeZone = await timeZoneOf(access.group.organisation_id);
    const updated = await updateCheckin({ ctx, ip: request.ip, actor, group: access.group, timeZone, checkin, ...request.body });
    return { checkin: presentCheckin(actor, { access, checkin: updated }, timeZone, await groupTagIds(access.group)) };
  });

  app.delete("/checkins/:checkinId", { schema: S.deleteCheckin }, async (request, reply) => {
    const actor = requireActor(request);
    const { checkin } = checkinPolicy.authorize(actor, "delete", await loadCheckin(request.params.checkinId, actor.userId));
    await deleteCheckin({ ctx, ip: request.ip, actor, checkin });
    return reply.status(204).send(null);
  });

  app.get("/checkins/:checkinId/occurrences", { schema: S.listOccurrences }, async (request) => {
    const actor = requireActor(request);
    const { access, checkin } = checkinPolicy.authorize(actor, "readOccurrences", await loadCheckin(request.params.checkinId, actor.userId));
    const { limit, before } = request.query;
    // One more than asked tells whether an older page exists.
    const rows = await listOccurrences(ctx.db, checkin, limit + 1, before);
    const page = rows.slice(0, limit);
    const [answers, answering] = await Promise.all([
      occurrenceStats(ctx.db, checkin.organisation_id, page.map((o) => o.id)),
      listMemberIdsWho(ctx.db, access.group, "sendLoop"),
    ]);
    const memberCount = answering.length;
    return {
      occurrences: page.map((o) => presentOccurrenceStats(o, answers.get(o.id), memberCount)),
      nextCursor: rows.length > limit ? page[page.length - 1]!.occurs_at : null,
    };
  });

  app.get("/checkin-occurrences/:occurrenceId", { schema: S.getOccurrence }, async (request) => {
    const actor = requireActor(request);
    const o = occurrencePolicy.authorize(actor, "read", await loadOccurrence(request.params.occurrenceId, actor.userId));
    const checkin = await findCheckinById(ctx.db, o.occurrence.checkin_id);
    const [suggested, timeZone] = await Promise.all([
      checkin ? findTags(ctx.db, o.access.group.organisation_id, o.access.group.id, tagIdsOf(checkin)) : [],
      timeZoneOf(o.access.group.organisation_id),
    ]);
    return { occurrence: presentOccurrence(actor, o, suggested, timeZone) };
  });
}
