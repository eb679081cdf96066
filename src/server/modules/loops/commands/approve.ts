import type { CommandBase } from "../../../app.js";
import type { LoopRow } from "../../../db/types.js";
import type { Actor } from "../../../policies/index.js";
import { createComment } from "../../comments/commands.js";
import { announce, notify, type Notified } from "../../notifications/notify.js";
import { findTask } from "../../tasks/queries.js";
import { auditLoop } from "./audit.js";

/** A leader approves a report, optionally with a comment in its thread (one transaction). */
export async function approveReport(input: CommandBase & { actor: Actor; loop: LoopRow; comment?: string | undefined }): Promise<LoopRow> {
  const { ctx, ip, actor, loop } = input;
  const now = ctx.clock().toISOString();
  const { updated, notified } = await ctx.db.transaction().execute(async (tx) => {
    let current = loop;
    const notified: Notified[] = [];
    if (!loop.approved_at) {
      await tx.updateTable("loops").set({ approved_at: now, approved_by: actor.userId }).where("organisation_id", "=", loop.organisation_id).where("id", "=", loop.id).execute();
      await auditLoop(tx, { loop, action: "loop.approved", actorId: actor.userId, ip, at: now });
      current = { ...loop, approved_at: now, approved_by: actor.userId };
      const task = loop.task_id ? await findTask(tx, loop.organisation_id, loop.group_id, loop.task_id) : undefined;
      notified.push(
        await notify(tx, {
          kind: "loop_approved",
          organisationId: loop.organisation_id,
          groupId: loop.group_id,
          recipients: [loop.sender_id],
          actorId: actor.userId,
          subject: { loopId: loop.id },
          title: task?.title ?? null,
          at: now,
        }),
      );
    }
    if (input.comment) {
      // The sender just heard of the approval; the comment is news only to the thread's others.
      const commented = await createComment(tx, { ctx, ip, actor, loop: current, text: input.comment, at: now, quietFor: current === loop ? [] : [loop.sender_id] });
      current = commented.loop;
      notified.push(commented.notified);
    }
    return { updated: current, notified };
  });
  ctx.realtime.publish({ type: "loop.updated", organisationId: loop.organisation_id, groupId: loop.group_id, loopId: loop.id });
  if (input.comment) ctx.realtime.publish({ type: "comment.created", organisationId: loop.organisation_id, groupId: loop.group_id, loopId: loop.id });
  announce(ctx, ...notified);
  return updated;
}

/** A leader withdraws an approval (a mistake, or the report needs more work). */
export async function withdrawApproval(input: CommandBase & { actor: Actor; loop: LoopRow }): Promise<LoopRow> {
  const { ctx, ip, actor, loop } = input;
  if (!loop.approved_at) return loop;
  const now = ctx.clock().toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    await tx.updateTable("loops").set({ approved_at: null, approved_by: null }).where("organisation_id", "=", loop.organisation_id).where("id", "=", loop.id).execute();
    await auditLoop(tx, { loop, action: "loop.approval_withdrawn", actorId: actor.userId, ip, at: now });
  });
  ctx.realtime.publish({ type: "loop.updated", organisationId: loop.organisation_id, groupId: loop.group_id, loopId: loop.id });
  return { ...loop, approved_at: null, approved_by: null };
}
