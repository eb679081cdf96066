/**
 * My statistics: the signed-in person's own loops over a period of whole weeks — how many per
 * week, how they felt (the spread over the emoji scale and the mean week by week), the tags they
 * used most and, per group, where each published task stands (not sent, sent, approved). In all
 * groups where they send, or one of them. Their own loops only, anonymous ones included: they are
 * theirs, and nobody else sees this page.
 */
import { useId } from "react";
import { Link, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { ArrowLeft, ChartColumn } from "lucide-react";
import { localDay } from "../../shared/days.js";
import { EMOJI_LEVELS } from "../../shared/schemas/loops.js";
import type { Group } from "../../shared/schemas/groups.js";
import { listGroups } from "../api/groups.js";
import { getMyStatistics, myStatisticsKey, type MyStatistics } from "../api/statistics.js";
import { BarChart, emojiTone, useNumberFormat } from "../components/charts/index.js";
import { weekBar as weekOf } from "../components/dashboards/format.js";
import { MyTags } from "../components/dashboards/MyTags.js";
import { MyTaskProgress } from "../components/dashboards/MyTaskProgress.js";
import { PeriodPicker, PeriodSummary, usePeriodChoice } from "../components/dashboards/PeriodPicker.js";
import { StatTiles } from "../components/dashboards/StatTiles.js";
import { EmojiFace } from "../components/EmojiScale.js";
import { SelectField } from "../components/Field.js";
import { LoopSendLinks, sendableGroups } from "../components/LoopSendLinks.js";
import { QueryView } from "../components/Messages.js";
import { PageHeading } from "../components/PageHeading.js";
import { currentLanguage } from "../i18n/index.js";
import { formattingLocale } from "../lib/format.js";
import { usePageTitle } from "../lib/hooks.js";
import { groupsKey } from "../lib/queryClient.js";
import "../styles/dashboards.css";

/** Today in this browser's calendar (the server snaps the period to the organisation's weeks). */
const browserToday = () => localDay(new Date(), Intl.DateTimeFormat().resolvedOptions().timeZone);

export function MyStatisticsPage() {
  const { t } = useTranslation();
  usePageTitle(t("myStatistics.title"));
  const today = browserToday();
  const { choice, range, setChoice } = usePeriodChoice(today);
  const [params, setParams] = useSearchParams();
  const groups = useQuery({ queryKey: groupsKey, queryFn: listGroups });
  // Groups where I send loops; one I no longer send in can still be chosen through the address.
  const sendable = sendableGroups(groups.data ?? []);
  const groupId = params.get("groupId") ?? undefined;
  const chosenGroup = groupId ? (groups.data ?? []).find((g) => g.id === groupId) : undefined;
  const query = { ...range, groupId };
  const stats = useQuery({ queryKey: myStatisticsKey(query), queryFn: () => getMyStatistics(query), placeholderData: keepPreviousData });
  const chooseGroup = (id: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (id) next.set("groupId", id);
        else next.delete("groupId");
        return next;
      },
      { replace: true },
    );
  const groupOptions = [
    { value: "", label: t("myStatistics.allGroups") },
    ...sendable.map((g) => ({ value: g.id, label: g.name })),
    ...(chosenGroup && !sendable.includes(chosenGroup) ? [{ value: chosenGroup.id, label: chosenGroup.name }] : []),
  ];

  return (
    <div className="page page-wide">
      <PageHeading lead={t("myStatistics.lead")}>{t("myStatistics.title")}</PageHeading>
      <p>
        <Link className="back-link" to="/my/loops">
          <ArrowLeft size={18} aria-hidden="true" />
          {t("myStatistics.backToLoops")}
        </Link>
      </p>
      <section className="card dashboard" aria-labelledby="my-statistics-figures">
        <h2 id="my-statistics-figures" className="visually-hidden">
          {t("myStatistics.figuresTitle")}
        </h2>
        <PeriodPicker id="my-statistics-period" today={today} choice={choice} onChange={setChoice}>
          {groupOptions.length > 2 || groupId ? (
            <SelectField id="my-statistics-group" label={t("myStatistics.group")} value={groupId ?? ""} options={groupOptions} onChange={(e) => chooseGroup(e.target.value)} />
          ) : null}
        </PeriodPicker>
        <div className="dashboard-body" aria-busy={stats.isPlaceholderData || undefined}>
          <QueryView query={stats}>{(loaded) => <Figures stats={loaded} groups={groups.data ?? []} />}</QueryView>
        </div>
      </section>
    </div>
  );
}

function Figures({ stats, groups }: { stats: MyStatistics; groups: readonly Group[] }) {
  const { t } = useTranslation();
  const locale = formattingLocale(currentLanguage());
  const format = useNumberFormat();
  const formatMean = useNumberFormat({ minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const tasksTitleId = useId();
  const { totals } = stats;
  const sendable = sendableGroups(groups);
  // A group I have left is still named by my tasks in it.
  const groupName = (id: string) => groups.find((g) => g.id === id)?.name ?? stats.tasks.find((entry) => entry.group.id === id)?.group.name;
  const loopsUnit = (n: number) => t("myStatistics.loopsCount", { count: n, formatted: format(n) });
  const meanText = (mean: number) => t("myStatistics.meanValue", { mean: formatMean(mean), label: t(`emoji.levels.${Math.round(mean)}`) });
  const weekBar = (week: string) => weekOf(t, week, locale);

  return (
    <div className="stack dashboard-figures">
      <PeriodSummary period={stats.period} />
      <StatTiles
        tiles={[
          { key: "loops", label: t("myStatistics.totals.loops"), value: format(totals.loops) },
          { key: "comments", label: t("myStatistics.totals.comments"), value: format(totals.comments), note: t("myStatistics.totals.commentsNote") },
          {
            key: "mean",
            label: t("myStatistics.totals.meanEmoji"),
            value:
              totals.meanEmoji === null ? (
                <span aria-hidden="true">–</span>
              ) : (
                <span className="stat-emoji">
                  <EmojiFace level={Math.round(totals.meanEmoji)} size={28} />
                  {formatMean(totals.meanEmoji)}
                </span>
              ),
            note: totals.meanEmoji === null ? t("myStatistics.noMean") : t(`emoji.levels.${Math.round(totals.meanEmoji)}`),
          },
        ]}
      />
      {totals.loops === 0 ? (
        <div className="empty-state">
          <span className="empty-state-icon" aria-hidden="true">
            <ChartColumn size={28} />
          </span>
          <h3>{t("myStatistics.emptyTitle")}</h3>
          <p>{sendable.length > 0 ? t("myStatistics.emptyBody") : t("myStatistics.emptyNoGroup")}</p>
          {sendable.length > 0 ? <LoopSendLinks groups={sendable} /> : null}
        </div>
      ) : (
        <>
          <section className="dashboard-section" aria-labelledby="my-statistics-weeks">
            <h3 id="my-statistics-weeks">{t("myStatistics.weeks.title")}</h3>
            <BarChart
              caption={t("myStatistics.weeks.caption")}
              series={[{ key: "loops", label: t("myStatistics.weeks.series"), tone: "primary" }]}
              bars={stats.weeks.map((w) => ({
                ...weekBar(w.week),
                values: [w.loops],
                extra: [w.meanEmoji === null ? t("myStatistics.none") : meanText(w.meanEmoji)],
              }))}
              unit={loopsUnit}
              labelHeader={t("dashboardPeriod.week")}
              extraHeaders={[t("myStatistics.weeks.meanColumn")]}
            />
          </section>
          <section className="dashboard-section" aria-labelledby="my-statistics-feelings">
            <h3 id="my-statistics-feelings">{t("myStatistics.feelings.title")}</h3>
            <div className="dashboard-pair">
              <BarChart
                caption={t("myStatistics.feelings.spreadCaption")}
                series={[{ key: "loops", label: t("myStatistics.weeks.series"), tone: "primary" }]}
                bars={EMOJI_LEVELS.map((level, i) => ({
                  key: String(level),
                  label: <EmojiFace level={level} size={28} />,
                  name: t(`emoji.levels.${level}`),
                  tone: emojiTone(level),
                  values: [stats.emoji[i] ?? 0],
                }))}
                unit={loopsUnit}
                labelHeader={t("myStatistics.feelings.feeling")}
                layout="narrow"
              />
              <BarChart
                caption={t("myStatistics.feelings.trendCaption")}
                description={t("myStatistics.feelings.trendDescription")}
                series={[{ key: "mean", label: t("myStatistics.feelings.meanSeries"), tone: "primary" }]}
                bars={stats.weeks.map((w) => ({
                  ...weekBar(w.week),
                  tone: w.meanEmoji === null ? undefined : emojiTone(Math.round(w.meanEmoji)),
                  values: [w.meanEmoji === null ? 0 : Math.round(w.meanEmoji * 10) / 10],
                }))}
                unit={(n) => (n === 0 ? t("myStatistics.feelings.noLoops") : meanText(n))}
                labelHeader={t("dashboardPeriod.week")}
              />
            </div>
          </section>
          <section className="dashboard-section" aria-labelledby="my-statistics-tags">
            <h3 id="my-statistics-tags">{t("myStatistics.tags.title")}</h3>
            <MyTags tags={stats.tags} groupName={groupName} unit={loopsUnit} />
          </section>
        </>
      )}
      <section className="dashboard-section" aria-labelledby={tasksTitleId}>
        <h3 id={tasksTitleId}>{t("myStatistics.tasks.title")}</h3>
        <MyTaskProgress tasks={stats.tasks} />
      </section>
    </div>
  );
}
