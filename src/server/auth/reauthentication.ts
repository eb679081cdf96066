/**
 * Proving it is you again before a change only the account's owner may make: the password, or for
 * an account without one a re-authentication at the provider (issue 8). The session remembers
 * when; the proof lasts REAUTH_WINDOW_MS.
 */
import { REAUTH_WINDOW_MS } from "../../shared/schemas/identities.js";
import type { AppContext } from "../app.js";
import type { DbOrTx } from "../db/index.js";
import type { UserRow } from "../db/types.js";
import { badRequest } from "../http/errors.js";
import { verifyPassword } from "./passwords.js";

export async function markReauthenticated(db: DbOrTx, sessionId: string, now: Date): Promise<void> {
  await db.updateTable("sessions").set({ reauthenticated_at: now.toISOString() }).where("id", "=", sessionId).execute();
}

/** When the session last re-authenticated, or null. */
export async function reauthenticatedAt(db: DbOrTx, sessionId: string): Promise<string | null> {
  const row = await db.selectFrom("sessions").select("reauthenticated_at").where("id", "=", sessionId).executeTakeFirst();
  return row?.reauthenticated_at ?? null;
}

/** True while the session's re-authentication is recent enough to erase the account. */
export async function isRecentlyReauthenticated(db: DbOrTx, sessionId: string, now: Date): Promise<boolean> {
  const at = await reauthenticatedAt(db, sessionId);
  return at !== null && now.getTime() - Date.parse(at) <= REAUTH_WINDOW_MS && Date.parse(at) <= now.getTime();
}

/**
 * Before a change only the account's owner may make (its password, its e-mail address, erasing
 * it): the password re-entered — counted against the account's sign-in limit, so a borrowed
 * session cannot guess it (429) — or, when `password` is undefined, a re-authentication at the
 * provider within REAUTH_WINDOW_MS (400 reauthentication_required on `field` otherwise).
 * Returns false for a wrong password; the caller answers it in its own words.
 */
export async function confirmItIsThem(
  ctx: Pick<AppContext, "db" | "clock" | "limiters">,
  who: { sessionId: string; user: Pick<UserRow, "email_normalized" | "password_hash"> },
  password: string | undefined,
  field: string,
): Promise<boolean> {
  if (password === undefined) {
    if (await isRecentlyReauthenticated(ctx.db, who.sessionId, ctx.clock())) return true;
    throw badRequest("reauthentication_required", "Enter your password, or confirm with your sign-in provider first.", { [field]: "required" });
  }
  await ctx.limiters.signInPerAccount.consume(who.user.email_normalized);
  return verifyPassword(who.user.password_hash, password);
}
