/** The notifications module's part of a data export (issue 7): the person's e-mail choice for every kind. */
import type { DbOrTx } from "../../db/index.js";
import { DEFAULT_DELIVERY, NOTIFICATION_KINDS } from "../../../shared/schemas/notifications.js";

/** Every kind with the person's delivery (their own choice or the default). */
export async function notificationPreferencesOf(db: DbOrTx, userId: string) {
  const rows = await db.selectFrom("notification_preferences").select(["kind", "delivery"]).where("user_id", "=", userId).execute();
  const chosen = new Map(rows.map((r) => [r.kind, r.delivery]));
  return NOTIFICATION_KINDS.map((kind) => ({ kind, delivery: chosen.get(kind) ?? DEFAULT_DELIVERY[kind], isDefault: !chosen.has(kind) }));
}
