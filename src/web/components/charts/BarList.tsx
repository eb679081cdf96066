/**
 * Horizontal bars, one row per item, longest first as given (most used tags, loops per group):
 * the label, the bar and the value in numbers on one line. Each row is a list item — a link when
 * it has one — named with its value; the same numbers in a table behind the toggle.
 */
import type { ReactNode } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { ChartFrame, ChartTable } from "./ChartFrame.js";
import { anyWithheld, figureOf, figureShort, figureText, itemName, type ChartFigure, type ChartTone } from "./figures.js";
import { useNumberFormat } from "./format.js";

export interface BarListItem {
  key: string;
  /** What the row shows as its label (a tag chip, a group's name); hidden from screen readers, who hear `name`. */
  label: ReactNode;
  name: string;
  value: ChartFigure | number;
  tone?: ChartTone;
  href?: string;
  /** More table cells, aligned with `extraHeaders`. */
  extra?: readonly ReactNode[];
}

export interface BarListProps {
  caption: string;
  description?: ReactNode;
  items: readonly BarListItem[];
  unit: (n: number) => string;
  /** The table's header of the label column ("Tag") and of the value column ("Loops"). */
  labelHeader: string;
  valueHeader: string;
  extraHeaders?: readonly string[];
  linkHint?: string;
  withheldNote?: string;
  tableLabel?: string;
  className?: string;
}

export function BarList(props: BarListProps) {
  const { t } = useTranslation();
  const format = useNumberFormat();
  const figures = props.items.map((item) => figureOf(item.value));
  const max = Math.max(0, ...figures.map((f) => f.value));
  const cellText = (f: ChartFigure) => (f.withheld && f.value === 0 ? t("statistics.charts.tooFew") : figureShort(f, format));
  const rows = props.items.map((item, i) => ({
    key: item.key,
    header: item.name,
    cells: [item.href && figures[i]!.value > 0 ? <Link to={item.href}>{cellText(figures[i]!)}</Link> : cellText(figures[i]!), ...(item.extra ?? [])],
  }));
  return (
    <ChartFrame
      caption={props.caption}
      description={props.description}
      withheld={anyWithheld(figures)}
      withheldNote={props.withheldNote}
      tableLabel={props.tableLabel}
      className={props.className}
      table={<ChartTable caption={props.caption} headers={[props.labelHeader, props.valueHeader, ...(props.extraHeaders ?? [])]} rows={rows} />}
    >
      <ul className="chart-rows" aria-label={props.caption}>
        {props.items.map((item, i) => {
          const f = figures[i]!;
          const name = itemName(t, item.name, figureText(t, f, props.unit), item.href ? props.linkHint : undefined);
          const width = f.value > 0 && max > 0 ? Math.max(1, (f.value / max) * 100) : 0;
          const drawing = (
            <>
              <span className="chart-row-label" aria-hidden="true">
                {item.label}
              </span>
              <svg className="chart-row-track" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                {width > 0 ? <rect className={`chart-bar chart-tone-${item.tone ?? "primary"}`} x="0" y="1" width={width} height="8" /> : null}
              </svg>
              <span className="chart-row-value" aria-hidden="true">
                {figureShort(f, format)}
              </span>
            </>
          );
          return (
            <li key={item.key}>
              {item.href ? (
                <Link to={item.href} className="chart-row chart-row-link" aria-label={name} title={name}>
                  {drawing}
                </Link>
              ) : (
                <div className="chart-row">
                  <span className="visually-hidden">{name}</span>
                  {drawing}
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </ChartFrame>
  );
}
