/**
 * The loops module's part of the retention purge (issue 7; the retention module orchestrates).
 * A loop is dated by `listed_at`: its sending time, or for an anonymous loop the start of its
 * day, so neither the queue nor the purge tells more about an anonymous loop than its date.
 * Its tags, reads, comment thread, attachments and feed items go with it (ON DELETE CASCADE).
 */
import type { DbOrTx } from "../../../db/index.js";
import { uncountLoopActivity } from "./activity.js";

/** The blob keys of attachment rows (the file and its thumbnail), for deletion after the commit. */
export const blobKeysOf = (files: readonly { blob_key: string; thumbnail_key: string | null }[]): string[] =>
  files.flatMap((f) => (f.thumbnail_key ? [f.blob_key, f.thumbnail_key] : [f.blob_key]));

export interface PurgeScope {
  organisationId: string;
  groupId: string;
  /** Data dated before this instant (ISO 8601) has passed the group's period. */
  before: string;
  /** For counting only: data dated at or after this instant (already announced before it). */
  notBefore?: string | undefined;
  /** Loops kept whatever their date: under an open safeguarding flag (the safeguarding module says which). */
  held?: readonly string[] | undefined;
}

/** How many loops (and comments in their threads) are dated before the cut-off, and the oldest few. */
export async function loopsDatedBefore(db: DbOrTx, scope: PurgeScope, oldest: number) {
  let base = db
    .selectFrom("loops")
    .where("organisation_id", "=", scope.organisationId)
    .where("group_id", "=", scope.groupId)
    .where("listed_at", "<", scope.before);
  if (scope.notBefore) base = base.where("listed_at", ">=", scope.notBefore);
  if (scope.held?.length) base = base.where("id", "not in", [...scope.held]);
  const [totals, rows] = await Promise.all([
    base.select((eb) => [eb.fn.countAll<number | string>().as("loops"), eb.fn.sum<number | string | null>("comment_count").as("comments")]).executeTakeFirstOrThrow(),
    base.select(["id", "listed_on", "listed_at"]).orderBy("listed_at").orderBy("id").limit(oldest).execute(),
  ]);
  return { count: Number(totals.loops), comments: Number(totals.comments ?? 0), oldest: rows };
}

/**
 * Deletes up to `limit` of the oldest loops dated before the cut-off, in the caller's
 * transaction, and uncounts each from the statistics roll-ups exactly as deleting it by hand
 * does. Returns what went and the blob keys the caller deletes after its commit (never before).
 */
export async function purgeLoops(tx: DbOrTx, scope: PurgeScope, limit: number) {
  let due = tx
    .selectFrom("loops")
    .select(["id", "organisation_id", "group_id", "sender_id", "listed_on", "is_anonymous", "comment_count"])
    .where("organisation_id", "=", scope.organisationId)
    .where("group_id", "=", scope.groupId)
    .where("listed_at", "<", scope.before);
  if (scope.held?.length) due = due.where("id", "not in", [...scope.held]);
  const loops = await due
    .orderBy("listed_at")
    .orderBy("id")
    .limit(limit)
    .execute();
  if (loops.length === 0) return { loops: 0, comments: 0, attachments: 0, blobKeys: [] };
  const ids = loops.map((l) => l.id);
  const files = await tx
    .selectFrom("attachments")
    .select(["loop_id", "blob_key", "thumbnail_key"])
    .where("organisation_id", "=", scope.organisationId)
    .where("loop_id", "in", ids)
    .execute();
  // Only what this transaction deleted is uncounted: a second process purging the same group at
  // once (its DELETE waits for ours, then finds nothing) must not uncount the loops twice.
  const deleted = new Set((await tx.deleteFrom("loops").where("organisation_id", "=", scope.organisationId).where("id", "in", ids).returning("id").execute()).map((r) => r.id));
  const gone = loops.filter((l) => deleted.has(l.id));
  for (const loop of gone) await uncountLoopActivity(tx, loop);
  const goneFiles = files.filter((f) => deleted.has(f.loop_id));
  return {
    loops: gone.length,
    comments: gone.reduce((sum, l) => sum + Number(l.comment_count), 0),
    attachments: goneFiles.length,
    blobKeys: blobKeysOf(goneFiles),
  };
}
