/**
 * The organisation dashboard, for its administrators: for a period of whole weeks, how many
 * groups there are and how many use Openloop, loops per week across the organisation, adoption
 * over time (the share of members who sent a named loop, the groups with loops, week by week)
 * and the same per group. Counts only: no loop's text and nothing about a person. Anonymous loops
 * from fewer than k people in a week are left out by the server; the figures they belong to
 * carry the "too few to show" marker.
 */
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { ChartColumn } from "lucide-react";
import { localDay } from "../../shared/days.js";
import type { Organisation } from "../../shared/schemas/organisations.js";
import { getOrganisationStatistics, organisationStatisticsKey, type OrganisationStatistics } from "../api/statistics.js";
import { BarChart, HeatMap, useNumberFormat, WithheldNote } from "../components/charts/index.js";
import { FigureValue } from "../components/dashboards/FigureValue.js";
import { weekBar as weekOf } from "../components/dashboards/format.js";
import { PeriodPicker, PeriodSummary, usePeriodChoice } from "../components/dashboards/PeriodPicker.js";
import { StatTiles } from "../components/dashboards/StatTiles.js";
import { OrganisationGroupsTable } from "../components/dashboards/OrganisationGroupsTable.js";
import { Notice, QueryView } from "../components/Messages.js";
import { currentLanguage } from "../i18n/index.js";
import { formattingLocale } from "../lib/format.js";
import { useSectionTitle } from "../lib/hooks.js";
import { useOrganisation } from "./OrganisationLayout.js";
import "../styles/dashboards.css";

export function OrganisationStatisticsPage() {
  const { t } = useTranslation();
  const { organisation } = useOrganisation();
  useSectionTitle(t("orgStatistics.title"), organisation.name);
  if (!organisation.abilities.readStatistics) return <Notice tone="info">{t("orgStatistics.notAllowed")}</Notice>;
  return <Dashboard organisation={organisation} />;
}

function Dashboard({ organisation }: { organisation: Organisation }) {
  const { t } = useTranslation();
  // "This week" and "this term" are the organisation's: its calendar decides where a week starts.
  const today = localDay(new Date(), organisation.timeZone);
  const { choice, range, setChoice } = usePeriodChoice(today);
  const stats = useQuery({
    queryKey: organisationStatisticsKey(organisation.id, range),
    queryFn: () => getOrganisationStatistics(organisation.id, range),
    // The previous period stays on screen (marked busy) while the next one loads.
    placeholderData: keepPreviousData,
  });
  return (
    <section className="card dashboard" aria-labelledby="org-statistics-title">
      <div className="card-header">
        <h2 id="org-statistics-title">{t("orgStatistics.title")}</h2>
        <p className="muted">{t("orgStatistics.lead")}</p>
      </div>
      <PeriodPicker id="org-statistics-period" today={today} choice={choice} onChange={setChoice} />
      <div className="dashboard-body" aria-busy={stats.isPlaceholderData || undefined}>
        <QueryView query={stats}>{(loaded) => <Figures stats={loaded} />}</QueryView>
      </div>
    </section>
  );
}

function Figures({ stats }: { stats: OrganisationStatistics }) {
  const { t } = useTranslation();
  const locale = formattingLocale(currentLanguage());
  const format = useNumberFormat();
  const formatShare = useNumberFormat({ style: "percent", maximumFractionDigits: 0 });
  const groupsTitleId = useId();
  const { totals, period } = stats;
  const loopsUnit = (n: number) => t("orgStatistics.loopsCount", { count: n, formatted: format(n) });
  const withheldNote = t("orgStatistics.withheldNote", { k: stats.minSenders });
  const nothing = totals.loops.value === 0 && !totals.loops.withheld;
  const weekBar = (week: string) => weekOf(t, week, locale);
  // Groups with loops in the period, most first (the server's order): their weeks side by side.
  const activeRows = stats.groups.filter((row) => row.loops.value > 0);

  return (
    <div className="stack dashboard-figures">
      <PeriodSummary period={period} />
      <StatTiles
        tiles={[
          {
            key: "groups",
            label: t("orgStatistics.totals.groups"),
            value: format(totals.groups),
            note: t("orgStatistics.totals.activeGroups", { count: totals.activeGroups, formatted: format(totals.activeGroups) }),
          },
          {
            key: "groupsWithLoops",
            label: t("orgStatistics.totals.groupsWithLoops"),
            value: format(totals.groupsWithLoops),
            note: totals.activeGroups > 0 ? t("orgStatistics.totals.ofActive", { share: formatShare(totals.groupsWithLoops / totals.activeGroups) }) : undefined,
          },
          { key: "members", label: t("orgStatistics.totals.members"), value: format(totals.members) },
          {
            key: "namedSenders",
            label: t("orgStatistics.totals.namedSenders"),
            value: format(totals.namedSenders),
            note: totals.members > 0 ? t("orgStatistics.totals.ofMembers", { share: formatShare(totals.namedSenders / totals.members) }) : undefined,
          },
          {
            key: "loops",
            label: t("orgStatistics.totals.loops"),
            value: <FigureValue figure={totals.loops} format={format} unit={loopsUnit} />,
            note: totals.loops.withheld ? t("orgStatistics.totals.loopsWithheld") : undefined,
          },
        ]}
      />
      {nothing ? (
        <div className="empty-state">
          <span className="empty-state-icon" aria-hidden="true">
            <ChartColumn size={28} />
          </span>
          <h3>{t("orgStatistics.emptyTitle")}</h3>
          <p>{t("orgStatistics.emptyBody")}</p>
        </div>
      ) : (
        <>
          <section className="dashboard-section" aria-labelledby="org-statistics-loops">
            <h3 id="org-statistics-loops">{t("orgStatistics.loops.title")}</h3>
            <BarChart
              caption={t("orgStatistics.loops.caption")}
              description={t("orgStatistics.loops.description")}
              series={[{ key: "loops", label: t("orgStatistics.loops.series"), tone: "primary" }]}
              bars={stats.weeks.map((w) => ({ ...weekBar(w.week), values: [w.loops] }))}
              unit={loopsUnit}
              labelHeader={t("dashboardPeriod.week")}
              withheldNote={withheldNote}
            />
          </section>
          <section className="dashboard-section" aria-labelledby="org-statistics-adoption">
            <h3 id="org-statistics-adoption">{t("orgStatistics.adoption.title")}</h3>
            <p className="muted">{t("orgStatistics.adoption.lead")}</p>
            <div className="dashboard-pair">
              <BarChart
                caption={t("orgStatistics.adoption.sendersCaption")}
                description={t("orgStatistics.adoption.sendersDescription", { members: format(totals.members) })}
                series={[{ key: "share", label: t("orgStatistics.adoption.sendersSeries"), tone: "primary" }]}
                bars={stats.weeks.map((w) => ({
                  ...weekBar(w.week),
                  values: [totals.members > 0 ? Math.round((w.namedSenders / totals.members) * 100) : 0],
                  extra: [format(w.namedSenders)],
                }))}
                unit={(n) => t("orgStatistics.adoption.percentOfMembers", { percent: format(n) })}
                labelHeader={t("dashboardPeriod.week")}
                extraHeaders={[t("orgStatistics.adoption.sendersColumn")]}
              />
              <BarChart
                caption={t("orgStatistics.adoption.groupsCaption")}
                description={t("orgStatistics.adoption.groupsDescription", { groups: format(totals.activeGroups) })}
                series={[{ key: "groups", label: t("orgStatistics.adoption.groupsSeries"), tone: "primary" }]}
                bars={stats.weeks.map((w) => ({ ...weekBar(w.week), values: [w.groupsWithLoops] }))}
                unit={(n) => t("orgStatistics.groupsCount", { count: n, formatted: format(n) })}
                labelHeader={t("dashboardPeriod.week")}
              />
            </div>
          </section>
        </>
      )}
      {activeRows.length > 0 ? (
        <section className="dashboard-section" aria-labelledby="org-statistics-group-weeks">
          <h3 id="org-statistics-group-weeks">{t("orgStatistics.groupWeeks.title")}</h3>
          <HeatMap
            caption={t("orgStatistics.groupWeeks.caption")}
            description={t("orgStatistics.groupWeeks.description")}
            rowHeader={t("orgStatistics.groups.columns.name")}
            columns={period.weeks.map((week) => {
              const bar = weekBar(week);
              // The number on screen; the week's full name ("Week 47 (17–23 Nov)") for screen readers.
              const label = (
                <>
                  <span aria-hidden="true">{bar.label}</span>
                  <span className="visually-hidden">{bar.name}</span>
                </>
              );
              return { key: week, label, name: bar.name };
            })}
            startAtEnd
            rows={activeRows.map((row) => ({ key: row.group.id, label: row.group.name, name: row.group.name, cells: row.weeks }))}
            unit={loopsUnit}
          />
        </section>
      ) : null}
      <section className="dashboard-section" aria-labelledby={groupsTitleId}>
        <h3 id={groupsTitleId}>{t("orgStatistics.groups.title")}</h3>
        <p className="muted">{t("orgStatistics.groups.lead")}</p>
        {stats.groups.length === 0 ? (
          <p>{t("orgStatistics.groups.none")}</p>
        ) : (
          <>
            <OrganisationGroupsTable stats={stats} captionId={groupsTitleId} />
            {stats.groups.some((g) => g.loops.withheld) ? <WithheldNote text={withheldNote} /> : null}
          </>
        )}
      </section>
    </div>
  );
}
