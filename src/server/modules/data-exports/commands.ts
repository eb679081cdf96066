/**
 * Exports: one verb per function, each with its audit row (request, ready, download, expiry).
 * Requesting writes a pending row and queues the build; the build job writes the ZIP into the
 * blob store, marks the row ready for 48 hours and tells the requester (feed + e-mail); the
 * expiry job deletes the file and marks the row expired.
 */
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import type { AppContext, CommandBase } from "../../app.js";
import { recordAudit } from "../../audit/index.js";
import type { DbOrTx } from "../../db/index.js";
import type { DataExportKind, DataExportRow } from "../../db/tables/data-exports.js";
import { HttpError } from "../../http/errors.js";
import { describeMailFailure } from "../../mail/mailer.js";
import type { Actor } from "../../policies/index.js";
import { newBlobKey } from "../../storage/blob-store.js";
import { EXPORT_INTERVAL_HOURS, EXPORT_VALID_HOURS } from "../../../shared/schemas/data-exports.js";
import { profileOf } from "../accounts/personal-data.js";
import { organisationMembershipsOf } from "../organisations/personal-data.js";
import { groupMembershipsOf } from "../groups/personal-data.js";
import { announce, notify, type Notified } from "../notifications/notify.js";
import { buildExportZip } from "./build.js";
import { exportReadyEmail } from "./emails.js";
import { findExport, latestExportSince, listExpired } from "./queries.js";

const HOUR_MS = 3_600_000;
/** The queued job that builds one export. */
export const BUILD_EXPORT_JOB = "data-exports.build";

function auditExport(db: DbOrTx, e: DataExportRow, action: string, actorId: string | null, ip: string | null, at: Date, outcome: "success" | "failure" = "success") {
  return recordAudit(db, {
    action,
    actorId,
    organisationId: e.organisation_id,
    subjectType: "data_export",
    subjectId: e.id,
    ip,
    outcome,
    // Whose data, by id only (never a name or e-mail in the audit log).
    data: { kind: e.kind, subject: e.subject_user_id, group: e.group_id },
    at,
  });
}

/**
 * Requests an export: my own data (`self`), a member's data in an organisation (`member`,
 * administrators) or a group's (`group`, its owner). One per 24 hours per requester and subject:
 * a second within the window is 429 with the time the next one is possible.
 */
export async function requestExport(
  input: CommandBase & { actor: Actor; kind: DataExportKind; organisationId: string | null; subjectUserId: string | null; groupId: string | null; language: "en" | "sv" },
): Promise<DataExportRow> {
  const { ctx, ip, actor } = input;
  const now = ctx.clock();
  const row: DataExportRow = {
    id: randomUUID(),
    organisation_id: input.organisationId,
    kind: input.kind,
    requested_by: actor.userId,
    subject_user_id: input.subjectUserId,
    group_id: input.groupId,
    language: input.language,
    status: "pending",
    blob_key: null,
    size: null,
    requested_at: now.toISOString(),
    ready_at: null,
    expires_at: null,
  };
  await ctx.db.transaction().execute(async (tx) => {
    // Two requests at once must not both pass the check: PostgreSQL's read committed would let
    // them; one lock per requester serialises them (SQLite runs one write transaction at a time).
    if (ctx.dbHandle.dialect === "postgres") await sql`select pg_advisory_xact_lock(hashtext(${`data_export:${actor.userId}`}))`.execute(tx);
    const since = new Date(now.getTime() - EXPORT_INTERVAL_HOURS * HOUR_MS).toISOString();
    const last = await latestExportSince(tx, { requestedBy: actor.userId, kind: row.kind, subjectUserId: row.subject_user_id, groupId: row.group_id }, since);
    if (last) throw exportTooSoon(new Date(new Date(last.requested_at).getTime() + EXPORT_INTERVAL_HOURS * HOUR_MS), now);
    await tx.insertInto("data_exports").values(row).execute();
    await auditExport(tx, row, "data_export.requested", actor.userId, ip, now);
  });
  await ctx.jobs.enqueue(BUILD_EXPORT_JOB, { exportId: row.id });
  return row;
}

/** The next export is possible at `next`: 429 saying so, with Retry-After. */
function exportTooSoon(next: Date, now: Date): HttpError {
  const seconds = Math.max(1, Math.ceil((next.getTime() - now.getTime()) / 1000));
  return new HttpError(429, "rate_limited", `One export per ${EXPORT_INTERVAL_HOURS} hours. The next one is possible from ${next.toISOString()}.`, undefined, {
    "retry-after": String(seconds),
  });
}

/** The organisation a person's feed item about their own export goes to: the first of theirs (the feed is per organisation). */
async function feedOrganisationOf(db: DbOrTx, userId: string): Promise<string | null> {
  const [org] = await organisationMembershipsOf(db, userId);
  if (org) return org.id;
  const [group] = await groupMembershipsOf(db, userId);
  return group?.organisation_id ?? null;
}

/**
 * Builds a pending export (the job). Does nothing for an export that is no longer pending, so a
 * job run twice (a retry, the sweep) finds nothing to do; a failed build leaves no blob and marks
 * the export failed.
 */
export async function buildExport(ctx: AppContext, exportId: string): Promise<void> {
  const row = await findExport(ctx.db, exportId);
  if (!row || row.status !== "pending") return;
  const key = newBlobKey("exports", "zip");
  let size: number;
  try {
    size = await buildExportZip(ctx, row, key);
  } catch (err) {
    ctx.log.error({ err, exportId }, "data export failed");
    await ctx.db.transaction().execute(async (tx) => {
      const failed = await tx.updateTable("data_exports").set({ status: "failed" }).where("id", "=", row.id).where("status", "=", "pending").executeTakeFirst();
      if (Number(failed.numUpdatedRows) > 0) await auditExport(tx, row, "data_export.failed", null, null, ctx.clock(), "failure");
    });
    return;
  }
  const now = ctx.clock();
  const expiresAt = new Date(now.getTime() + EXPORT_VALID_HOURS * HOUR_MS).toISOString();
  const markReady = ctx.db.transaction().execute(async (tx): Promise<Notified | null> => {
    const done = await tx
      .updateTable("data_exports")
      .set({ status: "ready", blob_key: key, size, ready_at: now.toISOString(), expires_at: expiresAt })
      .where("id", "=", row.id)
      .where("status", "=", "pending")
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) === 0) return null;
    await auditExport(tx, row, "data_export.ready", null, null, now);
    const organisationId = row.organisation_id ?? (await feedOrganisationOf(tx, row.requested_by));
    if (!organisationId) return { organisationId: "", recipients: [], immediate: [] };
    return notify(tx, { kind: "export_ready", organisationId, groupId: row.kind === "group" ? row.group_id : null, recipients: [row.requested_by], actorId: null, at: now });
  });
  // A file no row names would hold the person's data for ever (the next run builds a new one).
  const notified = await markReady.catch(async (err: unknown) => {
    await ctx.blobs.delete(key);
    throw err;
  });
  if (!notified) {
    // Someone else finished it first (or it was removed): this copy is not needed.
    await ctx.blobs.delete(key);
    return;
  }
  if (notified.recipients.length > 0) announce(ctx, notified);
  const requester = await profileOf(ctx.db, row.requested_by);
  if (!requester) return;
  try {
    await ctx.mailer.send(exportReadyEmail(requester.email, requester.language, `${ctx.config.publicUrl}/profile/data`, expiresAt));
  } catch (err) {
    // The export is ready and the feed says so; the job's own log of the error would name the address.
    ctx.log.error({ failure: describeMailFailure(err), exportId }, "export-ready e-mail could not be sent");
  }
}

/** Records a download (the route streams the file). */
export async function recordDownload(input: CommandBase & { actor: Actor; export: DataExportRow }): Promise<void> {
  await auditExport(input.ctx.db, input.export, "data_export.downloaded", input.actor.userId, input.ip, input.ctx.clock());
}

/** Deletes the files of exports past their 48 hours and marks them expired (the scheduled job). */
export async function expireExports(ctx: AppContext): Promise<number> {
  let expired = 0;
  for (;;) {
    const now = ctx.clock();
    const due = await listExpired(ctx.db, now.toISOString());
    if (due.length === 0) return expired;
    for (const row of due) {
      const claimed = await ctx.db.transaction().execute(async (tx) => {
        const r = await tx.updateTable("data_exports").set({ status: "expired", blob_key: null }).where("id", "=", row.id).where("status", "=", "ready").executeTakeFirst();
        if (Number(r.numUpdatedRows) === 0) return false;
        await auditExport(tx, row, "data_export.expired", null, null, now);
        return true;
      });
      // After the commit: a row that still said "ready" never points at a deleted file.
      if (claimed && row.blob_key) await ctx.blobs.delete(row.blob_key);
      if (claimed) expired++;
    }
  }
}

/**
 * Deletes every export of a person (requested by them or about them) or of a group, files
 * included. Account erasure and group deletion call it before deleting: the rows would go by
 * cascade, but the files in the blob store would stay behind.
 */
export async function deleteExportsOf(ctx: AppContext, who: { userId: string } | { groupId: string }): Promise<number> {
  const rows = await ctx.db.transaction().execute(async (tx) => {
    let q = tx.selectFrom("data_exports").select(["id", "blob_key"]);
    q = "userId" in who ? q.where((eb) => eb.or([eb("requested_by", "=", who.userId), eb("subject_user_id", "=", who.userId)])) : q.where("group_id", "=", who.groupId);
    const found = await q.execute();
    if (found.length > 0) await tx.deleteFrom("data_exports").where("id", "in", found.map((r) => r.id)).execute();
    return found;
  });
  // After the commit, like every other file deletion.
  for (const r of rows) if (r.blob_key) await ctx.blobs.delete(r.blob_key);
  return rows.length;
}
