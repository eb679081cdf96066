/**
 * What every chart shows for one number: the figure (a count, possibly `withheld`: anonymous
 * loops belong there but came from too few people to be shown), in words for accessible names and
 * tables, and in the short form drawn beside a bar. Pure helpers, shared by the chart components.
 */
import type { TFunction } from "i18next";

/** A count as the statistics API sends it (`Figure`); plain numbers are never withheld. */
export interface ChartFigure {
  value: number;
  withheld?: boolean;
}

/** Palette of a bar or segment: the brand colour, a muted grey, or one of the five emoji colours (as EmojiFace). */
export type ChartTone = "primary" | "muted" | "emoji-1" | "emoji-2" | "emoji-3" | "emoji-4" | "emoji-5";

/** The marker drawn beside a figure that leaves something out; the legend explains it. */
export const WITHHELD_MARK = "*";

export const figureOf = (f: ChartFigure | number): ChartFigure => (typeof f === "number" ? { value: f } : f);

/** The sum of figures: withheld when any part is. */
export function sumFigures(figures: readonly (ChartFigure | number)[]): ChartFigure {
  let value = 0;
  let withheld = false;
  for (const f of figures.map(figureOf)) {
    value += f.value;
    withheld ||= Boolean(f.withheld);
  }
  return { value, withheld };
}

/**
 * A figure in words: "12 loops", "12 loops (some too few to show)", or "too few to show" for a
 * withheld figure with nothing shown (never a bare 0, which would claim there was nothing).
 */
export function figureText(t: TFunction, f: ChartFigure, unit: (n: number) => string): string {
  if (f.withheld && f.value === 0) return t("statistics.charts.tooFew");
  if (f.withheld) return t("statistics.charts.partly", { value: unit(f.value) });
  return unit(f.value);
}

/** The short form drawn beside a bar or in a cell: "12", "12*", or "*" alone for a withheld nothing. */
export function figureShort(f: ChartFigure, format: (n: number) => string): string {
  if (f.withheld && f.value === 0) return WITHHELD_MARK;
  return f.withheld ? `${format(f.value)}${WITHHELD_MARK}` : format(f.value);
}

/** An accessible name for a bar or cell: "Week 47: 12 loops — open in the inbox". */
export function itemName(t: TFunction, name: string, valueText: string, linkHint?: string): string {
  return linkHint ? t("statistics.charts.itemLinked", { name, value: valueText, hint: linkHint }) : t("statistics.charts.item", { name, value: valueText });
}

/** Whether any of the figures leaves something out (the chart then shows the legend). */
export const anyWithheld = (figures: Iterable<ChartFigure | number>): boolean => {
  for (const f of figures) if (typeof f !== "number" && f.withheld) return true;
  return false;
};

/** The tone of emoji level 1–5, the colours of the emoji faces. */
export const emojiTone = (level: number): ChartTone => `emoji-${Math.min(5, Math.max(1, Math.round(level)))}` as ChartTone;
