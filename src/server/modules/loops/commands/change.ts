import type { CommandBase } from "../../../app.js";
import type { LoopRow } from "../../../db/types.js";
import { badRequest } from "../../../http/errors.js";
import type { Actor } from "../../../policies/index.js";
import { findTags } from "../../tasks/queries.js";
import { announce, feedOfSubject } from "../../notifications/notify.js";
import { uncountLoopActivity } from "./activity.js";
import { auditLoop } from "./audit.js";
import { discardAttachments, loopTagRows } from "./send.js";

/** The sender corrects their loop's text or tags; the loop is marked edited. */
export async function editLoop(
  input: CommandBase & { actor: Actor; loop: LoopRow; text?: string | undefined; tagIds?: string[] | undefined },
): Promise<LoopRow> {
  const { ctx, ip, actor, loop } = input;
  const tagIds = input.tagIds ? [...new Set(input.tagIds)] : undefined;
  if (tagIds && tagIds.length > 0) {
    const tags = await findTags(ctx.db, loop.organisation_id, loop.group_id, tagIds);
    const current = new Set(
      (await ctx.db.selectFrom("loop_tags").select("tag_id").where("organisation_id", "=", loop.organisation_id).where("loop_id", "=", loop.id).execute()).map((r) => r.tag_id),
    );
    // An archived tag the loop already carries may stay; it cannot be newly chosen.
    if (tags.length !== tagIds.length || tags.some((t) => t.is_archived && !current.has(t.id))) {
      throw badRequest("validation", "Choose tags of this group.", { tagIds: "invalid_value" });
    }
  }
  if (input.text === undefined && tagIds === undefined) return loop;
  const now = ctx.clock().toISOString();
  const updated: LoopRow = { ...loop, ...(input.text !== undefined ? { text: input.text } : {}), edited_at: now };
  await ctx.db.transaction().execute(async (tx) => {
    await tx.updateTable("loops").set({ text: updated.text, edited_at: now }).where("organisation_id", "=", loop.organisation_id).where("id", "=", loop.id).execute();
    if (tagIds) {
      await tx.deleteFrom("loop_tags").where("organisation_id", "=", loop.organisation_id).where("loop_id", "=", loop.id).execute();
      if (tagIds.length > 0) {
        await tx.insertInto("loop_tags").values(loopTagRows(loop, tagIds)).execute();
      }
    }
    await auditLoop(tx, { loop, action: "loop.edited", actorId: actor.userId, ip, at: now });
  });
  ctx.realtime.publish({ type: "loop.updated", organisationId: loop.organisation_id, groupId: loop.group_id, loopId: loop.id });
  return updated;
}

/** The sender deletes their loop with its thread and files. */
export async function deleteLoop(input: CommandBase & { actor: Actor; loop: LoopRow }): Promise<void> {
  const { ctx, ip, actor, loop } = input;
  const now = ctx.clock().toISOString();
  const { files, feed } = await ctx.db.transaction().execute(async (tx) => {
    const rows = await tx.selectFrom("attachments").select(["blob_key as blobKey", "thumbnail_key as thumbnailKey"]).where("organisation_id", "=", loop.organisation_id).where("loop_id", "=", loop.id).execute();
    const feed = await feedOfSubject(tx, loop.organisation_id, { loopId: loop.id });
    // Tags, attachments, reads, comments and feed items go with it (ON DELETE CASCADE).
    await tx.deleteFrom("loops").where("organisation_id", "=", loop.organisation_id).where("id", "=", loop.id).execute();
    await uncountLoopActivity(tx, loop);
    await auditLoop(tx, { loop, action: "loop.deleted", actorId: actor.userId, ip, at: now });
    return { files: rows, feed };
  });
  // The rows are gone for good: only now may the files go.
  await discardAttachments(ctx, files);
  ctx.realtime.publish({ type: "loop.deleted", organisationId: loop.organisation_id, groupId: loop.group_id, loopId: loop.id });
  announce(ctx, feed);
}
