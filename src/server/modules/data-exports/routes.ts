/**
 * "Download my data" (issue 7): request an export of my own data, of a member's (administrators,
 * on the member's request) or of a group (its owner); list my exports; download one. Every
 * handler reads auth → validate (schema) → load → authorize → command → present.
 */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { requireActor } from "../../auth/plugin.js";
import { downloadHeaders } from "../../http/csv.js";
import { notFound } from "../../http/errors.js";
import type { DataExportRow } from "../../db/tables/data-exports.js";
import type { Actor } from "../../policies/index.js";
import { EXPORT_INTERVAL_HOURS } from "../../../shared/schemas/data-exports.js";
import { listUserCards } from "../accounts/queries.js";
import { profileOf } from "../accounts/personal-data.js";
import { groupsById } from "../groups/personal-data.js";
import { loadGroupAccess } from "../groups/queries.js";
import { orgPolicy } from "../organisations/policy.js";
import { findMember, loadOrgAccess } from "../organisations/queries.js";
import { recordDownload, requestExport } from "./commands.js";
import { exportPolicy, groupExportPolicy } from "./policy.js";
import { presentExport } from "./presenters.js";
import { findExport, latestExportSince, listExportsBy } from "./queries.js";
import * as S from "./schema.js";

export async function dataExportsRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { ctx } = fastify;

  /** Exports with their subjects' names (a member's name, a group's name), a link only to those the actor may still download. */
  async function present(actor: Actor, rows: DataExportRow[]) {
    const [people, groups, entitled] = await Promise.all([
      listUserCards(ctx.db, rows.flatMap((r) => (r.kind === "member" && r.subject_user_id ? [r.subject_user_id] : []))),
      groupsById(ctx.db, rows.flatMap((r) => (r.group_id ? [r.group_id] : []))),
      Promise.all(rows.map((r) => (r.status === "ready" ? stillEntitled(actor, r) : false))),
    ]);
    const names = new Map(people.map((p) => [p.id, p.name]));
    const now = ctx.clock();
    return rows.map((r, i) =>
      presentExport(r, r.kind === "member" ? (names.get(r.subject_user_id ?? "") ?? null) : r.kind === "group" ? (groups.get(r.group_id ?? "")?.name ?? null) : null, now, entitled[i]!),
    );
  }
  const languageOf = async (userId: string) => (await profileOf(ctx.db, userId))?.language ?? "en";

  /**
   * Someone else's data stays the requester's only while they may still ask for it: an
   * administrator who stepped down, or an owner who handed the group over, no longer downloads it.
   */
  async function stillEntitled(actor: Actor, row: DataExportRow): Promise<boolean> {
    if (row.kind === "member") {
      const org = row.organisation_id ? await loadOrgAccess(ctx.db, row.organisation_id, actor.userId) : undefined;
      return org !== undefined && orgPolicy.can(actor, "readMembers", org);
    }
    if (row.kind === "group") {
      const group = row.group_id ? await loadGroupAccess(ctx.db, row.group_id, actor.userId) : undefined;
      return group !== undefined && groupExportPolicy.can(actor, "export", group);
    }
    return true;
  }

  app.get("/me/exports", { schema: S.list }, async (request) => {
    const actor = requireActor(request);
    const rows = await listExportsBy(ctx.db, actor.userId);
    const since = new Date(ctx.clock().getTime() - EXPORT_INTERVAL_HOURS * 3_600_000).toISOString();
    const last = await latestExportSince(ctx.db, { requestedBy: actor.userId, kind: "self", subjectUserId: actor.userId, groupId: null }, since);
    const next = last ? new Date(new Date(last.requested_at).getTime() + EXPORT_INTERVAL_HOURS * 3_600_000).toISOString() : null;
    return { exports: await present(actor, rows), nextSelfExportAt: next };
  });

  app.post("/me/exports", { schema: S.requestMine }, async (request, reply) => {
    const actor = requireActor(request);
    const row = await requestExport({
      ctx,
      ip: request.ip,
      actor,
      kind: "self",
      organisationId: null,
      subjectUserId: actor.userId,
      groupId: null,
      language: await languageOf(actor.userId),
    });
    return reply.status(202).send({ export: (await present(actor, [row]))[0]! });
  });

  app.post("/organisations/:orgId/members/:userId/export", { schema: S.requestMember }, async (request, reply) => {
    const actor = requireActor(request);
    const { orgId, userId } = request.params;
    const access = orgPolicy.authorize(actor, "readMembers", await loadOrgAccess(ctx.db, orgId, actor.userId));
    // Only a member of this organisation: anyone else is as unknown as a missing id.
    if (!(await findMember(ctx.db, access.org.id, userId))) throw notFound();
    const row = await requestExport({ ctx, ip: request.ip, actor, kind: "member", organisationId: access.org.id, subjectUserId: userId, groupId: null, language: await languageOf(actor.userId) });
    return reply.status(202).send({ export: (await present(actor, [row]))[0]! });
  });

  app.post("/groups/:groupId/export", { schema: S.requestGroup }, async (request, reply) => {
    const actor = requireActor(request);
    const access = groupExportPolicy.authorize(actor, "export", await loadGroupAccess(ctx.db, request.params.groupId, actor.userId));
    const row = await requestExport({
      ctx,
      ip: request.ip,
      actor,
      kind: "group",
      organisationId: access.group.organisation_id,
      subjectUserId: null,
      groupId: access.group.id,
      language: await languageOf(actor.userId),
    });
    return reply.status(202).send({ export: (await present(actor, [row]))[0]! });
  });

  app.get("/exports/:exportId/download", { schema: S.download }, async (request, reply) => {
    const actor = requireActor(request);
    const row = exportPolicy.authorize(actor, "download", await findExport(ctx.db, request.params.exportId));
    if (!(await stillEntitled(actor, row))) throw notFound();
    // Past its 48 hours it is gone, whether or not the expiry job has run yet.
    const valid = row.blob_key && row.expires_at && new Date(row.expires_at) > ctx.clock();
    const blob = valid ? await ctx.blobs.getStream(row.blob_key!) : null;
    if (!blob) throw notFound();
    await recordDownload({ ctx, ip: request.ip, actor, export: row });
    const name = `openloop-${row.kind === "group" ? "group" : "data"}-${row.requested_at.slice(0, 10)}.zip`;
    return downloadHeaders(reply, "application/zip", name).header("content-length", String(blob.size)).send(blob.stream);
  });
}
