/**
 * The tags I used most: one bar list per group (a group's tags are its own, and two groups may
 * have tags of the same name), most used first; one list when all are from one group.
 */
import { useTranslation } from "react-i18next";
import type { MyStatistics } from "../../api/statistics.js";
import { BarList } from "../charts/index.js";
import { TagChip } from "../TagChip.js";

type TagEntry = MyStatistics["tags"][number];

export function MyTags({ tags, groupName, unit }: { tags: MyStatistics["tags"]; groupName: (groupId: string) => string | undefined; unit: (n: number) => string }) {
  const { t } = useTranslation();
  if (tags.length === 0) return <p className="muted">{t("myStatistics.tags.none")}</p>;
  const byGroup = new Map<string, TagEntry[]>();
  for (const entry of tags) byGroup.set(entry.groupId, [...(byGroup.get(entry.groupId) ?? []), entry]);
  const several = byGroup.size > 1;
  return (
    <div className="dashboard-pair">
      {[...byGroup].map(([groupId, entries]) => {
        const group = groupName(groupId);
        return (
          <BarList
            key={groupId}
            caption={several && group ? t("myStatistics.tags.captionIn", { group }) : t("myStatistics.tags.caption")}
            items={entries.map((entry) => ({ key: entry.tag.id, label: <TagChip tag={entry.tag} />, name: entry.tag.name, value: entry.loops }))}
            unit={unit}
            labelHeader={t("myStatistics.tags.tag")}
            valueHeader={t("myStatistics.weeks.series")}
          />
        );
      })}
    </div>
  );
}
