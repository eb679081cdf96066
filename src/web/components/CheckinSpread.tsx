/**
 * The emoji spread of one check-in occurrence: five bars, one per face, each with its count in
 * numbers (colour and length are never the only cue), and the same figures as a table for
 * screen readers and for anyone who prefers one.
 */
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { EMOJI_LEVELS } from "../../shared/schemas/loops.js";
import { EmojiFace } from "./EmojiScale.js";

/** The bar's height in tenths (classes in checkins.css: the CSP allows no inline styles); a count above zero always shows. */
function heightStep(count: number, max: number): number {
  if (count === 0) return 0;
  return Math.max(1, Math.round((count / max) * 10));
}

export function CheckinSpread({ counts }: { counts: readonly number[] }) {
  const { t } = useTranslation();
  const captionId = useId();
  const max = Math.max(1, ...counts);
  return (
    <figure className="checkin-spread" aria-labelledby={captionId}>
      <figcaption id={captionId} className="checkin-spread-caption">
        {t("checkins.spread.caption")}
      </figcaption>
      {/* The bars repeat the table below; assistive technology reads the table. */}
      <div className="checkin-spread-bars" aria-hidden="true">
        {EMOJI_LEVELS.map((level, i) => {
          const count = counts[i] ?? 0;
          return (
            <div key={level} className="checkin-spread-column" title={t("checkins.spread.bar", { label: t(`emoji.levels.${level}`), count })}>
              <span className="checkin-spread-count">{count}</span>
              <span className="checkin-spread-track">
                <span className={`checkin-spread-bar checkin-spread-bar-${level} checkin-spread-h-${heightStep(count, max)}`} />
              </span>
              <EmojiFace level={level} size={28} />
            </div>
          );
        })}
      </div>
      <details className="checkin-spread-table">
        <summary>{t("checkins.spread.table")}</summary>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("checkins.spread.feeling")}</th>
              <th scope="col">{t("checkins.spread.count")}</th>
            </tr>
          </thead>
          <tbody>
            {EMOJI_LEVELS.map((level, i) => (
              <tr key={level}>
                <th scope="row">{t(`emoji.levels.${level}`)}</th>
                <td>{counts[i] ?? 0}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
