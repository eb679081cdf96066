/**
 * The bell in the header: a link to the notifications page with the unread count on it. The
 * count refreshes when a live "feed.changed" event arrives (it sits under feedKey) and when the
 * window regains focus; nothing polls.
 */
import { NavLink } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery } from "@tanstack/react-query";
import { Bell } from "lucide-react";
import { feedUnreadCountKey, getFeedUnreadCount } from "../api/notifications.js";
import "../styles/notifications.css";

/** Beyond this the badge says "99+". */
const MAX_SHOWN = 99;

/** The count as the badge shows it and as it is read out; null when there is nothing unread. */
export function unreadBadge(count: number, t: (key: string, options?: Record<string, unknown>) => string): { shown: string; spoken: string } | null {
  if (count <= 0) return null;
  if (count > MAX_SHOWN) return { shown: `${MAX_SHOWN}+`, spoken: t("feedBell.unreadMore", { count: MAX_SHOWN }) };
  return { shown: String(count), spoken: t("feedBell.unread", { count }) };
}

export function NotificationBell() {
  const { t } = useTranslation();
  const unread = useQuery({ queryKey: feedUnreadCountKey, queryFn: getFeedUnreadCount, refetchOnWindowFocus: true });
  const badge = unreadBadge(unread.data ?? 0, t);
  const label = badge ? `${t("feedBell.label")}, ${badge.spoken}` : t("feedBell.label");
  return (
    <NavLink to="/feed" className="feed-bell" aria-label={label}>
      <Bell size={22} aria-hidden="true" />
      {badge ? (
        <span className="feed-bell-count" aria-hidden="true">
          {badge.shown}
        </span>
      ) : null}
    </NavLink>
  );
}
