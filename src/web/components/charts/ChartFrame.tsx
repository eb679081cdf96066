/**
 * The frame every chart shares: a `<figure>` named by its `<figcaption>`, the drawing, a legend
 * (the series' colours, and what the "too few to show" marker means when a figure uses it) and
 * the same numbers as a real table behind a "Show as a table" toggle (a button with
 * aria-expanded: reachable and opened with the keyboard, announced as a button everywhere). The drawing itself is readable too: each bar is a list
 * item or link whose accessible name carries its value, so the table is for whoever prefers one.
 */
import { useId, useState, type ReactNode } from "react";
import { ChevronDown } from "lucide-react";
import { useTranslation } from "react-i18next";
import { WITHHELD_MARK, type ChartTone } from "./figures.js";

export interface LegendEntry {
  key: string;
  label: string;
  tone: ChartTone;
  /** Drawn instead of the colour swatch (e.g. an emoji face); the swatch still shows its colour. */
  icon?: ReactNode;
}

export interface ChartFrameProps {
  /** The figure's caption (also names its table and scroll region). */
  caption: string;
  /** A sentence under the caption (what is counted, which period). */
  description?: ReactNode;
  legend?: readonly LegendEntry[];
  /** Show the "too few to show" legend (some figure is withheld). */
  withheld: boolean;
  /** The legend's words for the marker; the default says anonymous loops from too few people are left out. */
  withheldNote?: string;
  /** The toggle's words ("Show as a table" by default). */
  tableLabel?: string;
  /** The `<table>` with the same numbers (ChartTable builds one); none when the chart is a table itself (HeatMap). */
  table?: ReactNode;
  className?: string;
  children: ReactNode;
}

export function ChartFrame(props: ChartFrameProps) {
  const { t } = useTranslation();
  const captionId = useId();
  const tableId = useId();
  const [tableShown, setTableShown] = useState(false);
  return (
    <figure className={`chart${props.className ? ` ${props.className}` : ""}`} aria-labelledby={captionId}>
      <figcaption id={captionId} className="chart-caption">
        {props.caption}
      </figcaption>
      {props.description ? <p className="chart-description muted small">{props.description}</p> : null}
      {props.children}
      {props.legend && props.legend.length > 1 ? (
        <ul className="chart-legend" aria-label={t("statistics.charts.legend")}>
          {props.legend.map((entry) => (
            <li key={entry.key} className="chart-legend-item">
              {entry.icon ?? <span className={`chart-swatch chart-tone-${entry.tone}`} aria-hidden="true" />}
              {entry.label}
            </li>
          ))}
        </ul>
      ) : null}
      {props.withheld ? <WithheldNote text={props.withheldNote} /> : null}
      {props.table ? (
        <div className="chart-table">
          <button type="button" className="chart-table-toggle" aria-expanded={tableShown} aria-controls={tableId} onClick={() => setTableShown((shown) => !shown)}>
            <ChevronDown size={18} aria-hidden="true" className="chart-table-chevron" />
            {props.tableLabel ?? t("statistics.charts.showTable")}
          </button>
          <div id={tableId} hidden={!tableShown}>
            {props.table}
          </div>
        </div>
      ) : null}
    </figure>
  );
}

/**
 * What the "too few to show" marker means, under a chart or a table or key figures that use it:
 * the marker drawn (not read out: the figures say it in words), then the sentence.
 */
export function WithheldNote({ text }: { text?: string | undefined }) {
  const { t } = useTranslation();
  return (
    <p className="chart-withheld-note small">
      <span className="chart-withheld-mark" aria-hidden="true">
        {WITHHELD_MARK}
      </span>{" "}
      {text ?? t("statistics.charts.withheldNote")}
    </p>
  );
}

/**
 * A plain table of a chart's numbers: one row per bar, a header row, optional links in cells.
 * Wider than a phone it scrolls, as a focusable region so a keyboard can scroll it.
 */
export function ChartTable(props: { caption: string; headers: readonly string[]; rows: readonly { key: string; header: ReactNode; cells: readonly ReactNode[] }[] }) {
  return (
    <div className="table-scroll chart-table-scroll" role="region" aria-label={props.caption} tabIndex={0}>
      <table className="table chart-data-table">
        <caption className="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            {props.headers.map((header, i) => (
              <th scope="col" key={i}>
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.header}</th>
              {row.cells.map((cell, i) => (
                <td key={i}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
