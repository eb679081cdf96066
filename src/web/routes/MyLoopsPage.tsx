/** My loops: everything I have sent (anonymous ones marked as such), newest first, with the state of each. */
import { Link, useLocation } from "react-router";
import { useTranslation } from "react-i18next";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { ChartColumn, Send } from "lucide-react";
import { listGroups } from "../api/groups.js";
import { listMyLoops } from "../api/loops.js";
import { LoadMoreButton, LoopCard } from "../components/LoopCard.js";
import { LoopSendLinks, sendableGroups } from "../components/LoopSendLinks.js";
import { Loading, LoadFailed, Notice } from "../components/Messages.js";
import { PageHeading } from "../components/PageHeading.js";
import { usePageTitle } from "../lib/hooks.js";
import { myLoopsKey } from "../lib/loopKeys.js";
import { groupsKey } from "../lib/queryClient.js";

export function MyLoopsPage() {
  const { t } = useTranslation();
  usePageTitle(t("myLoops.title"));
  const location = useLocation();
  const deleted = (location.state as { deletedLoop?: boolean } | null)?.deletedLoop;
  const groups = useQuery({ queryKey: groupsKey, queryFn: listGroups });
  const pages = useInfiniteQuery({
    queryKey: myLoopsKey,
    queryFn: ({ pageParam }) => listMyLoops(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const loops = pages.data?.pages.flatMap((page) => page.loops) ?? [];
  const sendable = sendableGroups(groups.data ?? []);

  return (
    <div className="page">
      <PageHeading lead={t("myLoops.lead")}>{t("myLoops.title")}</PageHeading>
      {deleted ? <Notice>{t("myLoops.deleted")}</Notice> : null}
      {pages.isPending ? (
        <Loading />
      ) : pages.isError ? (
        <LoadFailed error={pages.error} retry={() => void pages.refetch()} />
      ) : loops.length === 0 ? (
        <div className="empty-state">
          <span className="empty-state-icon" aria-hidden="true">
            <Send size={28} />
          </span>
          <h2>{t("myLoops.emptyTitle")}</h2>
          <p>{sendable.length > 0 ? t("myLoops.emptyBody") : t("myLoops.emptyNoGroup")}</p>
          {sendable.length > 0 ? <LoopSendLinks groups={sendable} /> : null}
        </div>
      ) : (
        <>
          <p>
            <Link className="back-link" to="/my/statistics">
              <ChartColumn size={18} aria-hidden="true" />
              {t("myStatistics.link")}
            </Link>
          </p>
          {sendable.length > 0 ? (
            <details className="my-loops-send">
              <summary className="button button-primary">
                <Send size={18} aria-hidden="true" />
                {t("myLoops.send")}
              </summary>
              <LoopSendLinks groups={sendable} />
            </details>
          ) : null}
          <ul className="loop-list">
            {loops.map((loop) => (
              <LoopCard key={loop.id} loop={loop} />
            ))}
          </ul>
          <LoadMoreButton query={pages} label={t("myLoops.loadMore")} />
        </>
      )}
    </div>
  );
}
