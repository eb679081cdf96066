/**
 * The notifications module's part of erasing a person (issue 7; the erasure module orchestrates).
 * Items in other people's feeds about the person's acts ("… commented") go: left without their
 * actor they would read as an anonymous sender's. A full erasure's own feed, preferences and
 * unsubscribe key go with the account (ON DELETE CASCADE); one organisation's erasure removes
 * the person's feed items of that organisation here.
 */
import type { DbOrTx } from "../../db/index.js";

/** Deletes the feed items whose actor is the person (everywhere, or in one organisation). */
export async function eraseNotificationsBy(tx: DbOrTx, userId: string, organisationId: string | null): Promise<void> {
  let q = tx.deleteFrom("notifications").where("actor_id", "=", userId);
  if (organisationId) q = q.where("organisation_id", "=", organisationId);
  await q.execute();
}

/** Deletes the person's own feed items of one organisation (their account stays). */
export async function eraseNotificationsIn(tx: DbOrTx, userId: string, organisationId: string): Promise<void> {
  await tx.deleteFrom("notifications").where("organisation_id", "=", organisationId).where("user_id", "=", userId).execute();
}
