/**
 * A group's surveys (`/groups/:groupId/surveys`): open ones first, then scheduled, drafts and
 * closed ones, each with its state. Leaders start a new one here; members see whether they
 * have answered.
 */
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery } from "@tanstack/react-query";
import { CircleCheck, ListChecks, Plus } from "lucide-react";
import type { SurveyState } from "../../shared/schemas/surveys.js";
import { listSurveys, surveysKey, type SurveySummary } from "../api/surveys.js";
import { QueryView } from "../components/Messages.js";
import { SurveyDates, SurveyStateBadge } from "../components/SurveyParts.js";
import { TaskEmptyState } from "../components/TaskListParts.js";
import { useSectionTitle } from "../lib/hooks.js";
import { useGroup } from "./GroupLayout.js";
import "../styles/surveys.css";

const ORDER: Record<SurveyState, number> = { open: 0, scheduled: 1, draft: 2, closed: 3 };

export function SurveyListPage() {
  const { t } = useTranslation();
  const { group } = useGroup();
  useSectionTitle(t("surveys.title"), group.name);
  const surveys = useQuery({ queryKey: surveysKey(group.id), queryFn: () => listSurveys(group.id), enabled: group.abilities.readPosts });
  const leads = group.abilities.publish;
  return (
    <section className="card" aria-labelledby="surveys-title">
      <div className="card-header">
        <h2 id="surveys-title">{t("surveys.title")}</h2>
        <p className="muted">{leads ? t("surveys.leadLeader") : t("surveys.leadMember")}</p>
      </div>
      {leads ? (
        <div className="form-actions">
          <Link className="button button-primary" to={`/groups/${group.id}/surveys/new`}>
            <Plus size={18} aria-hidden="true" />
            {t("surveys.new")}
          </Link>
        </div>
      ) : null}
      <QueryView query={surveys}>
        {(list) =>
          list.length === 0 ? (
            <TaskEmptyState icon={<ListChecks size={28} />} title={t("surveys.emptyTitle")}>
              <p>{leads ? t("surveys.emptyLeader") : t("surveys.emptyMember")}</p>
            </TaskEmptyState>
          ) : (
            <ul className="survey-list" aria-labelledby="surveys-title">
              {[...list]
                .sort((a, b) => ORDER[a.state] - ORDER[b.state])
                .map((s) => (
                  <li key={s.id} className="survey-item">
                    <SurveyListItem groupId={group.id} survey={s} />
                  </li>
                ))}
            </ul>
          )
        }
      </QueryView>
    </section>
  );
}

function SurveyListItem({ groupId, survey }: { groupId: string; survey: SurveySummary }) {
  const { t } = useTranslation();
  return (
    <>
      <h3>
        <Link to={`/groups/${groupId}/surveys/${survey.id}`}>{survey.title}</Link>
      </h3>
      <p className="survey-meta">
        <SurveyStateBadge state={survey.state} />
        {survey.anonymous ? <span className="badge badge-quiet">{t("surveys.anonymousBadge")}</span> : null}
        <span className="muted small">{t("surveys.questionCount", { count: survey.questionCount })}</span>
        <SurveyDates survey={survey} />
      </p>
      {survey.respondentCount !== null ? (
        <p className="small">{t("surveys.respondents", { count: survey.respondentCount, members: survey.answererCount ?? 0 })}</p>
      ) : null}
      {survey.answered ? (
        <p className="small survey-answered">
          <CircleCheck size={16} aria-hidden="true" />
          {t("surveys.youAnswered")}
        </p>
      ) : survey.abilities.answer ? (
        <p className="small">{t("surveys.waitingForYou")}</p>
      ) : null}
    </>
  );
}
