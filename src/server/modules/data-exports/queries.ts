/** Reads of the data-exports module's table. */
import type { DbOrTx } from "../../db/index.js";
import type { DataExportKind, DataExportRow } from "../../db/tables/data-exports.js";

export function findExport(db: DbOrTx, exportId: string): Promise<DataExportRow | undefined> {
  return db.selectFrom("data_exports").selectAll().where("id", "=", exportId).executeTakeFirst();
}

/** The exports the person requested, newest first. */
export function listExportsBy(db: DbOrTx, userId: string, limit = 20): Promise<DataExportRow[]> {
  return db.selectFrom("data_exports").selectAll().where("requested_by", "=", userId).orderBy("requested_at", "desc").orderBy("id").limit(limit).execute();
}

/**
 * The latest export of this kind and subject the person requested since `since` (the
 * once-per-24-hours rule). One that failed does not count: the person got nothing, by our fault.
 */
export function latestExportSince(db: DbOrTx, req: { requestedBy: string; kind: DataExportKind; subjectUserId: string | null; groupId: string | null }, since: string) {
  let q = db
    .selectFrom("data_exports")
    .select(["requested_at"])
    .where("requested_by", "=", req.requestedBy)
    .where("kind", "=", req.kind)
    .where("requested_at", ">", since)
    .where("status", "!=", "failed");
  q = req.subjectUserId ? q.where("subject_user_id", "=", req.subjectUserId) : q;
  q = req.groupId ? q.where("group_id", "=", req.groupId) : q;
  return q.orderBy("requested_at", "desc").limit(1).executeTakeFirst();
}

/** Ready exports whose time is up (the expiry job). */
export function listExpired(db: DbOrTx, now: string, limit = 100): Promise<DataExportRow[]> {
  return db.selectFrom("data_exports").selectAll().where("status", "=", "ready").where("expires_at", "<=", now).limit(limit).execute();
}

/** Exports still waiting to be built, oldest first (the sweep after a restart). */
export function listPending(db: DbOrTx, before: string, limit = 20): Promise<DataExportRow[]> {
  return db.selectFrom("data_exports").selectAll().where("status", "=", "pending").where("requested_at", "<=", before).orderBy("requested_at").limit(limit).execute();
}
