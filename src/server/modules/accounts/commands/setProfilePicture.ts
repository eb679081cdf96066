import type { CommandBase } from "../../../app.js";
import { recordAudit } from "../../../audit/index.js";
import type { UserRow } from "../../../db/types.js";
import type { Actor } from "../../../policies/index.js";
import { newBlobKey } from "../../../storage/blob-store.js";
import { toProfilePicture } from "../picture.js";

export interface SetProfilePictureInput extends CommandBase {
  actor: Actor;
  user: UserRow;
  upload: Buffer;
}

/**
 * Stores a re-encoded picture under a fresh server-chosen key. The new blob is removed if the
 * database write fails; the old one only after the write commits — no orphans either way.
 */
export async function setProfilePicture({ ctx, ip, actor, user, upload }: SetProfilePictureInput): Promise<UserRow> {
  const picture = await toProfilePicture(upload);
  const key = newBlobKey("pictures", "webp");
  await ctx.blobs.put(key, picture, "image/webp");
  const now = ctx.clock();
  let updated: UserRow;
  try {
    updated = await ctx.db.transaction().execute(async (tx) => {
      await tx.updateTable("users").set({ picture_key: key, updated_at: now.toISOString() }).where("id", "=", user.id).execute();
      await recordAudit(tx, { ip, action: "user.picture_set", actorId: actor.userId, subjectType: "user", subjectId: user.id, at: now });
      return { ...user, picture_key: key, updated_at: now.toISOString() };
    });
  } catch (err) {
    await ctx.blobs.delete(key);
    throw err;
  }
  if (user.picture_key) await ctx.blobs.delete(user.picture_key);
  return updated;
}

/** Removes the picture (row first, then the blob). */
export async function removeProfilePicture({ ctx, ip, actor, user }: Omit<SetProfilePictureInput, "upload">): Promise<UserRow> {
  if (!user.picture_key) return user;
  const now = ctx.clock();
  const updated = await ctx.db.transaction().execute(async (tx) => {
    await tx.updateTable("users").set({ picture_key: null, updated_at: now.toISOString() }).where("id", "=", user.id).execute();
    await recordAudit(tx, { ip, action: "user.picture_removed", actorId: actor.userId, subjectType: "user", subjectId: user.id, at: now });
    return { ...user, picture_key: null, updated_at: now.toISOString() };
  });
  await ctx.blobs.delete(user.picture_key);
  return updated;
}
