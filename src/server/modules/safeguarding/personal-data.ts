/**
 * The safeguarding module's part of account erasure (issue 7). A flag is the school's record of
 * what it did, not the person's data to take away: it stays, and the erased person's id leaves
 * it (flagger, step author, contact, who named a contact). The foreign keys do the same when the
 * users row itself is deleted; this is for an erasure that keeps the row as a pseudonym.
 *
 * Flags are not part of anyone's data export: the sender must not learn that their loop was
 * reported (a report to the social services has its own rules of access), and a leader's notes
 * about someone else's child are not the leader's to take away.
 */
import type { DbOrTx } from "../../db/index.js";

/** Removes the person's id from every safeguarding table, in the caller's transaction. */
export async function forgetSafeguardingPerson(db: DbOrTx, userId: string): Promise<void> {
  await db.deleteFrom("safeguarding_contacts").where("user_id", "=", userId).execute();
  await db.updateTable("safeguarding_contacts").set({ added_by: null }).where("added_by", "=", userId).execute();
  await db.updateTable("safeguarding_flags").set({ flagged_by: null }).where("flagged_by", "=", userId).execute();
  await db.updateTable("safeguarding_steps").set({ actor_id: null }).where("actor_id", "=", userId).execute();
}
