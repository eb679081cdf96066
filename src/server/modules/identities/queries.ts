/** Reads of the identities module's tables (user_identities, oidc_flows); other modules call these. */
import type { DbOrTx } from "../../db/index.js";

export function findIdentityBySubject(db: DbOrTx, issuer: string, subject: string) {
  return db.selectFrom("user_identities").selectAll().where("issuer", "=", issuer).where("subject", "=", subject).executeTakeFirst();
}

export function listIdentitiesOf(db: DbOrTx, userId: string) {
  return db.selectFrom("user_identities").selectAll().where("user_id", "=", userId).orderBy("created_at").execute();
}

export function findFlow(db: DbOrTx, tokenHash: string) {
  return db.selectFrom("oidc_flows").selectAll().where("token_hash", "=", tokenHash).executeTakeFirst();
}
