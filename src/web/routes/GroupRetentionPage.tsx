/**
 * The leaders' view of retention (issue 7): what the group's period removes in the next 14 days,
 * per kind, with the oldest items to open (and keep a copy of, or change the period first).
 */
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery } from "@tanstack/react-query";
import type { RetentionQueue } from "../../shared/schemas/retention.js";
import { getRetentionQueue } from "../api/retention.js";
import { formatDay } from "../components/dashboards/format.js";
import { Notice, QueryView } from "../components/Messages.js";
import { periodLabel, RetentionSummary } from "../components/RetentionFields.js";
import { currentLanguage } from "../i18n/index.js";
import { formattingLocale } from "../lib/format.js";
import { useSectionTitle } from "../lib/hooks.js";
import { groupKey } from "../lib/queryClient.js";
import { useGroup } from "./GroupLayout.js";
import "../styles/retention.css";

type Kind = "loops" | "posts" | "surveys";
const KINDS: readonly Kind[] = ["loops", "posts", "surveys"];

export function GroupRetentionPage() {
  const { t } = useTranslation();
  const { group } = useGroup();
  useSectionTitle(t("retention.queueTitle"), group.name);
  const queue = useQuery({
    queryKey: [...groupKey(group.id), "retention"],
    queryFn: () => getRetentionQueue(group.id),
    enabled: group.abilities.readRetentionQueue,
  });
  if (!group.abilities.readRetentionQueue) return <Notice tone="info">{t("retention.queueNotYours")}</Notice>;
  return (
    <div className="section-grid">
      <section className="card" aria-labelledby="retention-queue-title">
        <div className="card-header">
          <h2 id="retention-queue-title">{t("retention.queueTitle")}</h2>
          <RetentionSummary retention={group.retention} />
        </div>
        <QueryView query={queue}>{(q) => <QueueBody queue={q} groupId={group.id} canChange={group.abilities.update} />}</QueryView>
      </section>
    </div>
  );
}

function QueueBody({ queue, groupId, canChange }: { queue: RetentionQueue; groupId: string; canChange: boolean }) {
  const { t } = useTranslation();
  const locale = formattingLocale(currentLanguage());
  const until = formatDay(queue.until, locale);
  const total = queue.loops.count + queue.posts.count + queue.surveys.count;
  return (
    <>
      <p>
        {total === 0
          ? t("retention.queueEmpty", { until })
          : t("retention.queueLead", { until, period: periodLabel(t, queue.retention.period) })}
      </p>
      {total > 0 ? (
        <ul className="plain-list">
          {(["loops", "comments", "posts", "surveys"] as const).map((kind) => (
            <li key={kind}>{t(`retention.counts.${kind}`, { count: queue[kind].count })}</li>
          ))}
        </ul>
      ) : null}
      {KINDS.filter((kind) => queue[kind].oldest.length > 0).map((kind) => (
        <section key={kind} aria-labelledby={`retention-oldest-${kind}`}>
          <h3 id={`retention-oldest-${kind}`}>{t(`retention.oldest.${kind}`)}</h3>
          <ul className="retention-queue-list">
            {queue[kind].oldest.map((item) => (
              <li key={item.id}>
                <Link to={item.link}>{item.title ?? t("retention.loopOf", { date: formatDay(item.date, locale) })}</Link>{" "}
                <span className="muted">{t("retention.removedFrom", { date: formatDay(item.removalOn, locale) })}</span>
              </li>
            ))}
          </ul>
        </section>
      ))}
      {canChange ? (
        <p>
          <Link to={`/groups/${groupId}/settings`}>{t("retention.changePeriod")}</Link>
        </p>
      ) : null}
    </>
  );
}
