/** Reads of the accounts module's tables; other modules call these, never the tables. */
import type { DbOrTx } from "../../db/index.js";
import type { UserRow } from "../../db/types.js";

/** Lower-cased, trimmed: the form e-mail addresses are compared in. */
export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export function findUserById(db: DbOrTx, id: string): Promise<UserRow | undefined> {
  return db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
}

export function findUserByEmail(db: DbOrTx, email: string): Promise<UserRow | undefined> {
  return db.selectFrom("users").selectAll().where("email_normalized", "=", normaliseEmail(email)).executeTakeFirst();
}

export async function isEmailTaken(db: DbOrTx, email: string): Promise<boolean> {
  return (await findUserByEmail(db, email)) !== undefined;
}

/** Public account details (id, name, e-mail, picture) of many users in one query. */
export async function listUserCards(db: DbOrTx, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom("users").select(["id", "name", "email", "picture_key"]).where("id", "in", [...new Set(ids)]).execute();
}

/**
 * A page of accounts that existed at `createdAtOrBefore`, by id after `afterId`: for e-mails
 * every user must get (the privacy policy's significant changes), sent in batches.
 */
export function listAccountsForMail(db: DbOrTx, f: { afterId: string | null; createdAtOrBefore: string; limit: number }) {
  let q = db.selectFrom("users").select(["id", "email", "name", "language"]).where("created_at", "<=", f.createdAtOrBefore);
  if (f.afterId !== null) q = q.where("id", ">", f.afterId);
  return q.orderBy("id").limit(f.limit).execute();
}
