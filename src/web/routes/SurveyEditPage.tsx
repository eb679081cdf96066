/**
 * A new survey (`/groups/:groupId/surveys/new`) or changes to one (`…/:surveyId/edit`), for the
 * group's leaders. Saving leads to the survey's page, which says what happened.
 */
import { Link, useNavigate, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowLeft } from "lucide-react";
import { getSurvey, surveyKey, surveysKey, type Survey } from "../api/surveys.js";
import { Notice, QueryView } from "../components/Messages.js";
import { SurveyBuilder } from "../components/SurveyBuilder.js";
import { useSectionTitle } from "../lib/hooks.js";
import { useGroup } from "./GroupLayout.js";
import type { SurveySavedState } from "./SurveyPage.js";
import "../styles/surveys.css";

export function SurveyEditPage() {
  const { t } = useTranslation();
  const { group } = useGroup();
  const { surveyId } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const editing = surveyId !== undefined;
  const survey = useQuery({ queryKey: surveyKey(group.id, surveyId ?? ""), queryFn: () => getSurvey(surveyId ?? ""), enabled: editing });
  const heading = editing ? t("surveys.builder.editHeading") : t("surveys.builder.newHeading");
  useSectionTitle(heading, group.name);
  const saved = (s: Survey, created: boolean) => {
    queryClient.setQueryData(surveyKey(group.id, s.id), s);
    void queryClient.invalidateQueries({ queryKey: surveysKey(group.id), exact: true });
    void navigate(`/groups/${group.id}/surveys/${s.id}`, { state: { surveySaved: created ? "created" : "saved" } satisfies SurveySavedState });
  };
  const back = editing ? `/groups/${group.id}/surveys/${surveyId}` : `/groups/${group.id}/surveys`;
  return (
    <section className="card stack" aria-labelledby="survey-builder-heading">
      <p>
        <Link className="back-link" to={back}>
          <ArrowLeft size={18} aria-hidden="true" />
          {editing ? t("surveys.backToSurvey") : t("surveys.backToList")}
        </Link>
      </p>
      <h2 id="survey-builder-heading">{heading}</h2>
      {!group.abilities.publish ? (
        <Notice tone="info">{t("surveys.builder.notAllowed")}</Notice>
      ) : editing ? (
        <QueryView query={survey}>{(loaded) => <SurveyBuilder groupId={group.id} survey={loaded} onSaved={saved} />}</QueryView>
      ) : (
        <SurveyBuilder groupId={group.id} onSaved={saved} />
      )}
    </section>
  );
}
