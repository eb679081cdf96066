/** Reads of the notifications module's tables (notifications; preferences are in deliveries.ts). */
import { compiledOnce } from "../../db/compiled.js";
import type { DbOrTx } from "../../db/index.js";
import type { NotificationRow } from "../../db/types.js";

export function findNotification(db: DbOrTx, notificationId: string): Promise<NotificationRow | undefined> {
  return db.selectFrom("notifications").selectAll().where("id", "=", notificationId).executeTakeFirst();
}

/**
 * A page of the user's feed, newest first, keyset-paged on (created_at, id) by the index
 * notifications_user_idx. The feed is the person's own across organisations (an invitation
 * comes from a school they are not in yet): it is keyed by recipient, never by tenant.
 */
export function listFeed(
  db: DbOrTx,
  f: { userId: string; unreadOnly: boolean; cursor: { at: string; id: string } | null; limit: number },
): Promise<NotificationRow[]> {
  let q = db.selectFrom("notifications").selectAll().where("user_id", "=", f.userId);
  if (f.unreadOnly) q = q.where("read_at", "is", null);
  if (f.cursor) {
    const { at, id } = f.cursor;
    q = q.where((eb) => eb.or([eb("created_at", "<", at), eb.and([eb("created_at", "=", at), eb("id", "<", id)])]));
  }
  return q.orderBy("created_at", "desc").orderBy("id", "desc").limit(f.limit + 1).execute();
}

const unreadOf = compiledOnce(1, (db, userId) =>
  db
    .selectFrom("notifications")
    .select((eb) => eb.fn.countAll<number | string>().as("count"))
    .where("user_id", "=", userId!)
    .where("read_at", "is", null),
);

/** The user's unread items, counted on the index notifications_unread_idx (user_id, read_at); every page's header asks. */
export async function countUnread(db: DbOrTx, userId: string): Promise<number> {
  const [row] = await unreadOf(db, userId);
  return Number(row?.count ?? 0);
}
