/** The check-in question at the top of the composer: what the sender is answering, when and where it was asked. */
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { CalendarClock } from "lucide-react";
import type { CheckinOccurrence } from "../api/checkins.js";
import { currentLanguage } from "../i18n/index.js";
import { formatDateTime, formattingLocale } from "../lib/format.js";
import "../styles/checkins.css";

export function CheckinPrompt({ id, occurrence, error }: { id: string; occurrence: CheckinOccurrence; error: string | undefined }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  return (
    <section className="checkin-prompt" id={id} tabIndex={-1} aria-labelledby={`${id}-question`}>
      <p className="checkin-prompt-label">
        <CalendarClock size={18} aria-hidden="true" />
        {t("checkins.composer.label")}
      </p>
      <p className="checkin-prompt-question" id={`${id}-question`}>
        {occurrence.prompt}
      </p>
      <p className="muted small">{t("checkins.composer.from", { group: occurrence.groupName, date: formatDateTime(occurrence.occursAt, formattingLocale(language), occurrence.timeZone) })}</p>
      {error ? <p className="field-error">{error}</p> : null}
      <p>
        <Link className="small" to={`/groups/${encodeURIComponent(occurrence.groupId)}/send`}>
          {t("checkins.composer.skip")}
        </Link>
      </p>
    </section>
  );
}
