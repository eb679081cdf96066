/**
 * The organisation dashboard's groups: members, loops, people who sent a named loop and their
 * share of the members, per group, most loops first. Each column header is a button that sorts
 * by it (again: the other way); `aria-sort` tells screen readers which column orders the rows.
 * Counts only, never a loop's text or a person.
 */
import { useState } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import type { OrganisationStatistics } from "../../api/statistics.js";
import { currentLanguage } from "../../i18n/index.js";
import { formattingLocale } from "../../lib/format.js";
import { FigureValue } from "./FigureValue.js";
import { useNumberFormat } from "../charts/index.js";

type GroupRow = OrganisationStatistics["groups"][number];
type SortKey = "name" | "members" | "loops" | "namedSenders" | "share";
type Sort = { key: SortKey; descending: boolean };

const shareOf = (row: GroupRow): number | null => (row.members > 0 ? row.namedSenders / row.members : null);

function compare(a: GroupRow, b: GroupRow, key: SortKey, locale: string): number {
  switch (key) {
    case "name":
      return a.group.name.localeCompare(b.group.name, locale);
    case "members":
      return a.members - b.members;
    case "loops":
      return a.loops.value - b.loops.value;
    case "namedSenders":
      return a.namedSenders - b.namedSenders;
    case "share":
      return (shareOf(a) ?? -1) - (shareOf(b) ?? -1);
  }
}

export function OrganisationGroupsTable({ stats, captionId }: { stats: OrganisationStatistics; captionId: string }) {
  const { t } = useTranslation();
  const locale = formattingLocale(currentLanguage());
  // The server's order (most loops first) until a header is pressed.
  const [sort, setSort] = useState<Sort>({ key: "loops", descending: true });
  const rows = [...stats.groups].sort((a, b) => {
    const order = compare(a, b, sort.key, locale);
    return (sort.descending ? -order : order) || a.group.name.localeCompare(b.group.name, locale);
  });
  const toggle = (key: SortKey) => setSort((current) => (current.key === key ? { key, descending: !current.descending } : { key, descending: key !== "name" }));
  const format = useNumberFormat();
  const formatShare = useNumberFormat({ style: "percent", maximumFractionDigits: 0 });
  const loopsUnit = (n: number) => t("orgStatistics.loopsCount", { count: n, formatted: format(n) });

  const header = (key: SortKey) => {
    const active = sort.key === key;
    const Icon = active ? (sort.descending ? ArrowDown : ArrowUp) : ArrowUpDown;
    return (
      <th scope="col" aria-sort={active ? (sort.descending ? "descending" : "ascending") : undefined} className={key === "name" ? undefined : "numeric"}>
        <button type="button" className="sort-button" onClick={() => toggle(key)}>
          {t(`orgStatistics.groups.columns.${key}`)}
          <Icon size={16} aria-hidden="true" />
        </button>
      </th>
    );
  };

  return (
    <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="table dashboard-table">
        <caption className="visually-hidden">
          {t("orgStatistics.groups.caption")} {t("orgStatistics.groups.sortHint")}
        </caption>
        <thead>
          <tr>
            {header("name")}
            {header("members")}
            {header("loops")}
            {header("namedSenders")}
            {header("share")}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const share = shareOf(row);
            return (
              <tr key={row.group.id}>
                <th scope="row">
                  <Link to={`/groups/${encodeURIComponent(row.group.id)}`}>{row.group.name}</Link>
                  {row.group.active ? null : (
                    <>
                      {" "}
                      <span className="badge badge-off">{t("orgStatistics.groups.inactive")}</span>
                    </>
                  )}
                </th>
                <td className="numeric">{format(row.members)}</td>
                <td className="numeric">
                  <FigureValue figure={row.loops} format={format} unit={loopsUnit} />
                </td>
                <td className="numeric">{format(row.namedSenders)}</td>
                <td className="numeric">{share === null ? <span className="muted">{t("orgStatistics.none")}</span> : formatShare(share)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
