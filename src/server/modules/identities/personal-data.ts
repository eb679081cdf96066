/**
 * The identities module's part of a person's data export (issue 7's right of access, issue 8's
 * links): each provider the account is linked to, with the address it gave and when — never a token.
 */
import type { DbOrTx } from "../../db/index.js";

export async function identitiesOf(db: DbOrTx, userId: string) {
  const rows = await db
    .selectFrom("user_identities")
    .select(["issuer", "email", "hosted_domain", "created_at", "last_used_at"])
    .where("user_id", "=", userId)
    .orderBy("created_at")
    .execute();
  return rows.map((r) => ({ provider: r.issuer, email: r.email, workspaceDomain: r.hosted_domain, linkedAt: r.created_at, lastUsedAt: r.last_used_at }));
}
