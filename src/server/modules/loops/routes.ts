/**
 * Loops: sending (with files), reading, correcting, approving; the inbox, my loops and the
 * live event stream. Every handler reads auth → validate (schema) → load → authorize → command → present.
 */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { requireActor } from "../../auth/plugin.js";
import { badRequest, notFound } from "../../http/errors.js";
import { parseOrThrow } from "../../http/validation.js";
import type { Actor } from "../../policies/index.js";
import { SendLoopBody } from "../../../shared/schemas/loops.js";
import { listUserCards } from "../accounts/queries.js";
import { groupPolicy, type GroupAccess } from "../groups/policy.js";
import { listGroupsForUser, loadGroupAccess } from "../groups/queries.js";
import { readAttachmentForm, sendAttachment } from "./attachment-http.js";
import { approveReport, withdrawApproval } from "./commands/approve.js";
import { deleteLoop, editLoop } from "./commands/change.js";
import { markLoopRead } from "./commands/read.js";
import { sendLoop } from "./commands/send.js";
import { openEventStream } from "./live.js";
import { countExportLoops, csvStream, exportPeriod, exportRows, xlsxStream } from "./export.js";
import { assertPeriodOrder } from "../../http/validation.js";
import { recordAudit } from "../../audit/index.js";
import { downloadHeaders } from "../../http/csv.js";
import { organisationTimeZone } from "../organisations/queries.js";
import { loopPolicy, type LoopAccess } from "./policy.js";
import { presentLoop } from "./presenters.js";
import { decodeCursor, encodeCursor, findAttachment, listInbox, listMyLoopGroupIds, listMyLoops, loadLoopAccess, loadLoopDetails } from "./queries.js";
import * as S from "./schema.js";
import type { LoopRow } from "../../db/types.js";

export async function loopsRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { ctx } = fastify;
  const load = (loopId: string, userId: string) => loadLoopAccess(ctx.db, loopId, userId);

  async function present(actor: Actor, la: LoopAccess) {
    return { loop: presentLoop(actor, la, await loadLoopDetails(ctx.db, [la.loop], actor.userId)) };
  }

  app.post("/groups/:groupId/loops", { schema: S.send }, async (request, reply) => {
    const actor = requireActor(request);
    const access = groupPolicy.authorize(actor, "sendLoop", await loadGroupAccess(ctx.db, request.params.groupId, actor.userId));
    // Counted before any file is read, so a flood costs no processing.
    await ctx.limiters.postPerUser.consume(actor.userId);
    const { body, files } = request.isMultipart()
      ? await readAttachmentForm(ctx, request, { field: "loop", noun: "loop", parse: (json) => parseOrThrow(SendLoopBody, json), anonymous: (b) => b.anonymous })
      : { body: parseOrThrow(SendLoopBody, request.body ?? {}), files: [] };
    const { loop, details } = await sendLoop({ ctx, ip: request.ip, actor, access, ...body, files });
    const mine = actor.card ? [{ id: actor.userId, ...actor.card }] : await listUserCards(ctx.db, [actor.userId]);
    const cards = new Map(mine.map((c) => [c.id, c]));
    return reply.status(201).send({ loop: presentLoop(actor, { loop, access }, { ...details, cards, readAt: new Map() }) });
  });

  app.get("/loops/:loopId", { schema: S.get }, async (request) => {
    const actor = requireActor(request);
    return present(actor, loopPolicy.authorize(actor, "read", await load(request.params.loopId, actor.userId)));
  });

  app.patch("/loops/:loopId", { schema: S.edit }, async (request) => {
    const actor = requireActor(request);
    const la = loopPolicy.authorize(actor, "edit", await load(request.params.loopId, actor.userId));
    const loop = await editLoop({ ctx, ip: request.ip, actor, loop: la.loop, ...request.body });
    return present(actor, { ...la, loop });
  });

  app.delete("/loops/:loopId", { schema: S.remove }, async (request, reply) => {
    const actor = requireActor(request);
    const la = loopPolicy.authorize(actor, "delete", await load(request.params.loopId, actor.userId));
    await deleteLoop({ ctx, ip: request.ip, actor, loop: la.loop });
    return reply.status(204).send(null);
  });

  app.post("/loops/:loopId/approve", { schema: S.approve }, async (request) => {
    const actor = requireActor(request);
    const la = loopPolicy.authorize(actor, "approve", await load(request.params.loopId, actor.userId));
    const loop = await approveReport({ ctx, ip: request.ip, actor, loop: la.loop, comment: request.body?.comment });
    return present(actor, { ...la, loop });
  });

  app.delete("/loops/:loopId/approve", { schema: S.withdrawApproval }, async (request) => {
    const actor = requireActor(request);
    const la = loopPolicy.authorize(actor, "approve", await load(request.params.loopId, actor.userId));
    const loop = await withdrawApproval({ ctx, ip: request.ip, actor, loop: la.loop });
    return present(actor, { ...la, loop });
  });

  app.post("/loops/:loopId/read", { schema: S.read }, async (request, reply) => {
    const actor = requireActor(request);
    const la = loopPolicy.authorize(actor, "read", await load(request.params.loopId, actor.userId));
    await markLoopRead({ ctx, actor, loop: la.loop });
    return reply.status(204).send(null);
  });

  app.get("/loops/:loopId/attachments/:attachmentId", { schema: S.attachment }, async (request, reply) => {
    const actor = requireActor(request);
    const la = loopPolicy.authorize(actor, "read", await load(request.params.loopId, actor.userId));
    const attachment = await findAttachment(ctx.db, la.loop, request.params.attachmentId);
    if (!(await sendAttachment(ctx, reply, attachment, request.query.variant))) throw notFound();
    return reply;
  });

  app.get("/inbox", { schema: S.inbox }, async (request) => {
    const actor = requireActor(request);
    const q = request.query;
    if (q.from && q.to) assertPeriodOrder(q.from, q.to);
    const groups = (await listGroupsForUser(ctx.db, actor.userId)).filter((g) => groupPolicy.can(actor, "readLoops", g));
    const rows = await listInbox(ctx.db, {
      groups: groups.map((g) => ({ id: g.group.id, organisationId: g.group.organisation_id })),
      viewerId: actor.userId,
      groupId: q.groupId,
      taskId: q.taskId,
      kind: q.kind,
      tagId: q.tagId,
      emoji: q.emoji,
      senderId: q.senderId,
      checkinOccurrenceId: q.checkinOccurrenceId,
      unread: q.unread === undefined ? undefined : q.unread === "true",
      unanswered: q.unanswered === undefined ? undefined : q.unanswered === "true",
      approved: q.approved === undefined ? undefined : q.approved === "true",
      q: q.q,
      from: q.from,
      to: q.to,
      cursor: cursorOrThrow(q.cursor),
      limit: q.limit,
    });
    return page(actor, rows, groups, q.limit, (l) => l.listed_at);
  });

  app.get("/me/loops", { schema: S.mine }, async (request) => {
    const actor = requireActor(request);
    const q = request.query;
    // Every group I sent in, also one I have left: my loops stay mine to read, correct and delete
    // (the loop policy's sender rule) as long as the group is active.
    const groups = (await Promise.all((await listMyLoopGroupIds(ctx.db, actor.userId)).map((id) => loadGroupAccess(ctx.db, id, actor.userId)))).filter(
      (g): g is GroupAccess => g !== undefined && g.group.is_active,
    );
    const rows = await listMyLoops(ctx.db, {
      viewerId: actor.userId,
      groupIds: groups.map((g) => g.group.id),
      groupId: q.groupId,
      cursor: cursorOrThrow(q.cursor),
      limit: q.limit,
    });
    return page(actor, rows, groups, q.limit, (l) => l.created_at);
  });

  async function exportOf(request: { params: { groupId: string }; query: { from: string; to: string; language: "en" | "sv" }; ip: string }, actor: Actor, format: "csv" | "xlsx") {
    const access = groupPolicy.authorize(actor, "readLoops", await loadGroupAccess(ctx.db, request.params.groupId, actor.userId));
    const { group } = access;
    const period = exportPeriod(request.query.from, request.query.to, await organisationTimeZone(ctx.db, group.organisation_id));
    const rows = await countExportLoops(ctx.db, group, period);
    await recordAudit(ctx.db, {
      action: "loops.exported",
      actorId: actor.userId,
      organisationId: group.organisation_id,
      subjectType: "group",
      subjectId: group.id,
      ip: request.ip,
      data: { from: period.from, to: period.to, format, rows },
      at: ctx.clock(),
    });
    return { filename: `loops-${period.from}-${period.to}.${format}`, rows: exportRows(ctx.db, group, period, request.query.language, actor.userId) };
  }

  app.get("/groups/:groupId/loops/export.csv", { schema: S.exportCsv }, async (request, reply) => {
    const actor = requireActor(request);
    const { filename, rows } = await exportOf(request, actor, "csv");
    return downloadHeaders(reply, "text/csv; charset=utf-8", filename).send(csvStream(rows));
  });

  app.get("/groups/:groupId/loops/export.xlsx", { schema: S.exportXlsx }, async (request, reply) => {
    const actor = requireActor(request);
    const { filename, rows } = await exportOf(request, actor, "xlsx");
    return downloadHeaders(reply, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", filename).send(xlsxStream(rows, request.query.language));
  });

  app.get("/events", { schema: S.events }, async (request, reply) => {
    const actor = requireActor(request);
    openEventStream(ctx, request, reply, actor);
  });

  async function page(actor: Actor, rows: LoopRow[], groups: GroupAccess[], limit: number, sortKey: (l: LoopRow) => string) {
    const shown = rows.slice(0, limit);
    const accessByGroup = new Map(groups.map((g) => [g.group.id, g]));
    const details = await loadLoopDetails(ctx.db, shown, actor.userId);
    const last = shown.at(-1);
    return {
      loops: shown.map((loop) => presentLoop(actor, { loop, access: accessByGroup.get(loop.group_id)! }, details)),
      nextCursor: rows.length > limit && last ? encodeCursor(sortKey(last), last.id) : null,
    };
  }
}

function cursorOrThrow(cursor: string | undefined) {
  const decoded = decodeCursor(cursor);
  if (cursor && !decoded) throw badRequest("validation", "The cursor is not valid; start from the first page.", { cursor: "invalid" });
  return decoded;
}
