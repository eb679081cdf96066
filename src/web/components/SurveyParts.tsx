/** Small pieces the survey pages share: the state badge, the dates line, the anonymity note. */
import { useTranslation } from "react-i18next";
import { EyeOff, UserRound } from "lucide-react";
import { SURVEY_K, type SurveyState } from "../../shared/schemas/surveys.js";
import type { SurveySummary } from "../api/surveys.js";
import { currentLanguage } from "../i18n/index.js";
import { formatDateTime, formattingLocale } from "../lib/format.js";

const BADGE: Record<SurveyState, string> = { draft: "badge badge-quiet", scheduled: "badge", open: "badge badge-on", closed: "badge badge-off" };

export function SurveyStateBadge({ state }: { state: SurveyState }) {
  const { t } = useTranslation();
  return <span className={BADGE[state]}>{t(`surveys.state.${state}`)}</span>;
}

/** When it opens or opened, and when it closes or closed, in words. */
export function SurveyDates({ survey }: { survey: Pick<SurveySummary, "state" | "opensAt" | "closesAt" | "closedAt"> }) {
  const { t } = useTranslation();
  const when = (iso: string) => formatDateTime(iso, formattingLocale(currentLanguage()));
  const parts: string[] = [];
  if (survey.state === "scheduled" && survey.opensAt) parts.push(t("surveys.dates.opens", { date: when(survey.opensAt) }));
  if (survey.state === "open" && survey.opensAt) parts.push(t("surveys.dates.opened", { date: when(survey.opensAt) }));
  if (survey.state === "closed") {
    const closed = survey.closedAt ?? survey.closesAt;
    if (closed) parts.push(t("surveys.dates.closed", { date: when(closed) }));
  } else if (survey.closesAt) {
    parts.push(t("surveys.dates.closes", { date: when(survey.closesAt) }));
  }
  if (parts.length === 0) return null;
  return <span className="muted small">{parts.join(" · ")}</span>;
}

/** Whether leaders will see who answered: said plainly before anyone answers. */
export function SurveyAnonymityNote({ anonymous, audience }: { anonymous: boolean; audience: "member" | "leader" }) {
  const { t } = useTranslation();
  return (
    <p className={anonymous ? "survey-note survey-note-anonymous" : "survey-note"}>
      {anonymous ? <EyeOff size={18} aria-hidden="true" /> : <UserRound size={18} aria-hidden="true" />}
      <span>{t(`surveys.anonymity.${anonymous ? "anonymous" : "identified"}.${audience}`, { k: SURVEY_K })}</span>
    </p>
  );
}
