/**
 * The emoji spread of one check-in occurrence: five bars, one per face, each with its count in
 * numbers (colour and length are never the only cue), and the same figures as a table for
 * anyone who prefers one — the shared BarChart of the dashboards.
 */
import { useTranslation } from "react-i18next";
import { EMOJI_LEVELS } from "../../shared/schemas/loops.js";
import { BarChart, emojiTone } from "./charts/index.js";
import { EmojiFace } from "./EmojiScale.js";

export function CheckinSpread({ counts }: { counts: readonly number[] }) {
  const { t } = useTranslation();
  const count = t("checkins.spread.count");
  return (
    <BarChart
      className="checkin-spread"
      caption={t("checkins.spread.caption")}
      layout="narrow"
      series={[{ key: "answers", label: count, tone: "primary" }]}
      bars={EMOJI_LEVELS.map((level, i) => ({
        key: String(level),
        label: <EmojiFace level={level} size={28} />,
        name: t(`emoji.levels.${level}`),
        values: [counts[i] ?? 0],
        tone: emojiTone(level),
      }))}
      unit={(n) => String(n)}
      labelHeader={t("checkins.spread.feeling")}
      tableLabel={t("checkins.spread.table")}
    />
  );
}
