/**
 * The notifications module's part of erasing one organisation's data of a person whose account
 * stays (issue 7): their feed items of that organisation go, and they stop being named as the
 * actor of other people's items there. A full erasure needs nothing here: the rows, preferences
 * and unsubscribe key go with the account, and the actor becomes null (ON DELETE CASCADE / SET NULL).
 */
import type { DbOrTx } from "../../db/index.js";

export async function eraseNotificationsIn(tx: DbOrTx, userId: string, organisationId: string): Promise<void> {
  await tx.deleteFrom("notifications").where("organisation_id", "=", organisationId).where("user_id", "=", userId).execute();
  await tx.updateTable("notifications").set({ actor_id: null }).where("organisation_id", "=", organisationId).where("actor_id", "=", userId).execute();
}
