/**
 * The posts module's part of erasing one organisation's data of a person whose account stays
 * (issue 7): their "seen" marks there. Posts they wrote as a leader stay with the group. A full
 * erasure needs nothing here: marks go with the account, authors become "Deleted user" (SET NULL).
 */
import type { DbOrTx } from "../../db/index.js";

export async function erasePostViewsIn(tx: DbOrTx, userId: string, organisationId: string): Promise<void> {
  await tx.deleteFrom("post_views").where("organisation_id", "=", organisationId).where("user_id", "=", userId).execute();
}
