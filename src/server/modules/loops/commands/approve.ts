import type { CommandBase } from "../../../app.js";
import type { LoopRow } from "../../../db/types.js";
import type { Actor } from "../../../policies/index.js";
import { createComment } from "../../comments/commands.js";
import { auditLoop } from "./audit.js";

/** A leader approves a report, optionally with a comment in its thread (one transaction). */
export async function approveReport(input: CommandBase & { actor: Actor; loop: LoopRow; comment?: string | undefined }): Promise<LoopRow> {
  const { ctx, ip, actor, loop } = input;
  const now = ctx.clock().toISOString();
  const updated = await ctx.db.transaction().execute(async (tx) => {
    let current = loop;
    if (!loop.approved_at) {
      await tx.updateTable("loops").set({ approved_at: now, approved_by: actor.userId }).where("organisation_id", "=", loop.organisation_id).where("id", "=", loop.id).execute();
      await auditLoop(tx, { loop, action: "loop.approved", actorId: actor.userId, ip, at: now });
      current = { ...loop, approved_at: now, approved_by: actor.userId };
    }
    if (input.comment) current = (await createComment(tx, { ctx, ip, actor, loop: current, text: input.comment, at: now })).loop;
    return current;
  });
  ctx.realtime.publish({ type: "loop.updated", organisationId: loop.organisation_id, groupId: loop.group_id, loopId: loop.id });
  if (input.comment) ctx.realtime.publish({ type: "comment.created", organisationId: loop.organisation_id, groupId: loop.group_id, loopId: loop.id });
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
