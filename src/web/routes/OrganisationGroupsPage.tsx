/** An organisation's groups (all of them for its administrators), with "create a group". */
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery } from "@tanstack/react-query";
import { LayoutGrid, Plus } from "lucide-react";
import type { Group } from "../../shared/schemas/groups.js";
import { listGroups } from "../api/groups.js";
import { GroupActiveButton, TransferOwnership } from "../components/GroupActions.js";
import { GroupCard } from "../components/GroupCard.js";
import { Feedback, QueryView } from "../components/Messages.js";
import { groupsKey } from "../lib/queryClient.js";
import { useFeedback, type Feedback as FeedbackApi } from "../lib/useFeedback.js";
import { useOrganisation } from "./OrganisationLayout.js";
import { useSectionTitle } from "../lib/hooks.js";

export function OrganisationGroupsPage() {
  const { t } = useTranslation();
  const { organisation } = useOrganisation();
  useSectionTitle(t("organisationPage.sections.groups"), organisation.name);
  const groups = useQuery({ queryKey: groupsKey, queryFn: listGroups });
  const feedback = useFeedback();
  const createLink = organisation.abilities.createGroup ? (
    <Link className="button button-primary" to={`/organisations/${organisation.id}/groups/new`}>
      <Plus size={18} aria-hidden="true" />
      {t("organisationPage.createGroup")}
    </Link>
  ) : null;
  return (
    <section className="stack" aria-labelledby="organisation-groups-title">
      <div className="section-header">
        <h2 id="organisation-groups-title">{t("organisationPage.groupsTitle")}</h2>
        {createLink}
      </div>
      <Feedback feedback={feedback.state} />
      <QueryView query={groups}>
        {(list) => {
          const here = list.filter((group) => group.organisationId === organisation.id);
          if (here.length === 0) {
            return (
              <div className="empty-state">
                <span className="empty-state-icon" aria-hidden="true">
                  <LayoutGrid size={28} />
                </span>
                <h3>{t("organisationPage.noGroupsTitle")}</h3>
                <p>{t(organisation.abilities.createGroup ? "organisationPage.noGroupsCreate" : "organisationPage.noGroups")}</p>
                {createLink}
              </div>
            );
          }
          return (
            <ul className="card-list">
              {here.map((group) => (
                <GroupRow key={group.id} group={group} feedback={feedback} />
              ))}
            </ul>
          );
        }}
      </QueryView>
    </section>
  );
}

function GroupRow({ group, feedback }: { group: Group; feedback: FeedbackApi }) {
  const { abilities } = group;
  return (
    <GroupCard group={group}>
      {abilities.transfer || abilities.setActive ? (
        <>
          {abilities.transfer ? <TransferOwnership group={group} feedback={feedback} /> : null}
          {abilities.setActive ? <GroupActiveButton group={group} feedback={feedback} /> : null}
        </>
      ) : null}
    </GroupCard>
  );
}
