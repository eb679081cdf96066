/** The feed, notification preferences and unsubscribe API: one function per endpoint, typed with the shared zod schemas. */
import type { z } from "zod";
import type {
  Delivery,
  FeedItem,
  FeedPage,
  NotificationKind,
  NotificationPreferences,
  UnreadCount,
  UnsubscribeInfo,
  UnsubscribeScope,
  UpdateNotificationPreferences,
} from "../../shared/schemas/notifications.js";
import { feedKey } from "../lib/feedKeys.js";
import { apiRequest } from "./client.js";

export type { Delivery, FeedItem, FeedPage, NotificationKind, NotificationPreferences };
export type NotificationPreference = NotificationPreferences["preferences"][number];
export type { UnsubscribeScope };
export type UnsubscribeDetails = UnsubscribeInfo;

// Everything of the feed sits under feedKey, so the live "feed.changed" event refreshes it all.
export const feedUnreadCountKey = [...feedKey, "unread-count"] as const;
export const feedListKey = [...feedKey, "list"] as const;
export const feedPageKey = (unreadOnly: boolean) => [...feedListKey, { unreadOnly }] as const;
export const notificationPreferencesKey = ["me", "notification-preferences"] as const;
export const unsubscribeKey = (token: string) => ["unsubscribe", token] as const;

/** My feed, newest first; `cursor` from the previous page's nextCursor. */
export function listFeed(options: { unreadOnly?: boolean; cursor?: string | undefined; limit?: number } = {}): Promise<FeedPage> {
  const query = new URLSearchParams();
  if (options.cursor) query.set("cursor", options.cursor);
  if (options.unreadOnly) query.set("unreadOnly", "true");
  if (options.limit) query.set("limit", String(options.limit));
  const text = query.toString();
  return apiRequest<FeedPage>("GET", `/feed${text ? `?${text}` : ""}`);
}

export async function getFeedUnreadCount(): Promise<number> {
  return (await apiRequest<z.infer<typeof UnreadCount>>("GET", "/feed/unread-count")).count;
}

export function markFeedItemRead(notificationId: string): Promise<void> {
  return apiRequest<void>("POST", `/feed/${encodeURIComponent(notificationId)}/read`);
}

export function markAllFeedRead(): Promise<void> {
  return apiRequest<void>("POST", "/feed/read-all");
}

export async function getNotificationPreferences(): Promise<NotificationPreference[]> {
  return (await apiRequest<NotificationPreferences>("GET", "/me/notification-preferences")).preferences;
}

/** Changes the kinds named; answers with every kind's delivery. */
export async function updateNotificationPreferences(body: z.input<typeof UpdateNotificationPreferences>): Promise<NotificationPreference[]> {
  return (await apiRequest<NotificationPreferences>("PUT", "/me/notification-preferences", { json: body })).preferences;
}

/** What an e-mail's unsubscribe link turns off (works without a session). */
export function getUnsubscribeInfo(token: string): Promise<UnsubscribeDetails> {
  return apiRequest<UnsubscribeDetails>("GET", `/unsubscribe?token=${encodeURIComponent(token)}`);
}

export async function unsubscribe(token: string): Promise<UnsubscribeScope> {
  return (await apiRequest<{ kind: UnsubscribeScope }>("POST", `/unsubscribe?token=${encodeURIComponent(token)}`)).kind;
}
