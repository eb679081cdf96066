/**
 * The notifications page: what happened in my groups and loops, newest first, paged by cursor.
 * "Show only unread" is kept in the address (?unread=true) so the back button keeps it. Opening
 * an item marks it read; "Mark all as read" clears the lot. New items arrive live: the feed.changed
 * event refreshes everything under feedKey.
 */
import { useState, type ReactNode } from "react";
import { Link, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useInfiniteQuery, useMutation, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { Bell, CheckCheck, Settings } from "lucide-react";
import {
  feedListKey,
  feedPageKey,
  feedUnreadCountKey,
  listFeed,
  markAllFeedRead,
  markFeedItemRead,
  type FeedItem as FeedItemData,
  type FeedPage as FeedPageData,
} from "../api/notifications.js";
import { CheckboxField } from "../components/Field.js";
import { FeedItem } from "../components/FeedItem.js";
import { LoadMoreButton } from "../components/LoopCard.js";
import { ErrorAlert, LiveStatus, Loading, LoadFailed } from "../components/Messages.js";
import { PageHeading } from "../components/PageHeading.js";
import { usePageTitle } from "../lib/hooks.js";
import { feedKey } from "../lib/feedKeys.js";
import "../styles/notifications.css";

/** Shows one item as read in every cached page and lowers the header's count, before the server answers. */
function showRead(queryClient: ReturnType<typeof useQueryClient>, notificationId: string | "all"): void {
  queryClient.setQueriesData<InfiniteData<FeedPageData>>({ queryKey: feedListKey }, (data) =>
    data
      ? {
          ...data,
          pages: data.pages.map((page) => ({
            ...page,
            items: page.items.map((item) => (notificationId === "all" || item.id === notificationId ? { ...item, read: true } : item)),
          })),
        }
      : data,
  );
  queryClient.setQueryData<number>(feedUnreadCountKey, (count) => (notificationId === "all" ? 0 : Math.max(0, (count ?? 1) - 1)));
}

export function FeedPage() {
  const { t } = useTranslation();
  usePageTitle(t("feedPage.title"));
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const unreadOnly = params.get("unread") === "true";
  const [allReadShown, setAllReadShown] = useState(false);

  const pages = useInfiniteQuery({
    queryKey: feedPageKey(unreadOnly),
    queryFn: ({ pageParam }) => listFeed({ unreadOnly, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = pages.data?.pages.flatMap((page) => page.items) ?? [];
  // The newest page knows the count best (later pages were fetched earlier or later).
  const unreadCount = pages.data?.pages[0]?.unreadCount ?? 0;

  const markAll = useMutation({
    mutationFn: markAllFeedRead,
    onSuccess: () => {
      showRead(queryClient, "all");
      setAllReadShown(true);
      void queryClient.invalidateQueries({ queryKey: feedKey });
    },
  });

  const open = (item: FeedItemData) => {
    if (item.read) return;
    showRead(queryClient, item.id);
    // The page changes at once; the request finishes on its own and the feed refreshes after it.
    markFeedItemRead(item.id)
      .catch(() => undefined)
      .finally(() => void queryClient.invalidateQueries({ queryKey: feedKey }));
  };

  const setUnreadOnly = (on: boolean) => {
    const next = new URLSearchParams(params);
    if (on) next.set("unread", "true");
    else next.delete("unread");
    setParams(next, { replace: true });
  };

  return (
    <div className="page">
      <PageHeading lead={t("feedPage.lead")}>{t("feedPage.title")}</PageHeading>
      <p className="row">
        <Link to="/profile/notifications" className="button button-quiet">
          <Settings size={18} aria-hidden="true" />
          {t("feedPage.settingsLink")}
        </Link>
        <span className="muted small">{t("feedPage.emailHint")}</span>
      </p>
      <section className="stack" aria-labelledby="feed-list-title">
        <h2 id="feed-list-title" className="visually-hidden">
          {t("feedPage.listTitle")}
        </h2>
        <div className="feed-toolbar">
          <CheckboxField id="feed-unread-only" label={t("feedPage.onlyUnread")} checked={unreadOnly} onChange={setUnreadOnly} />
          {items.length > 0 || unreadCount > 0 || allReadShown ? (
            <button
              type="button"
              className="button"
              aria-disabled={markAll.isPending || unreadCount === 0 || undefined}
              aria-describedby="feed-unread-summary"
              onClick={() => {
                if (markAll.isPending || unreadCount === 0) return;
                setAllReadShown(false);
                markAll.mutate();
              }}
            >
              <CheckCheck size={18} aria-hidden="true" />
              {markAll.isPending ? t("feedPage.markingAllRead") : t("feedPage.markAllRead")}
            </button>
          ) : null}
        </div>
        <p id="feed-unread-summary" className="muted small">
          {pages.data ? (unreadCount > 0 ? t("feedPage.unreadSummary", { count: unreadCount }) : t("feedPage.nothingUnread")) : null}
        </p>
        <LiveStatus message={allReadShown && unreadCount === 0 ? t("feedPage.allRead") : null} />
        <ErrorAlert error={markAll.error} />
        {pages.isPending ? (
          <Loading />
        ) : pages.isError ? (
          <LoadFailed error={pages.error} retry={() => void pages.refetch()} />
        ) : items.length === 0 ? (
          unreadOnly ? (
            <EmptyFeed title={t("feedPage.noUnreadTitle")} body={t("feedPage.noUnreadBody")}>
              <button type="button" className="button" onClick={() => setUnreadOnly(false)}>
                {t("feedPage.showAll")}
              </button>
            </EmptyFeed>
          ) : (
            <EmptyFeed title={t("feedPage.emptyTitle")} body={t("feedPage.emptyBody")} />
          )
        ) : (
          <>
            <ul className="feed-list">
              {items.map((item) => (
                <FeedItem key={item.id} item={item} onOpen={open} />
              ))}
            </ul>
            <LoadMoreButton query={pages} label={t("feedPage.loadMore")} />
          </>
        )}
      </section>
    </div>
  );
}

function EmptyFeed({ title, body, children }: { title: string; body: string; children?: ReactNode }) {
  return (
    <div className="empty-state">
      <span className="empty-state-icon" aria-hidden="true">
        <Bell size={28} />
      </span>
      <h3>{title}</h3>
      <p>{body}</p>
      {children}
    </div>
  );
}
