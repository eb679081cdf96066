/**
 * Download a group's loops of a period as CSV or Excel: plain links to the API (a GET; the session
 * cookie goes along), folded away until asked for. Anonymous loops come without their sender.
 */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Download } from "lucide-react";
import type { Group } from "../../shared/schemas/groups.js";
import { currentLanguage } from "../i18n/index.js";
import { Field } from "./Field.js";

/** The longest period the server exports, in days (inclusive). */
const MAX_DAYS = 400;
const DAY_MS = 86_400_000;

/** A local calendar day as YYYY-MM-DD. */
const dayOf = (date: Date) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;

/** `initialFrom`/`initialTo`: the period to start with (the dashboard's weeks); the last 30 days by default. */
export function LoopExport({ group, initialFrom, initialTo }: { group: Group; initialFrom?: string; initialTo?: string }) {
  const { t } = useTranslation();
  const [to, setTo] = useState(() => initialTo ?? dayOf(new Date()));
  const [from, setFrom] = useState(() => initialFrom ?? dayOf(new Date(Date.now() - 29 * DAY_MS)));
  const span = (Date.parse(to) - Date.parse(from)) / DAY_MS + 1;
  const error = !from || !to || Number.isNaN(span) ? t("inbox.export.needDates") : span < 1 ? t("inbox.export.toBeforeFrom") : span > MAX_DAYS ? t("inbox.export.tooLong", { days: MAX_DAYS }) : undefined;
  const href = (ext: "csv" | "xlsx") =>
    `/api/v1/groups/${encodeURIComponent(group.id)}/loops/export.${ext}?${new URLSearchParams({ from, to, language: currentLanguage() }).toString()}`;

  return (
    <details className="loop-export">
      <summary>{t("inbox.export.title", { group: group.name })}</summary>
      <div className="stack loop-export-body">
        <p className="muted">{t("inbox.export.lead")}</p>
        <div className="loop-export-dates">
          <Field id="loop-export-from" type="date" label={t("inbox.export.from")} value={from} max={to || undefined} onChange={(e) => setFrom(e.target.value)} />
          <Field id="loop-export-to" type="date" label={t("inbox.export.to")} value={to} min={from || undefined} error={error} onChange={(e) => setTo(e.target.value)} />
        </div>
        {error ? null : (
          <div className="loop-export-links">
            <a className="button" href={href("csv")} download>
              <Download size={18} aria-hidden="true" />
              {t("inbox.export.csv")}
            </a>
            <a className="button" href={href("xlsx")} download>
              <Download size={18} aria-hidden="true" />
              {t("inbox.export.xlsx")}
            </a>
          </div>
        )}
      </div>
    </details>
  );
}
