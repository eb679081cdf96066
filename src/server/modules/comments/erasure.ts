/**
 * The comments module's part of erasing a person (issue 7; the erasure module orchestrates). Run
 * after their own loops are gone (their threads went with them). What remains is their comments
 * on other people's loops: per the loop's organisation's `erased_user_comments`, kept as "Deleted
 * user" (the author removed, the text kept) or removed (shown as a deleted comment, like one its
 * author deleted; the loop's counters follow). Their comment-bank entries go.
 */
import type { DbOrTx } from "../../db/index.js";
import type { ErasureScope } from "../erasure/scope.js";
import { noteComment } from "../loops/commands/read.js";
import { findLoop } from "../loops/queries.js";

/** The organisations in which the person has comments (within the scope), to read their setting. */
export async function organisationsCommentedIn(db: DbOrTx, scope: ErasureScope): Promise<string[]> {
  let q = db.selectFrom("comments").select("organisation_id").distinct().where("author_id", "=", scope.userId);
  if (scope.organisationId) q = q.where("organisation_id", "=", scope.organisationId);
  return (await q.execute()).map((r) => r.organisation_id);
}

/** Detaches or removes the person's comments in each organisation as `removeIn` says; deletes their comment bank. */
export async function eraseCommentsOf(tx: DbOrTx, scope: ErasureScope, removeIn: ReadonlySet<string>, at: string): Promise<{ kept: number; removed: number }> {
  let kept = 0;
  let removed = 0;
  for (const organisationId of await organisationsCommentedIn(tx, scope)) {
    const mine = await tx
      .selectFrom("comments")
      .select(["id", "loop_id", "deleted_at"])
      .where("organisation_id", "=", organisationId)
      .where("author_id", "=", scope.userId)
      .execute();
    if (!removeIn.has(organisationId)) {
      await tx.updateTable("comments").set({ author_id: null }).where("organisation_id", "=", organisationId).where("author_id", "=", scope.userId).execute();
      kept += mine.filter((c) => c.deleted_at === null).length;
      continue;
    }
    await tx
      .updateTable("comments")
      .set({ author_id: null, text: "", deleted_at: at })
      .where("organisation_id", "=", organisationId)
      .where("author_id", "=", scope.userId)
      .where("deleted_at", "is", null)
      .execute();
    // Comments already deleted by their author only lose the author.
    await tx.updateTable("comments").set({ author_id: null }).where("organisation_id", "=", organisationId).where("author_id", "=", scope.userId).execute();
    const perLoop = new Map<string, number>();
    for (const c of mine) if (c.deleted_at === null) perLoop.set(c.loop_id, (perLoop.get(c.loop_id) ?? 0) + 1);
    for (const [loopId, n] of perLoop) {
      let loop = await findLoop(tx, loopId);
      if (!loop) continue;
      // The loop stays answered only while someone other than its sender still has a comment in the thread.
      const answer = await tx
        .selectFrom("comments")
        .select("id")
        .where("organisation_id", "=", organisationId)
        .where("loop_id", "=", loopId)
        .where("deleted_at", "is", null)
        .where("author_id", "!=", loop.sender_id)
        .limit(1)
        .executeTakeFirst();
      for (let i = 0; i < n; i++) loop = await noteComment(tx, loop, { delta: -1, at, answerRemains: answer !== undefined });
      removed += n;
    }
  }
  let bank = tx.deleteFrom("comment_bank").where("owner_id", "=", scope.userId);
  if (scope.organisationId) bank = bank.where("organisation_id", "=", scope.organisationId);
  await bank.execute();
  return { kept, removed };
}

/** The person's live comments on other people's loops, per organisation (what erasing them would keep or remove). */
export async function countCommentsOnOthersLoops(db: DbOrTx, userId: string): Promise<{ organisationId: string; count: number }[]> {
  const rows = await db
    .selectFrom("comments as c")
    // The loops module's table, read for a count only: own loops' threads go with the loops.
    .innerJoin("loops as l", (j) => j.onRef("l.organisation_id", "=", "c.organisation_id").onRef("l.id", "=", "c.loop_id"))
    .select(["c.organisation_id", (eb) => eb.fn.countAll<number | string>().as("n")])
    .where("c.author_id", "=", userId)
    .where("c.deleted_at", "is", null)
    .where("l.sender_id", "!=", userId)
    .groupBy("c.organisation_id")
    .execute();
  return rows.map((r) => ({ organisationId: r.organisation_id, count: Number(r.n) }));
}
