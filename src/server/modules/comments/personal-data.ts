/**
 * The comments module's part of a data export (issue 7): the threads under a page of loops, and
 * the comments a person wrote on other people's loops (keyset pages, never all at once).
 */
import type { DbOrTx } from "../../db/index.js";
import { keysetPages } from "../../db/keyset.js";
import type { CommentRow } from "../../db/types.js";

/** The comments under the loops (deleted ones left out), oldest first, by loop id. */
export async function threadsOf(db: DbOrTx, organisationIds: readonly string[], loopIds: readonly string[]): Promise<Map<string, CommentRow[]>> {
  const threads = new Map<string, CommentRow[]>();
  if (loopIds.length === 0) return threads;
  const rows = await db
    .selectFrom("comments")
    .selectAll()
    .where("organisation_id", "in", [...new Set(organisationIds)])
    .where("loop_id", "in", [...loopIds])
    .where("deleted_at", "is", null)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  for (const c of rows) threads.set(c.loop_id, [...(threads.get(c.loop_id) ?? []), c]);
  return threads;
}

/** The person's own comments (optionally in one organisation), `pageSize` at a time, oldest first. */
export function commentPagesBy(db: DbOrTx, authorId: string, opts: { organisationId?: string; pageSize?: number } = {}): AsyncGenerator<CommentRow[]> {
  const pageSize = opts.pageSize ?? 200;
  return keysetPages((after) => {
    let q = db.selectFrom("comments").selectAll().where("author_id", "=", authorId).where("deleted_at", "is", null);
    if (opts.organisationId) q = q.where("organisation_id", "=", opts.organisationId);
    if (after) q = q.where((eb) => eb.or([eb("created_at", ">", after.at), eb.and([eb("created_at", "=", after.at), eb("id", ">", after.id)])]));
    return q.orderBy("created_at").orderBy("id").limit(pageSize).execute();
  }, pageSize);
}
