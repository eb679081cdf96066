/**
 * The joining module's part of erasing a person (issue 7): invitations sent to their address
 * (it is in clear there) go; invitations they sent stay, without them (ON DELETE SET NULL).
 */
import type { DbOrTx } from "../../db/index.js";

export async function deleteInvitationsTo(tx: DbOrTx, emailNormalized: string, organisationId: string | null): Promise<void> {
  let q = tx.deleteFrom("invitations").where("email_normalized", "=", emailNormalized);
  if (organisationId) q = q.where("organisation_id", "=", organisationId);
  await q.execute();
}
