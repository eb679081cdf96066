/**
 * Vertical bars over a row of labels (loops per week, one check-in's emoji spread), one series or
 * several stacked (the emoji of each week). Each bar is a list item — a link when it has one
 * ("Week 47: 12 loops — open in the inbox") — with its value written above it; the drawing is SVG
 * sized by attributes (the CSP allows no inline styles). Many bars scroll sideways on a phone,
 * starting at the last ones (the latest weeks), the earlier ones a swipe to the left.
 */
import { useLayoutEffect, useRef, type ReactNode } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { ChartFrame, ChartTable, type LegendEntry } from "./ChartFrame.js";
import { anyWithheld, figureOf, figureShort, figureText, itemName, sumFigures, type ChartFigure, type ChartTone } from "./figures.js";
import { useNumberFormat } from "./format.js";

export interface BarSeries {
  key: string;
  /** Its name in the legend and the table's column header ("Good", "Loops"). */
  label: string;
  tone: ChartTone;
  /** Shown in the legend instead of a swatch (an emoji face). */
  icon?: ReactNode;
}

export interface BarDatum {
  key: string;
  /** The short label under the bar ("47", an emoji face); hidden from screen readers, who hear `name`. */
  label: ReactNode;
  /** The bar's full name, for its accessible name and the table's row header ("Week 47 (17–23 Nov)"). */
  name: string;
  /** One figure per series, in the series' order. */
  values: readonly (ChartFigure | number)[];
  /** Colour of a single-series bar, instead of its series' (the five emoji bars of a spread). */
  tone?: ChartTone;
  /** Where the bar leads (react-router path), e.g. the inbox filtered to its loops. */
  href?: string;
  /** Links of the table's cells, one per series (e.g. that week's loops with one emoji). */
  cellHrefs?: readonly (string | undefined)[];
  /** More table cells, aligned with `extraHeaders` (e.g. the week's mean emoji). */
  extra?: readonly ReactNode[];
}

export interface BarChartProps {
  caption: string;
  description?: ReactNode;
  /** The series; one series draws plain bars, several draw stacked bars with a legend. */
  series: readonly BarSeries[];
  bars: readonly BarDatum[];
  /** A count with its unit in words: n => "12 loops" (plural-aware). */
  unit: (n: number) => string;
  /** The table's first column header ("Week", "Feeling"). */
  labelHeader: string;
  /** Words appended to each link's name ("open in the inbox"). */
  linkHint?: string;
  extraHeaders?: readonly string[];
  /** The table's "Total" column (default: shown when there are several series). */
  showTotal?: boolean;
  withheldNote?: string;
  tableLabel?: string;
  /** "narrow": columns at most 3.5rem, as for five emoji; "wide" (default) fills the width. */
  layout?: "narrow" | "wide";
  className?: string;
}

/** A bar's drawn height in percent of the tallest; anything above zero stays visible. */
export function barHeight(value: number, max: number): number {
  if (value <= 0 || max <= 0) return 0;
  return Math.max(2, (value / max) * 100);
}

export function BarChart(props: BarChartProps) {
  const { t } = useTranslation();
  const format = useNumberFormat();
  const { series, bars, unit } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  // Weeks run oldest first: a drawing wider than the screen opens on its latest bars, not on a
  // row of empty weeks at the start of a term.
  const lastKey = bars.at(-1)?.key;
  useLayoutEffect(() => {
    const area = scrollRef.current;
    if (area && area.scrollWidth > area.clientWidth) area.scrollLeft = area.scrollWidth;
  }, [bars.length, lastKey]);
  const stacked = series.length > 1;
  const totals = bars.map((bar) => sumFigures(bar.values));
  const max = Math.max(0, ...totals.map((total) => total.value));
  const withheld = anyWithheld(bars.flatMap((bar) => bar.values));
  const valueName = (bar: BarDatum, total: ChartFigure) => {
    const text = figureText(t, total, unit);
    if (!stacked) return text;
    const parts = series.map((s, i) => `${s.label} ${figureShort(figureOf(bar.values[i] ?? 0), format)}`).join(", ");
    return t("statistics.charts.withParts", { value: text, parts });
  };
  const legend: LegendEntry[] | undefined = stacked ? series.map((s) => ({ key: s.key, label: s.label, tone: s.tone, icon: s.icon })) : undefined;
  const showTotal = props.showTotal ?? stacked;
  const headers = [props.labelHeader, ...series.map((s) => s.label), ...(showTotal ? [t("statistics.charts.total")] : []), ...(props.extraHeaders ?? [])];
  const cellText = (f: ChartFigure) => (f.withheld && f.value === 0 ? t("statistics.charts.tooFew") : figureShort(f, format));
  const rows = bars.map((bar, b) => ({
    key: bar.key,
    header: bar.name,
    cells: [
      ...series.map((_, i) => {
        const f = figureOf(bar.values[i] ?? 0);
        const href = bar.cellHrefs?.[i] ?? (stacked ? undefined : bar.href);
        return href && f.value > 0 ? <Link to={href}>{cellText(f)}</Link> : cellText(f);
      }),
      ...(showTotal ? [bar.href && totals[b]!.value > 0 ? <Link to={bar.href}>{cellText(totals[b]!)}</Link> : cellText(totals[b]!)] : []),
      ...(bar.extra ?? []),
    ],
  }));

  return (
    <ChartFrame
      caption={props.caption}
      description={props.description}
      legend={legend}
      withheld={withheld}
      withheldNote={props.withheldNote}
      tableLabel={props.tableLabel}
      className={props.className}
      table={<ChartTable caption={props.caption} headers={headers} rows={rows} />}
    >
      {/* Focusable, so a keyboard can scroll a chart wider than the screen (the bars need not be links). */}
      <div ref={scrollRef} className="chart-scroll" role="region" aria-label={props.caption} tabIndex={0}>
        <ul className={`chart-bars chart-bars-${props.layout ?? "wide"}`} aria-label={props.caption}>
          {bars.map((bar, b) => {
            const total = totals[b]!;
            const name = itemName(t, bar.name, valueName(bar, total), bar.href ? props.linkHint : undefined);
            let base = 100;
            const drawing = (
              <>
                <span className="chart-bar-value" aria-hidden="true">
                  {figureShort(total, format)}
                </span>
                <svg className="chart-bar-track" viewBox="0 0 10 100" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                  {series.map((s, i) => {
                    const h = barHeight(figureOf(bar.values[i] ?? 0).value, max);
                    if (h === 0) return null;
                    base -= h;
                    return <rect key={s.key} className={`chart-bar chart-tone-${(!stacked && bar.tone) || s.tone}`} x="1" y={base} width="8" height={h} />;
                  })}
                </svg>
                <span className="chart-bar-label" aria-hidden="true">
                  {bar.label}
                </span>
              </>
            );
            return (
              <li key={bar.key} className="chart-bar-item">
                {bar.href ? (
                  <Link to={bar.href} className="chart-bar-hit chart-bar-link" aria-label={name} title={name}>
                    {drawing}
                  </Link>
                ) : (
                  <div className="chart-bar-hit" title={name}>
                    <span className="visually-hidden">{name}</span>
                    {drawing}
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      </div>
    </ChartFrame>
  );
}
