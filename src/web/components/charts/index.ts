/**
 * Accessible, responsive SVG charts shared by the dashboards (issue 6): each a `<figure>` with a
 * `<figcaption>`, bars or cells readable by screen readers (links where they lead somewhere),
 * the numbers as a real table, and a "too few to show" marker and legend for withheld figures.
 * Styles in styles/charts.css (imported here).
 */
import "../../styles/charts.css";

export { BarChart, barHeight, type BarChartProps, type BarDatum, type BarSeries } from "./BarChart.js";
export { BarList, type BarListItem, type BarListProps } from "./BarList.js";
export { HeatMap, heatSteps, type HeatMapColumn, type HeatMapProps, type HeatMapRow } from "./HeatMap.js";
export { ChartFrame, ChartTable, WithheldNote, type ChartFrameProps, type LegendEntry } from "./ChartFrame.js";
export { anyWithheld, emojiTone, figureOf, figureShort, figureText, sumFigures, WITHHELD_MARK, type ChartFigure, type ChartTone } from "./figures.js";
export { useNumberFormat } from "./format.js";
