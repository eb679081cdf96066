/** A group in a list: its name (a link to it), my role in it, and whether it is closed. */
import type { ReactNode } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import type { Group } from "../../shared/schemas/groups.js";
import { currentLanguage } from "../i18n/index.js";
import { roleTitle } from "../lib/roles.js";

export function GroupCard({ group, showOrganisation, children }: { group: Group; showOrganisation?: boolean; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <li className="group-card">
      <h3 className="group-card-title">
        <Link to={`/groups/${group.id}`}>{group.name}</Link>
      </h3>
      {showOrganisation ? <p className="muted small">{group.organisationName}</p> : null}
      <p className="badges">
        <span className="badge">{roleTitle(t, group, group.myRole, currentLanguage())}</span>
        {group.isOwner ? <span className="badge badge-quiet">{t("groups.owner")}</span> : null}
        {group.active ? null : <span className="badge badge-off">{t("groups.inactive")}</span>}
      </p>
      {children ? <div className="row">{children}</div> : null}
    </li>
  );
}
