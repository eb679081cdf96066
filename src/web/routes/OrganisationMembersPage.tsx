/** Everyone in the organisation, with their organisation roles and their groups and roles there. */
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { Feedback, Notice, QueryView } from "../components/Messages.js";
import { roleName } from "../lib/roles.js";
import { useOrganisation, useOrganisationMembers } from "./OrganisationLayout.js";
import { useSectionTitle } from "../lib/hooks.js";
import { requestMemberExport } from "../api/dataExports.js";
import { ExportRequest } from "../components/ExportRequest.js";
import { MemberErasure } from "../components/MemberErasure.js";
import { useFeedback } from "../lib/useFeedback.js";

export function OrganisationMembersPage() {
  const { t } = useTranslation();
  const { organisation } = useOrganisation();
  useSectionTitle(t("organisationPage.sections.members"), organisation.name);
  const members = useOrganisationMembers(organisation);
  const erasure = useFeedback();
  if (!organisation.abilities.readMembers) return <Notice tone="info">{t("errors.code.forbidden")}</Notice>;
  return (
    <section className="stack" aria-labelledby="members-title">
      <div className="card-header">
        <h2 id="members-title">{t("orgMembers.title")}</h2>
        <p className="muted">{t("orgMembers.lead")}</p>
      </div>
      <Feedback feedback={erasure.state} />
      <QueryView query={members}>
        {(list) =>
          list.length === 0 ? (
            <p className="muted">{t("orgMembers.none")}</p>
          ) : (
            <ul className="item-list">
              {list.map((member) => (
                <li key={member.userId} className="item item-block">
                  <div className="item-body">
                    <h3 className="item-title">{member.name}</h3>
                    <p className="muted small">{member.email}</p>
                    {member.admin || member.groupCreator ? (
                      <p className="badges">
                        {member.admin ? <span className="badge">{t("organisation.roles.admin")}</span> : null}
                        {member.groupCreator ? <span className="badge">{t("organisation.roles.groupCreator")}</span> : null}
                      </p>
                    ) : null}
                  </div>
                  {member.groups.length > 0 ? (
                    <ul className="plain-list small" aria-label={t("orgMembers.groupsOf", { name: member.name })}>
                      {member.groups.map((group) => (
                        <li key={group.groupId}>
                          <Link to={`/groups/${group.groupId}`}>{group.name}</Link>
                          {" – "}
                          {group.owner ? t("orgMembers.roleOwner", { role: roleName(t, group.role) }) : roleName(t, group.role)}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <p className="muted small">{t("orgMembers.noGroups")}</p>
                  )}
                  <ExportRequest request={() => requestMemberExport(organisation.id, member.userId)} label={t("dataExports.member.action", { name: member.name })} />
                  <MemberErasure orgId={organisation.id} userId={member.userId} name={member.name} feedback={erasure} />
                </li>
              ))}
            </ul>
          )
        }
      </QueryView>
    </section>
  );
}
