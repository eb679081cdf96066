import type { AppContext } from "../../../app.js";
import type { DbOrTx } from "../../../db/index.js";
import type { LoopRow } from "../../../db/types.js";
import type { Actor } from "../../../policies/index.js";

/** Records that the person has now read the loop and its whole thread (inbox state, read receipts). */
export async function touchLoopRead(db: DbOrTx, loop: LoopRow, userId: string, at: string): Promise<void> {
  await db
    .insertInto("loop_reads")
    .values({ organisation_id: loop.organisation_id, loop_id: loop.id, user_id: userId, read_at: at })
    .onConflict((oc) => oc.columns(["loop_id", "user_id"]).doUpdateSet({ read_at: at }))
    .execute();
}

/** The viewer opened the thread. Not audited: reading is not a change, and would be noise. */
export async function markLoopRead({ ctx, actor, loop }: { ctx: AppContext; actor: Actor; loop: LoopRow }): Promise<void> {
  await touchLoopRead(ctx.db, loop, actor.userId, ctx.clock().toISOString());
  ctx.realtime.publish({ type: "thread.read", organisationId: loop.organisation_id, groupId: loop.group_id, loopId: loop.id });
}

/**
 * A comment was added (+1) or removed (-1): keeps the loop's counters for the inbox in step.
 * On removal the caller says whether an answer (a comment by someone else than the sender) remains.
 */
export async function noteComment(
  db: DbOrTx,
  loop: LoopRow,
  change: { delta: 1; at: string; byOther: boolean } | { delta: -1; at: string; answerRemains: boolean },
): Promise<LoopRow> {
  // Counted in SQL, so two comments written at once both count.
  const answered = change.delta === 1 ? loop.is_answered || change.byOther : change.answerRemains;
  // answered_at mirrors is_answered: the moment it first became true, null once no answer remains.
  const answeredAt = answered ? (loop.answered_at ?? change.at) : null;
  await db
    .updateTable("loops")
    .set((eb) => ({
      comment_count: eb("comment_count", "+", change.delta),
      ...(change.delta > 0 ? { last_comment_at: change.at } : {}),
      // An addition only ever sets it to true (and keeps an earlier answer's time), so two comments
      // written at once cannot undo each other.
      ...(change.delta > 0 && answered ? { is_answered: true, answered_at: eb.fn.coalesce("answered_at", eb.val(change.at)) } : {}),
      ...(change.delta < 0 && !answered ? { is_answered: false, answered_at: null } : {}),
    }))
    .where("organisation_id", "=", loop.organisation_id)
    .where("id", "=", loop.id)
    .execute();
  return {
    ...loop,
    comment_count: Math.max(0, loop.comment_count + change.delta),
    last_comment_at: change.delta > 0 ? change.at : loop.last_comment_at,
    is_answered: answered,
    answered_at: answeredAt,
  };
}
