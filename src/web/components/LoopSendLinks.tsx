/** Where I can send a loop: one action link per group that takes my loops. */
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { ArrowRight, Send } from "lucide-react";
import type { Group } from "../../shared/schemas/groups.js";

/** The groups where I may send loops (active ones only). */
export function sendableGroups(groups: readonly Group[]): Group[] {
  return groups.filter((group) => group.active && group.abilities.sendLoop);
}

export function LoopSendLinks({ groups }: { groups: readonly Group[] }) {
  const { t } = useTranslation();
  return (
    <ul className="action-list">
      {sendableGroups(groups).map((group) => (
        <li key={group.id}>
          <Link className="action-link" to={`/groups/${group.id}/send`}>
            <Send size={22} aria-hidden="true" />
            <span>
              <span className="action-link-title">{t("loopHome.sendIn", { group: group.name })}</span>
              <span className="action-link-detail">
                {group.type === "flat"
                  ? t("loopHome.sendDetailFlat")
                  : t(group.hasStudentMembers ? "loopHome.sendDetail" : "loopHome.sendDetailWork")}
              </span>
            </span>
            <ArrowRight size={18} aria-hidden="true" />
          </Link>
        </li>
      ))}
    </ul>
  );
}
