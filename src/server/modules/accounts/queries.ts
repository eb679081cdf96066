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
