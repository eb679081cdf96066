/**
 * Re-authentication at the provider (issue 8): a person without a password proves it is them
 * again before erasing their account. The session remembers when; the proof lasts REAUTH_WINDOW_MS.
 */
import { REAUTH_WINDOW_MS } from "../../shared/schemas/identities.js";
import type { DbOrTx } from "../db/index.js";

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
