/**
 * The privacy-policy module's part of erasing a person (issue 7). Their acceptances and dismissals
 * go with the account (ON DELETE CASCADE). A mailing's keyset cursor may hold their id: it is
 * moved to the greatest remaining id below it (or back to the start when there is none), which
 * selects exactly the same people still to be mailed.
 */
import { sql } from "kysely";
import type { DbOrTx } from "../../db/index.js";

export async function forgetInMailings(tx: DbOrTx, userId: string): Promise<void> {
  await tx
    .updateTable("privacy_policy_mailings")
    .set({ cursor: sql<string | null>`(select max(id) from users where id < ${userId})` })
    .where("cursor", "=", userId)
    .execute();
}
