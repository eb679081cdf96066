/** The posts module's part of a group's export (issue 7): its information posts with their files. */
import type { DbOrTx } from "../../db/index.js";
import type { GroupRow } from "../../db/types.js";

/** The group's posts, oldest first, with their attachments' rows. */
export async function groupPostsOf(db: DbOrTx, group: GroupRow) {
  const posts = await db.selectFrom("posts").selectAll().where("organisation_id", "=", group.organisation_id).where("group_id", "=", group.id).orderBy("created_at").orderBy("id").execute();
  const ids = posts.map((p) => p.id);
  const files = ids.length === 0 ? [] : await db.selectFrom("post_attachments").selectAll().where("organisation_id", "=", group.organisation_id).where("post_id", "in", ids).orderBy("position").execute();
  return posts.map((post) => ({ post, attachments: files.filter((f) => f.post_id === post.id) }));
}
