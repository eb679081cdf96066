/**
 * A heat-map (tasks × tags): a real table whose cells are shaded in five steps of the brand
 * colour by the rank of their value (`heatSteps`), the number always written in the cell, text
 * colours chosen for AA contrast on each step. A cell with loops is a link ("Task Reading, tag Teamwork:
 * 4 loops — open in the inbox"). Being a table already, it needs no table toggle; wider than a phone
 * it scrolls as a focusable region, its row headers staying in view.
 */
import { useLayoutEffect, useRef, type ReactNode } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { ChartFrame } from "./ChartFrame.js";
import { anyWithheld, figureOf, figureShort, figureText, itemName, type ChartFigure } from "./figures.js";
import { useNumberFormat } from "./format.js";

export interface HeatMapColumn {
  key: string;
  /** The header cell's content (a tag chip); its text should be `name`. */
  label: ReactNode;
  name: string;
}

export interface HeatMapRow {
  key: string;
  label: ReactNode;
  name: string;
  /** One figure per column. */
  cells: readonly (ChartFigure | number)[];
  /** One link per column (none for a cell without loops). */
  hrefs?: readonly (string | undefined)[];
}

export interface HeatMapProps {
  caption: string;
  description?: ReactNode;
  /** The header of the row-label column ("Task"). */
  rowHeader: string;
  columns: readonly HeatMapColumn[];
  rows: readonly HeatMapRow[];
  unit: (n: number) => string;
  linkHint?: string;
  withheldNote?: string;
  /** Columns in time order (weeks, oldest first): a table wider than the screen opens on its last columns. */
  startAtEnd?: boolean;
  className?: string;
}

/**
 * The shade steps 0–5 of the values: 0 only for nothing, 5 for the largest, the others by rank
 * among the distinct values above zero, so one large row (the free loops) does not wash every
 * other cell out to the palest shade. Darker always means more; the number is in the cell.
 */
export function heatSteps(values: readonly number[]): (value: number) => number {
  const distinct = [...new Set(values.filter((v) => v > 0))].sort((a, b) => a - b);
  const rank = new Map(distinct.map((v, i) => [v, i + 1]));
  return (value) => {
    const r = rank.get(value);
    return r === undefined ? 0 : Math.min(5, Math.max(1, Math.ceil((r / distinct.length) * 5)));
  };
}

export function HeatMap(props: HeatMapProps) {
  const { t } = useTranslation();
  const format = useNumberFormat();
  const figures = props.rows.map((row) => props.columns.map((_, c) => figureOf(row.cells[c] ?? 0)));
  const step = heatSteps(figures.flat().map((f) => f.value));
  const scrollRef = useRef<HTMLDivElement>(null);
  const lastColumn = props.columns.at(-1)?.key;
  useLayoutEffect(() => {
    const area = scrollRef.current;
    if (props.startAtEnd && area && area.scrollWidth > area.clientWidth) area.scrollLeft = area.scrollWidth;
  }, [props.startAtEnd, props.columns.length, lastColumn]);
  const cellName = (row: HeatMapRow, column: HeatMapColumn, f: ChartFigure, linked: boolean) =>
    itemName(t, t("statistics.charts.cellName", { row: row.name, column: column.name }), figureText(t, f, props.unit), linked ? props.linkHint : undefined);
  return (
    <ChartFrame
      caption={props.caption}
      description={props.description}
      withheld={anyWithheld(figures.flat())}
      withheldNote={props.withheldNote}
      className={`chart-heatmap${props.className ? ` ${props.className}` : ""}`}
    >
      <div ref={scrollRef} className="table-scroll chart-heatmap-scroll" role="region" aria-label={props.caption} tabIndex={0}>
        <table className="table chart-heatmap-table">
          <caption className="visually-hidden">{props.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{props.rowHeader}</th>
              {props.columns.map((column) => (
                <th scope="col" key={column.key}>
                  {column.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.rows.map((row, r) => (
              <tr key={row.key}>
                <th scope="row">{row.label}</th>
                {props.columns.map((column, c) => {
                  const f = figures[r]![c]!;
                  const href = f.value > 0 ? row.hrefs?.[c] : undefined;
                  const text = figureShort(f, format);
                  return (
                    <td key={column.key} className={`chart-heat chart-heat-${step(f.value)}`}>
                      {href ? (
                        <Link to={href} className="chart-heat-link" aria-label={cellName(row, column, f, true)} title={cellName(row, column, f, true)}>
                          {text}
                        </Link>
                      ) : (
                        <span className="chart-heat-value" title={cellName(row, column, f, false)}>
                          {f.withheld && f.value === 0 ? (
                            <>
                              <span aria-hidden="true">{text}</span>
                              <span className="visually-hidden">{t("statistics.charts.tooFew")}</span>
                            </>
                          ) : (
                            text
                          )}
                        </span>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </ChartFrame>
  );
}
