/**
 * The posts module's part of erasing one organisation's data of a person whose account stays
 * (issue 7): their "seen" marks there. Posts they wrote as a leader stay with the group. A full
 * erasure needs nothing here: marks go with the account, authors become "Deleted user" (SET NULL).
 */
import type { DbOrTx } from "../../db/index.js";
import { blobKeysOf } from "../loops/commands/purge.js";

export async function erasePostViewsIn(tx: DbOrTx, userId: string, organisationId: string): Promise<void> {
  await tx.deleteFrom("post_views").where("organisation_id", "=", organisationId).where("user_id", "=", userId).execute();
}

/** The files of every post in these groups (the groups are about to be deleted): to delete after the commit. */
export async function postBlobKeysIn(db: DbOrTx, groupIds: readonly string[]): Promise<string[]> {
  if (groupIds.length === 0) return [];
  const files = await db
    .selectFrom("post_attachments as a")
    .innerJoin("posts as p", (j) => j.onRef("p.organisation_id", "=", "a.organisation_id").onRef("p.id", "=", "a.post_id"))
    .select(["a.blob_key", "a.thumbnail_key"])
    .where("p.group_id", "in", [...groupIds])
    .execute();
  return blobKeysOf(files);
}
