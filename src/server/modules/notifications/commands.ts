/**
 * Commands on my feed and my e-mail choices. Marking read is not audited (like reading a loop:
 * not a change anyone else sees, and it would be noise); a change of e-mail choices is. Each
 * change tells my other open tabs (`feed.changed`) so their count follows.
 */
import type { AppContext, CommandBase } from "../../app.js";
import { recordAudit } from "../../audit/index.js";
import type { NotificationRow } from "../../db/types.js";
import type { Actor } from "../../policies/index.js";
import type { Delivery, NotificationKind } from "../../../shared/schemas/notifications.js";
import { setDelivery } from "./deliveries.js";

const feedChanged = (ctx: AppContext, organisationId: string, userId: string) => ctx.realtime.publish({ type: "feed.changed", organisationId, userId });

/** Marks one item read (again: no change). */
export async function markRead({ ctx, actor, notification }: { ctx: AppContext; actor: Actor; notification: NotificationRow }): Promise<void> {
  if (notification.read_at !== null) return;
  const res = await ctx.db
    .updateTable("notifications")
    .set({ read_at: ctx.clock().toISOString() })
    .where("user_id", "=", actor.userId)
    .where("id", "=", notification.id)
    .where("read_at", "is", null)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) > 0) feedChanged(ctx, notification.organisation_id, actor.userId);
}

/** Marks every unread item of mine read. */
export async function markAllRead({ ctx, actor }: { ctx: AppContext; actor: Actor }): Promise<void> {
  const unread = await ctx.db.selectFrom("notifications").select("organisation_id").where("user_id", "=", actor.userId).where("read_at", "is", null).limit(1).executeTakeFirst();
  if (!unread) return;
  await ctx.db.updateTable("notifications").set({ read_at: ctx.clock().toISOString() }).where("user_id", "=", actor.userId).where("read_at", "is", null).execute();
  // One event is enough for my tabs; it carries a tenant like every event.
  feedChanged(ctx, unread.organisation_id, actor.userId);
}

/** Sets my e-mail choice for the kinds named; a choice equal to the kind's default keeps no row. */
export async function setPreferences(
  { ctx, ip, actor, preferences }: CommandBase & { actor: Actor; preferences: Partial<Record<NotificationKind, Delivery>> },
): Promise<void> {
  const entries = Object.entries(preferences) as [NotificationKind, Delivery][];
  if (entries.length === 0) return;
  await ctx.db.transaction().execute(async (tx) => {
    for (const [kind, delivery] of entries) await setDelivery(tx, actor.userId, kind, delivery);
    await recordAudit(tx, {
      ip,
      action: "user.notification_preferences_updated",
      actorId: actor.userId,
      subjectType: "user",
      subjectId: actor.userId,
      data: Object.fromEntries(entries),
      at: ctx.clock(),
    });
  });
}
