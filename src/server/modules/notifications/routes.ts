/**
 * My feed (GET /feed, its unread count, marking read) and my e-mail choices per kind. Every
 * handler reads auth → validate (schema) → load → authorize → command → present. A feed item
 * is its recipient's alone: anyone else's id answers like a missing one.
 */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { requireActor } from "../../auth/plugin.js";
import { badRequest } from "../../http/errors.js";
import type { DbOrTx } from "../../db/index.js";
import type { NotificationRow } from "../../db/types.js";
import { DEFAULT_DELIVERY, NOTIFICATION_KINDS, type NotificationPreferences } from "../../../shared/schemas/notifications.js";
import { listUserCards } from "../accounts/queries.js";
import { findGroups } from "../groups/queries.js";
import { decodeCursor, encodeCursor } from "../loops/queries.js";
import { findOrganisations } from "../organisations/queries.js";
import { markAllRead, markRead, setPreferences } from "./commands.js";
import { deliveriesOf } from "./deliveries.js";
import { notificationPolicy } from "./policy.js";
import { presentFeedItem, type FeedDetails } from "./presenters.js";
import { countUnread, findNotification, listFeed } from "./queries.js";
import * as S from "./schema.js";

/** Group and organisation names and the actors' cards of a page, each from its own module. */
async function loadFeedDetails(db: DbOrTx, rows: readonly NotificationRow[]): Promise<FeedDetails> {
  const ids = (pick: (n: NotificationRow) => string | null) => [...new Set(rows.map(pick).filter((id): id is string => id !== null))];
  const [groups, organisations, cards] = await Promise.all([
    findGroups(db, ids((n) => n.group_id)),
    findOrganisations(db, ids((n) => n.organisation_id)),
    listUserCards(db, ids((n) => n.actor_id)),
  ]);
  return {
    groups: new Map(groups.map((g) => [g.id, g.name])),
    organisations: new Map(organisations.map((o) => [o.id, o.name])),
    cards: new Map(cards.map((c) => [c.id, c])),
  };
}

async function presentPreferences(db: DbOrTx, userId: string): Promise<NotificationPreferences> {
  const mine = (await deliveriesOf(db, [userId])).get(userId)!;
  return { preferences: NOTIFICATION_KINDS.map((kind) => ({ kind, delivery: mine[kind], defaultDelivery: DEFAULT_DELIVERY[kind] })) };
}

export async function notificationsRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { ctx } = fastify;

  app.get("/feed", { schema: S.feed }, async (request) => {
    const actor = requireActor(request);
    const q = request.query;
    const cursor = decodeCursor(q.cursor);
    if (q.cursor && !cursor) throw badRequest("validation", "The cursor is not valid; start from the first page.", { cursor: "invalid" });
    const [rows, unreadCount] = await Promise.all([
      listFeed(ctx.db, { userId: actor.userId, unreadOnly: q.unreadOnly ?? false, cursor, limit: q.limit }),
      countUnread(ctx.db, actor.userId),
    ]);
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    const details = await loadFeedDetails(ctx.db, page);
    return {
      items: page.map((n) => presentFeedItem(n, details)),
      nextCursor: rows.length > q.limit && last ? encodeCursor(last.created_at, last.id) : null,
      unreadCount,
    };
  });

  app.get("/feed/unread-count", { schema: S.unreadCount }, async (request) => {
    const actor = requireActor(request);
    return { count: await countUnread(ctx.db, actor.userId) };
  });

  app.post("/feed/read-all", { schema: S.markAllRead }, async (request, reply) => {
    const actor = requireActor(request);
    await markAllRead({ ctx, actor });
    return reply.status(204).send(null);
  });

  app.post("/feed/:notificationId/read", { schema: S.markRead }, async (request, reply) => {
    const actor = requireActor(request);
    const notification = notificationPolicy.authorize(actor, "markRead", await findNotification(ctx.db, request.params.notificationId));
    await markRead({ ctx, actor, notification });
    return reply.status(204).send(null);
  });

  app.get("/me/notification-preferences", { schema: S.preferences }, async (request) => {
    const actor = requireActor(request);
    return presentPreferences(ctx.db, actor.userId);
  });

  app.put("/me/notification-preferences", { schema: S.setPreferences }, async (request) => {
    const actor = requireActor(request);
    await setPreferences({ ctx, ip: request.ip, actor, preferences: request.body.preferences });
    return presentPreferences(ctx.db, actor.userId);
  });
}
