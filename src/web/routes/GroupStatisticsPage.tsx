/**
 * A group's dashboard for its leaders and tutors (issue 6): a period (the dashboards' picker,
 * kept in the address), the figures the server computes for its whole weeks, and the export of
 * the same weeks' loops. Anonymous loops only count where enough people sent them; the page says
 * so and how.
 */
import { useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { localDay } from "../../shared/days.js";
import { DEFAULT_INACTIVE_DAYS } from "../../shared/schemas/statistics.js";
import type { Group } from "../../shared/schemas/groups.js";
import { getGroupStatistics, groupStatisticsKey } from "../api/statistics.js";
import { PeriodPicker, usePeriodChoice } from "../components/dashboards/PeriodPicker.js";
import { LoopExport } from "../components/LoopExport.js";
import { Notice, QueryView } from "../components/Messages.js";
import { GroupDashboard } from "../components/statistics/GroupDashboard.js";
import { useSectionTitle } from "../lib/hooks.js";
import { useGroup } from "./GroupLayout.js";
import "../styles/dashboards.css";
import "../styles/statistics.css";

export function GroupStatisticsPage() {
  const { t } = useTranslation();
  const { group } = useGroup();
  useSectionTitle(t("statistics.title"), group.name);
  if (!group.abilities.readStatistics) return <Notice tone="info">{t("statistics.notAllowed")}</Notice>;
  return <Dashboard group={group} />;
}

/** The "quiet for N days" choice in the address (the server's default when absent or odd). */
function readInactiveDays(params: URLSearchParams): number {
  const value = Number(params.get("inactiveDays"));
  return Number.isInteger(value) && value >= 1 && value <= 365 ? value : DEFAULT_INACTIVE_DAYS;
}

function Dashboard({ group }: { group: Group }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  // The browser's today picks the days; the server snaps them to the organisation's whole weeks and says which.
  const today = localDay(new Date(), Intl.DateTimeFormat().resolvedOptions().timeZone);
  const { choice, range, setChoice } = usePeriodChoice(today);
  const asked = { ...range, inactiveDays: readInactiveDays(params) };
  const stats = useQuery({
    queryKey: groupStatisticsKey(group.id, asked),
    queryFn: () => getGroupStatistics(group.id, asked),
    // The previous period stays on screen, dimmed, until the new one arrives.
    placeholderData: keepPreviousData,
  });
  const period = stats.data?.period;
  return (
    <div className="stack">
      <section className="card" aria-labelledby="statistics-title">
        <div className="card-header">
          <h2 id="statistics-title">{t("statistics.title")}</h2>
          <p className="muted">{t("statistics.lead")}</p>
        </div>
        <PeriodPicker id="group-statistics-period" today={today} choice={choice} onChange={setChoice} />
        {period ? <LoopExport key={`${period.from}/${period.to}`} group={group} initialFrom={period.from} initialTo={period.to} /> : null}
      </section>
      <div className="dashboard-body" aria-busy={stats.isPlaceholderData || undefined}>
        <QueryView query={stats}>{(data) => <GroupDashboard group={group} stats={data} />}</QueryView>
      </div>
    </div>
  );
}
