/**
 * A count that may leave anonymous loops out (`Figure.withheld`), as text in a table cell or a
 * key figure: "12*" on screen, with the marker the charts' legend explains, and in words for
 * screen readers ("12 loops (some too few to show)", or "too few to show" rather than a bare 0).
 */
import { useTranslation } from "react-i18next";
import { figureShort, figureText, type ChartFigure } from "../charts/index.js";

export function FigureValue({ figure, format, unit }: { figure: ChartFigure; format: (n: number) => string; unit: (n: number) => string }) {
  const { t } = useTranslation();
  if (!figure.withheld) return <>{format(figure.value)}</>;
  return (
    <>
      <span aria-hidden="true">{figureShort(figure, format)}</span>
      <span className="visually-hidden">{figureText(t, figure, unit)}</span>
    </>
  );
}
