/**
 * The accounts module's part of erasing a person (issue 7; the erasure module orchestrates): the
 * account row goes, and with it (ON DELETE CASCADE) every session, password and e-mail-change
 * token, policy acceptance, crash-report choice, notification preference and key. Other modules'
 * references to the person are either gone by then or become null ("Deleted user").
 */
import type { DbOrTx } from "../../db/index.js";

/** Deletes the account in the caller's transaction; returns its picture's blob key to delete after the commit. */
export async function deleteAccount(tx: DbOrTx, userId: string): Promise<{ pictureKey: string | null }> {
  const row = await tx.deleteFrom("users").where("id", "=", userId).returning("picture_key").executeTakeFirst();
  return { pictureKey: row?.picture_key ?? null };
}
