/**
 * Information posts: one verb per function, each in one transaction with its audit row.
 * Files arrive already stored (loops/attachment-http.ts); a command that fails discards them,
 * and deleting a post deletes its files only after the commit.
 */
import { randomUUID } from "node:crypto";
import type { CommandBase } from "../../app.js";
import { recordAudit } from "../../audit/index.js";
import type { DbOrTx } from "../../db/index.js";
import type { PostAttachmentRow, PostRow } from "../../db/types.js";
import type { Actor } from "../../policies/index.js";
import type { GroupAccess } from "../groups/policy.js";
import { listMemberIdsWho } from "../groups/queries.js";
import { attachmentRows, discardAttachments, type StoredAttachment } from "../loops/commands/send.js";
import { announce, feedOfSubject, notify } from "../notifications/notify.js";

async function auditPost(db: DbOrTx, post: PostRow, action: string, actor: Actor, ip: string | null, at: string, data: Record<string, number | boolean> = {}) {
  await recordAudit(db, {
    action,
    actorId: actor.userId,
    organisationId: post.organisation_id,
    subjectType: "post",
    subjectId: post.id,
    ip,
    data: { group: post.group_id, ...data },
    at: new Date(at),
  });
}

/** Publishes a post to the whole group, tells every other member through the feed, returns it with its files. */
export async function createPost(
  input: CommandBase & { actor: Actor; access: GroupAccess; title: string; body: string; files: StoredAttachment[] },
): Promise<{ post: PostRow; attachments: PostAttachmentRow[] }> {
  const { ctx, ip, actor, access, files } = input;
  try {
    const now = ctx.clock().toISOString();
    const post: PostRow = {
      id: randomUUID(),
      organisation_id: access.group.organisation_id,
      group_id: access.group.id,
      author_id: actor.userId,
      title: input.title,
      body: input.body,
      created_at: now,
      edited_at: null,
    };
    const attachments: PostAttachmentRow[] = attachmentRows(files, post.organisation_id, now).map((a) => ({ ...a, post_id: post.id }));
    const notified = await ctx.db.transaction().execute(async (tx) => {
      await tx.insertInto("posts").values(post).execute();
      if (attachments.length > 0) await tx.insertInto("post_attachments").values(attachments).execute();
      await auditPost(tx, post, "post.created", actor, ip, now, { files: files.length });
      return notify(tx, {
        kind: "post_published",
        organisationId: post.organisation_id,
        groupId: post.group_id,
        // Whoever reads the group's posts: every member, tutors too; notify drops the author.
        recipients: await listMemberIdsWho(tx, access.group, "readPosts"),
        actorId: actor.userId,
        subject: { postId: post.id },
        title: post.title,
        at: now,
      });
    });
    announce(ctx, notified);
    return { post, attachments };
  } catch (err) {
    await discardAttachments(ctx, files);
    throw err;
  }
}

/** Changes a post's title or text; it is marked edited. Its files stay. */
export async function editPost(input: CommandBase & { actor: Actor; post: PostRow; title?: string | undefined; body?: string | undefined }): Promise<PostRow> {
  const { ctx, ip, actor, post } = input;
  if (input.title === undefined && input.body === undefined) return post;
  const now = ctx.clock().toISOString();
  const updated: PostRow = { ...post, title: input.title ?? post.title, body: input.body ?? post.body, edited_at: now };
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .updateTable("posts")
      .set({ title: updated.title, body: updated.body, edited_at: now })
      .where("organisation_id", "=", post.organisation_id)
      .where("id", "=", post.id)
      .execute();
    await auditPost(tx, post, "post.edited", actor, ip, now, { title: input.title !== undefined, body: input.body !== undefined });
  });
  return updated;
}

/** Deletes a post with its files and who has seen it. */
export async function deletePost(input: CommandBase & { actor: Actor; post: PostRow }): Promise<void> {
  const { ctx, ip, actor, post } = input;
  const now = ctx.clock().toISOString();
  const { files, feed } = await ctx.db.transaction().execute(async (tx) => {
    const feed = await feedOfSubject(tx, post.organisation_id, { postId: post.id });
    const rows = await tx
      .selectFrom("post_attachments")
      .select(["blob_key as blobKey", "thumbnail_key as thumbnailKey"])
      .where("organisation_id", "=", post.organisation_id)
      .where("post_id", "=", post.id)
      .execute();
    // Attachments and views go with it (ON DELETE CASCADE).
    await tx.deleteFrom("posts").where("organisation_id", "=", post.organisation_id).where("id", "=", post.id).execute();
    await auditPost(tx, post, "post.deleted", actor, ip, now);
    return { files: rows, feed };
  });
  // The rows are gone for good: only now may the files go.
  await discardAttachments(ctx, files);
  announce(ctx, feed);
}

/** Marks the post seen by the actor; seeing it again changes nothing. */
export async function markPostSeen(input: CommandBase & { actor: Actor; post: PostRow }): Promise<void> {
  const { ctx, actor, post } = input;
  await ctx.db
    .insertInto("post_views")
    .values({ organisation_id: post.organisation_id, post_id: post.id, user_id: actor.userId, seen_at: ctx.clock().toISOString() })
    .onConflict((oc) => oc.columns(["post_id", "user_id"]).doNothing())
    .execute();
}
