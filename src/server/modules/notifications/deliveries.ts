/**
 * What each person wants by e-mail now, per kind: their own choice or the kind's default. The
 * e-mail jobs and unsubscribe links ask at the moment they act, so a choice made after a
 * notification was written still counts.
 */
import type { DbOrTx } from "../../db/index.js";
import { DEFAULT_DELIVERY, NOTIFICATION_KINDS, type Delivery, type NotificationKind } from "../../../shared/schemas/notifications.js";

export type Deliveries = Record<NotificationKind, Delivery>;

/** Every kind's delivery for each of the users. */
export async function deliveriesOf(db: DbOrTx, userIds: readonly string[]): Promise<Map<string, Deliveries>> {
  const result = new Map<string, Deliveries>(userIds.map((id) => [id, { ...DEFAULT_DELIVERY }]));
  if (userIds.length === 0) return result;
  const rows = await db.selectFrom("notification_preferences").select(["user_id", "kind", "delivery"]).where("user_id", "in", [...new Set(userIds)]).execute();
  for (const r of rows) {
    const chosen = result.get(r.user_id);
    if (chosen && (NOTIFICATION_KINDS as readonly string[]).includes(r.kind)) chosen[r.kind as NotificationKind] = r.delivery;
  }
  return result;
}

/** Sets one kind's delivery; a choice equal to the default keeps no row (the table holds departures only). */
export async function setDelivery(db: DbOrTx, userId: string, kind: NotificationKind, delivery: Delivery): Promise<void> {
  if (DEFAULT_DELIVERY[kind] === delivery) {
    await db.deleteFrom("notification_preferences").where("user_id", "=", userId).where("kind", "=", kind).execute();
    return;
  }
  await db
    .insertInto("notification_preferences")
    .values({ user_id: userId, kind, delivery })
    .onConflict((oc) => oc.columns(["user_id", "kind"]).doUpdateSet({ delivery }))
    .execute();
}
