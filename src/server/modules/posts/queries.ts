/** Reads of the posts module's tables (posts, post_attachments, post_views). */
import type { DbOrTx } from "../../db/index.js";
import type { PostAttachmentRow, PostRow } from "../../db/types.js";
import { loadGroupAccess } from "../groups/queries.js";
import type { PostAccess } from "./policy.js";

export function findPost(db: DbOrTx, postId: string): Promise<PostRow | undefined> {
  return db.selectFrom("posts").selectAll().where("id", "=", postId).executeTakeFirst();
}

/** The post with the viewer's access to its group, or undefined if the post does not exist. */
export async function loadPostAccess(db: DbOrTx, postId: string, userId: string): Promise<PostAccess | undefined> {
  const post = await findPost(db, postId);
  if (!post) return undefined;
  const access = await loadGroupAccess(db, post.group_id, userId);
  return access ? { post, access } : undefined;
}

/** A page of the group's posts, newest first (one row more than `limit` when there is a next page). */
export function listPosts(
  db: DbOrTx,
  f: { organisationId: string; groupId: string; cursor: { at: string; id: string } | null; limit: number },
): Promise<PostRow[]> {
  let q = db.selectFrom("posts").selectAll().where("organisation_id", "=", f.organisationId).where("group_id", "=", f.groupId);
  if (f.cursor) {
    const { at, id } = f.cursor;
    q = q.where((eb) => eb.or([eb("created_at", "<", at), eb.and([eb("created_at", "=", at), eb("id", "<", id)])]));
  }
  return q.orderBy("created_at", "desc").orderBy("id", "desc").limit(f.limit + 1).execute();
}

export function findPostAttachment(db: DbOrTx, post: PostRow, attachmentId: string): Promise<PostAttachmentRow | undefined> {
  return db
    .selectFrom("post_attachments")
    .selectAll()
    .where("organisation_id", "=", post.organisation_id)
    .where("post_id", "=", post.id)
    .where("id", "=", attachmentId)
    .executeTakeFirst();
}

/** Everything presenting posts needs beyond the rows, by post id. */
export interface PostDetails {
  attachments: Map<string, PostAttachmentRow[]>;
  /** Who has marked each post seen. */
  viewers: Map<string, Set<string>>;
}

export async function loadPostDetails(db: DbOrTx, posts: readonly PostRow[]): Promise<PostDetails> {
  const details: PostDetails = { attachments: new Map(), viewers: new Map() };
  if (posts.length === 0) return details;
  const ids = posts.map((p) => p.id);
  const orgIds = [...new Set(posts.map((p) => p.organisation_id))];
  const [attachments, views] = await Promise.all([
    db.selectFrom("post_attachments").selectAll().where("organisation_id", "in", orgIds).where("post_id", "in", ids).orderBy("position").execute(),
    db.selectFrom("post_views").select(["post_id", "user_id"]).where("organisation_id", "in", orgIds).where("post_id", "in", ids).execute(),
  ]);
  for (const a of attachments) details.attachments.set(a.post_id, [...(details.attachments.get(a.post_id) ?? []), a]);
  for (const v of views) details.viewers.set(v.post_id, (details.viewers.get(v.post_id) ?? new Set()).add(v.user_id));
  return details;
}
