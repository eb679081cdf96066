/**
 * The accounts module's part of a person's data export (issue 7, right of access): the profile
 * and the sessions, read from its own tables. The data-exports module calls these; nothing else
 * reads `users` or `sessions` for an export.
 */
import type { DbOrTx } from "../../db/index.js";

/** The profile as stored: never the password hash or token hashes. */
export async function profileOf(db: DbOrTx, userId: string) {
  return db
    .selectFrom("users")
    .select(["id", "name", "email", "language", "picture_key", "is_instance_admin", "created_at", "updated_at"])
    .where("id", "=", userId)
    .executeTakeFirst();
}

/** The person's sessions with their device (browser, operating system and version); never the token hash. */
export async function sessionsOf(db: DbOrTx, userId: string) {
  return db
    .selectFrom("sessions")
    .select(["id", "created_at", "last_seen_at", "expires_at", "browser", "browser_version", "os", "os_version", "device_type", "sign_in_method"])
    .where("user_id", "=", userId)
    .orderBy("created_at")
    .execute();
}
