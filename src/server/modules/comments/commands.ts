/** Comment threads and the comment bank: one verb each, audited in the same transaction. */
import { randomUUID } from "node:crypto";
import type { CommandBase } from "../../app.js";
import { recordAudit } from "../../audit/index.js";
import type { DbOrTx } from "../../db/index.js";
import type { CommentBankRow, CommentRow, LoopRow } from "../../db/types.js";
import { badRequest } from "../../http/errors.js";
import type { Actor } from "../../policies/index.js";
import { COMMENT_BANK_MAX_ITEMS } from "../../../shared/schemas/loops.js";
import { loadGroupAccess } from "../groups/queries.js";
import { auditLoop, dayOf } from "../loops/commands/audit.js";
import { noteComment, touchLoopRead } from "../loops/commands/read.js";
import { loopPolicy } from "../loops/policy.js";
import { announce, notify, type Notified } from "../notifications/notify.js";
import { asRecipient } from "../notifications/policy.js";
import { countBank, listThreadAuthorIds } from "./queries.js";

/** The audit row of an act on a comment: the loop's anonymity rules (loops/commands/audit.ts) apply. */
const auditComment = (db: DbOrTx, e: { loop: LoopRow; comment: CommentRow; action: string; actorId: string; ip: string | null; at: string }) =>
  auditLoop(db, { loop: e.loop, commentId: e.comment.id, action: e.action, actorId: e.actorId, ip: e.ip, at: e.at });

/**
 * Who hears of a new comment: everyone taking part in the thread — the loop's sender and everyone
 * who has written in it — who may still read the loop (a leader who left the group does not).
 * Leaders who have not written in the thread are not "taking part": they heard of the loop itself
 * (loop_created) and their inbox shows its new comments.
 */
async function threadAudience(tx: DbOrTx, loop: LoopRow): Promise<string[]> {
  const candidates = [...new Set([loop.sender_id, ...(await listThreadAuthorIds(tx, loop))])];
  const audience: string[] = [];
  for (const userId of candidates) {
    const access = await loadGroupAccess(tx, loop.group_id, userId);
    if (access && loopPolicy.can(asRecipient(userId), "read", { loop, access })) audience.push(userId);
  }
  return audience;
}

/** Writes a comment inside the caller's transaction (approval with a comment uses this too). */
export async function createComment(
  tx: DbOrTx,
  input: CommandBase & {
    actor: Actor;
    loop: LoopRow;
    text: string;
    at: string;
    /** People already told of this act another way (the sender of a report approved with this comment). */
    quietFor?: readonly string[];
  },
): Promise<{ comment: CommentRow; loop: LoopRow; notified: Notified }> {
  const { actor, loop, at } = input;
  const audience = (await threadAudience(tx, loop)).filter((id) => !input.quietFor?.includes(id));
  const comment: CommentRow = {
    id: randomUUID(),
    organisation_id: loop.organisation_id,
    loop_id: loop.id,
    author_id: actor.userId,
    text: input.text,
    created_at: at,
    edited_at: null,
    deleted_at: null,
  };
  await tx.insertInto("comments").values(comment).execute();
  const updated = await noteComment(tx, loop, { delta: 1, at, byOther: actor.userId !== loop.sender_id });
  // Writing a comment means having read the thread up to it.
  await touchLoopRead(tx, loop, actor.userId, at);
  await auditComment(tx, { loop, comment, action: "comment.created", actorId: actor.userId, ip: input.ip, at });
  // The anonymous sender's comment on their own loop names no one and tells the day only (as its audit row).
  const hidden = loop.is_anonymous && actor.userId === loop.sender_id;
  const notified = await notify(tx, {
    kind: "comment_created",
    organisationId: loop.organisation_id,
    groupId: loop.group_id,
    recipients: audience,
    ...(hidden ? { actorId: null, hiddenActorId: actor.userId, anonymous: true, at: dayOf(at) } : { actorId: actor.userId, at }),
    subject: { loopId: loop.id, commentId: comment.id },
  });
  return { comment, loop: updated, notified };
}

export async function addComment(input: CommandBase & { actor: Actor; loop: LoopRow; text: string }): Promise<CommentRow> {
  const { ctx, loop } = input;
  const at = ctx.clock().toISOString();
  const { comment, notified } = await ctx.db.transaction().execute((tx) => createComment(tx, { ...input, at }));
  ctx.realtime.publish({ type: "comment.created", organisationId: loop.organisation_id, groupId: loop.group_id, loopId: loop.id });
  announce(ctx, notified);
  return comment;
}

export async function editComment(input: CommandBase & { actor: Actor; loop: LoopRow; comment: CommentRow; text: string }): Promise<CommentRow> {
  const { ctx, ip, actor, loop, comment } = input;
  const at = ctx.clock().toISOString();
  const updated = { ...comment, text: input.text, edited_at: at };
  await ctx.db.transaction().execute(async (tx) => {
    await tx.updateTable("comments").set({ text: input.text, edited_at: at }).where("organisation_id", "=", comment.organisation_id).where("id", "=", comment.id).execute();
    await auditComment(tx, { loop, comment, action: "comment.edited", actorId: actor.userId, ip, at });
  });
  ctx.realtime.publish({ type: "comment.updated", organisationId: loop.organisation_id, groupId: loop.group_id, loopId: loop.id });
  return updated;
}

/** The comment stays in the thread as "deleted", its text gone. */
export async function deleteComment(input: CommandBase & { actor: Actor; loop: LoopRow; comment: CommentRow }): Promise<void> {
  const { ctx, ip, actor, loop, comment } = input;
  const at = ctx.clock().toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    await tx.updateTable("comments").set({ text: "", deleted_at: at }).where("organisation_id", "=", comment.organisation_id).where("id", "=", comment.id).execute();
    // The loop stays answered only while someone other than its sender still has a comment in the thread.
    const answer = await tx
      .selectFrom("comments")
      .select("id")
      .where("organisation_id", "=", loop.organisation_id)
      .where("loop_id", "=", loop.id)
      .where("deleted_at", "is", null)
      .where("author_id", "!=", loop.sender_id)
      .limit(1)
      .executeTakeFirst();
    await noteComment(tx, loop, { delta: -1, at, answerRemains: answer !== undefined });
    await auditComment(tx, { loop, comment, action: "comment.deleted", actorId: actor.userId, ip, at });
  });
  ctx.realtime.publish({ type: "comment.updated", organisationId: loop.organisation_id, groupId: loop.group_id, loopId: loop.id });
}

export async function saveToBank(
  input: CommandBase & { actor: Actor; organisationId: string; groupId: string; text: string; shared: boolean },
): Promise<CommentBankRow> {
  const { ctx, ip, actor } = input;
  if ((await countBank(ctx.db, input.organisationId, actor.userId)) >= COMMENT_BANK_MAX_ITEMS) {
    throw badRequest("validation", `At most ${COMMENT_BANK_MAX_ITEMS} saved comments; delete some first.`, { text: "too_many" });
  }
  const at = ctx.clock().toISOString();
  const item: CommentBankRow = {
    id: randomUUID(),
    organisation_id: input.organisationId,
    group_id: input.shared ? input.groupId : null,
    owner_id: actor.userId,
    text: input.text,
    created_at: at,
  };
  await ctx.db.transaction().execute(async (tx) => {
    await tx.insertInto("comment_bank").values(item).execute();
    await recordAudit(tx, { ip, action: "comment_bank.saved", actorId: actor.userId, organisationId: item.organisation_id, subjectType: "comment_bank", subjectId: item.id, data: { shared: input.shared }, at: new Date(at) });
  });
  return item;
}

export async function removeFromBank(input: CommandBase & { actor: Actor; item: CommentBankRow }): Promise<void> {
  const { ctx, ip, actor, item } = input;
  await ctx.db.transaction().execute(async (tx) => {
    await tx.deleteFrom("comment_bank").where("organisation_id", "=", item.organisation_id).where("id", "=", item.id).execute();
    await recordAudit(tx, { ip, action: "comment_bank.deleted", actorId: actor.userId, organisationId: item.organisation_id, subjectType: "comment_bank", subjectId: item.id, at: ctx.clock() });
  });
}
