/**
 * One survey (`/groups/:groupId/surveys/:surveyId`, where the feed links). Members read whether
 * it is anonymous, then answer (and may change their answers until it closes); leaders open,
 * close, edit or delete it and read the results.
 */
import { Link, useLocation, useNavigate, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowLeft, CirclePlay, CircleStop, Pencil, Trash2 } from "lucide-react";
import { SURVEY_K } from "../../shared/schemas/surveys.js";
import { ApiError } from "../api/client.js";
import { closeSurvey, deleteSurvey, getSurvey, openSurvey, surveyKey, surveyResultsKey, surveysKey, type Survey } from "../api/surveys.js";
import { ConfirmDialog } from "../components/ConfirmDialog.js";
import { Feedback, Notice, QueryView } from "../components/Messages.js";
import { SurveyAnswerForm } from "../components/SurveyAnswerForm.js";
import { SurveyAnonymityNote, SurveyDates, SurveyStateBadge } from "../components/SurveyParts.js";
import { SurveyResults } from "../components/SurveyResults.js";
import { useSectionTitle } from "../lib/hooks.js";
import { useFeedback } from "../lib/useFeedback.js";
import { useGroup } from "./GroupLayout.js";
import "../styles/surveys.css";

/** History state the builder leaves when it leads here after saving. */
export interface SurveySavedState {
  surveySaved?: "created" | "saved";
}

export function SurveyPage() {
  const { t } = useTranslation();
  const { group } = useGroup();
  const { surveyId = "" } = useParams();
  const survey = useQuery({ queryKey: surveyKey(group.id, surveyId), queryFn: () => getSurvey(surveyId) });
  useSectionTitle(survey.data?.title ?? t("surveys.title"), group.name);
  const gone = survey.error instanceof ApiError && survey.error.status === 404;
  return (
    <div className="stack survey-page">
      <p>
        <Link className="back-link" to={`/groups/${group.id}/surveys`}>
          <ArrowLeft size={18} aria-hidden="true" />
          {t("surveys.backToList")}
        </Link>
      </p>
      {gone ? (
        <div className="empty-state">
          <h2>{t("surveys.goneTitle")}</h2>
          <p>{t("surveys.goneBody")}</p>
        </div>
      ) : (
        <QueryView query={survey}>{(loaded) => <SurveyView survey={loaded} />}</QueryView>
      )}
    </div>
  );
}

function SurveyView({ survey }: { survey: Survey }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const arrival = useLocation().state as SurveySavedState | null;
  const feedback = useFeedback();
  const leads = survey.abilities.readResults;
  const update = (s: Survey) => {
    queryClient.setQueryData(surveyKey(s.groupId, s.id), s);
    void queryClient.invalidateQueries({ queryKey: surveysKey(s.groupId), exact: true });
    void queryClient.invalidateQueries({ queryKey: surveyResultsKey(s.groupId, s.id) });
  };
  const act = (run: () => Promise<Survey>, key: string) =>
    void feedback.run(async () => {
      update(await run());
      feedback.succeed(key, { title: survey.title });
    });
  return (
    <>
      <section className="card stack" aria-labelledby="survey-title">
        <div className="card-header">
          <h2 id="survey-title">{survey.title}</h2>
          <p className="survey-meta">
            <SurveyStateBadge state={survey.state} />
            {survey.anonymous ? <span className="badge badge-quiet">{t("surveys.anonymousBadge")}</span> : null}
            <SurveyDates survey={survey} />
          </p>
        </div>
        {arrival?.surveySaved && (arrival.surveySaved === "saved" || survey.state === "draft" || survey.state === "scheduled") ? <Notice>{t(arrival.surveySaved === "created" ? "surveys.createdNotice" : "surveys.savedNotice")}</Notice> : null}
        {survey.description ? <p className="survey-description">{survey.description}</p> : null}
        <SurveyAnonymityNote anonymous={survey.anonymous} audience={leads ? "leader" : "member"} />
        {leads && survey.respondentCount !== null ? (
          <p>{t("surveys.respondents", { count: survey.respondentCount, members: survey.answererCount ?? 0 })}</p>
        ) : null}
        {leads && survey.state === "draft" ? <p className="muted">{t("surveys.draftNote")}</p> : null}
        {leads && survey.anonymous && survey.state === "open" ? <p className="muted">{t("surveys.anonymousOpenNote", { k: SURVEY_K })}</p> : null}
        {survey.abilities.edit || survey.abilities.delete ? (
          <div className="survey-actions">
            {survey.abilities.open ? (
              <button type="button" className="button button-primary" onClick={() => act(() => openSurvey(survey.id), survey.state === "closed" ? "surveys.reopenedNow" : "surveys.openedNow")}>
                <CirclePlay size={18} aria-hidden="true" />
                {survey.state === "closed" ? t("surveys.reopen") : t("surveys.openNow")}
              </button>
            ) : null}
            {survey.abilities.close ? (
              <ConfirmDialog
                trigger={
                  <>
                    <CircleStop size={18} aria-hidden="true" />
                    {t("surveys.closeNow")}
                  </>
                }
                title={t("surveys.closeDialog.title")}
                body={<p>{survey.anonymous ? t("surveys.closeDialog.bodyAnonymous") : t("surveys.closeDialog.body")}</p>}
                confirmLabel={t("surveys.closeDialog.confirm")}
                cancelLabel={t("surveys.cancel")}
                onConfirm={() => feedback.run(async () => {
                  update(await closeSurvey(survey.id));
                  feedback.succeed("surveys.closedNow", { title: survey.title });
                })}
              />
            ) : null}
            {survey.abilities.edit ? (
              <Link className="button" to={`/groups/${survey.groupId}/surveys/${survey.id}/edit`}>
                <Pencil size={18} aria-hidden="true" />
                {t("surveys.edit")}
              </Link>
            ) : null}
            {survey.abilities.delete ? (
              <ConfirmDialog
                triggerClassName="button button-danger"
                trigger={
                  <>
                    <Trash2 size={18} aria-hidden="true" />
                    {t("surveys.delete")}
                  </>
                }
                tone="danger"
                title={t("surveys.deleteDialog.title")}
                body={<p>{t("surveys.deleteDialog.body", { count: survey.respondentCount ?? 0 })}</p>}
                confirmLabel={t("surveys.deleteDialog.confirm")}
                cancelLabel={t("surveys.cancel")}
                onConfirm={() =>
                  feedback.run(async () => {
                    await deleteSurvey(survey.id);
                    queryClient.removeQueries({ queryKey: surveyKey(survey.groupId, survey.id) });
                    await queryClient.invalidateQueries({ queryKey: surveysKey(survey.groupId), exact: true });
                    void navigate(`/groups/${survey.groupId}/surveys`);
                  })
                }
              />
            ) : null}
          </div>
        ) : null}
        <Feedback feedback={feedback.state} />
      </section>

      {survey.abilities.answer ? (
        <section className="card stack" aria-labelledby="survey-answer-title">
          <h2 id="survey-answer-title">{survey.myResponse ? t("surveys.answer.yourAnswers") : t("surveys.answer.title")}</h2>
          <SurveyAnswerForm survey={survey} onSaved={update} />
        </section>
      ) : survey.myResponse && survey.state === "closed" ? (
        <section className="card stack" aria-labelledby="survey-answer-title">
          <h2 id="survey-answer-title">{t("surveys.answer.yourAnswers")}</h2>
          <p>{t("surveys.answer.closedKept")}</p>
        </section>
      ) : survey.state === "closed" && !leads ? (
        <p className="muted">{t("surveys.closedForYou")}</p>
      ) : null}

      {leads ? <SurveyResults survey={survey} /> : null}
    </>
  );
}
