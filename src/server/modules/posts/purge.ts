/**
 * The posts module's part of the retention purge (issue 7; the retention module orchestrates).
 * A post is dated by its creation; its files, views and feed items go with it (ON DELETE CASCADE).
 */
import type { DbOrTx } from "../../db/index.js";
import { blobKeysOf, type PurgeScope } from "../loops/commands/purge.js";

const postsBefore = (db: DbOrTx, scope: PurgeScope) => {
  const q = db.selectFrom("posts").where("organisation_id", "=", scope.organisationId).where("group_id", "=", scope.groupId).where("created_at", "<", scope.before);
  return scope.notBefore ? q.where("created_at", ">=", scope.notBefore) : q;
};

/** How many posts are dated before the cut-off, and the oldest few. */
export async function postsDatedBefore(db: DbOrTx, scope: PurgeScope, oldest: number) {
  const [total, rows] = await Promise.all([
    postsBefore(db, scope).select((eb) => eb.fn.countAll<number | string>().as("n")).executeTakeFirstOrThrow(),
    postsBefore(db, scope).select(["id", "title", "created_at"]).orderBy("created_at").orderBy("id").limit(oldest).execute(),
  ]);
  return { count: Number(total.n), oldest: rows.map((r) => ({ id: r.id, title: r.title, at: r.created_at })) };
}

/** Deletes up to `limit` of the oldest posts before the cut-off in the caller's transaction; the caller deletes the returned blobs after its commit. */
export async function purgePosts(tx: DbOrTx, scope: PurgeScope, limit: number) {
  const ids = (await postsBefore(tx, scope).select("id").orderBy("created_at").orderBy("id").limit(limit).execute()).map((r) => r.id);
  if (ids.length === 0) return { posts: 0, attachments: 0, blobKeys: [] };
  const files = await tx
    .selectFrom("post_attachments")
    .select(["blob_key", "thumbnail_key"])
    .where("organisation_id", "=", scope.organisationId)
    .where("post_id", "in", ids)
    .execute();
  const deleted = await tx.deleteFrom("posts").where("organisation_id", "=", scope.organisationId).where("id", "in", ids).returning("id").execute();
  return { posts: deleted.length, attachments: files.length, blobKeys: blobKeysOf(files) };
}
