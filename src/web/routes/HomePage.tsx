/** My groups: the start page of a signed-in person, with the next steps open to them. */
import type { ReactNode } from "react";
import { Link, useLocation } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery } from "@tanstack/react-query";
import { ArrowRight, Building2, Inbox, KeyRound, Plus, UsersRound } from "lucide-react";
import type { Group } from "../../shared/schemas/groups.js";
import type { Organisation } from "../../shared/schemas/organisations.js";
import { listGroups } from "../api/groups.js";
import { listOrganisations } from "../api/organisations.js";
import { GroupCard } from "../components/GroupCard.js";
import { LoopSendLinks, sendableGroups } from "../components/LoopSendLinks.js";
import { Notice, QueryView } from "../components/Messages.js";
import { PageHeading } from "../components/PageHeading.js";
import { usePageTitle, useUser } from "../lib/hooks.js";
import { groupsKey, organisationsKey } from "../lib/queryClient.js";

/** What the page we come from tells us (e.g. having left a group). */
export interface HomeState {
  left?: string;
}

export function HomePage() {
  const { t } = useTranslation();
  usePageTitle(t("home.title"));
  const user = useUser();
  const location = useLocation();
  const left = (location.state as HomeState | null)?.left;
  const groups = useQuery({ queryKey: groupsKey, queryFn: listGroups });
  const organisations = useQuery({ queryKey: organisationsKey, queryFn: listOrganisations });
  return (
    <div className="page">
      <PageHeading lead={t("home.lead")}>{t("home.greeting", { name: user.name })}</PageHeading>
      {left ? <Notice>{t("home.left", { group: left })}</Notice> : null}
      {groups.data ? <LoopNext groups={groups.data} /> : null}
      <QueryView query={groups}>
        {(list) => <GroupSections groups={list} />}
      </QueryView>
      <NextSteps organisations={organisations.data ?? []} canCreateOrganisation={user.abilities.createOrganisation} />
      {organisations.data ? <OrganisationLinks organisations={organisations.data} /> : null}
    </div>
  );
}

/** The calm "what's next" of loops: send one where I may, or read what has come in. */
function LoopNext({ groups }: { groups: readonly Group[] }) {
  const { t } = useTranslation();
  const sendable = sendableGroups(groups);
  const receives = groups.some((group) => group.myRole !== null && group.active && group.abilities.readLoops);
  if (sendable.length === 0 && !receives) return null;
  return (
    <section className="stack" aria-labelledby="loop-next-title">
      <h2 id="loop-next-title">{t("loopHome.title")}</h2>
      {receives ? (
        <ul className="action-list">
          <ActionLink
            to="/inbox"
            icon={<Inbox size={22} aria-hidden="true" />}
            title={t("loopHome.inbox")}
            detail={t("loopHome.inboxDetail")}
          />
        </ul>
      ) : null}
      {sendable.length > 0 ? <LoopSendLinks groups={sendable} /> : null}
    </section>
  );
}

function GroupSections({ groups }: { groups: readonly Group[] }) {
  const { t } = useTranslation();
  const mine = groups.filter((group) => group.myRole !== null);
  // Organisation administrators also see their organisations' groups they are not in.
  const administered = groups.filter((group) => group.myRole === null);
  return (
    <>
      <section className="stack" aria-labelledby="my-groups-title">
        <h2 id="my-groups-title">{t("home.myGroups")}</h2>
        {mine.length > 0 ? (
          <GroupCards groups={mine} />
        ) : (
          <div className="empty-state">
            <span className="empty-state-icon" aria-hidden="true">
              <UsersRound size={28} />
            </span>
            <h3>{t("home.emptyTitle")}</h3>
            <p>{t("home.emptyBody")}</p>
            <Link className="button button-primary" to="/join">
              <KeyRound size={18} aria-hidden="true" />
              {t("home.joinAction")}
            </Link>
          </div>
        )}
      </section>
      {administered.length > 0 ? (
        <section className="stack" aria-labelledby="administered-groups-title">
          <h2 id="administered-groups-title">{t("home.administeredGroups")}</h2>
          <GroupCards groups={administered} />
        </section>
      ) : null}
    </>
  );
}

function GroupCards({ groups }: { groups: readonly Group[] }) {
  return (
    <ul className="card-list">
      {groups.map((group) => (
        <GroupCard key={group.id} group={group} showOrganisation />
      ))}
    </ul>
  );
}

/** A next step: an icon, what to do, and a line on what it means. */
function ActionLink({ to, icon, title, detail }: { to: string; icon: ReactNode; title: string; detail: string }) {
  return (
    <li>
      <Link className="action-link" to={to}>
        {icon}
        <span>
          <span className="action-link-title">{title}</span>
          <span className="action-link-detail">{detail}</span>
        </span>
        <ArrowRight size={18} aria-hidden="true" />
      </Link>
    </li>
  );
}

/** Joining is open to everyone; creating a group where an organisation allows it; and setting up a new organisation. */
function NextSteps({ organisations, canCreateOrganisation }: { organisations: readonly Organisation[]; canCreateOrganisation: boolean }) {
  const { t } = useTranslation();
  const creatable = organisations.filter((organisation) => organisation.abilities.createGroup);
  return (
    <section className="stack" aria-labelledby="next-steps-title">
      <h2 id="next-steps-title">{t("home.nextSteps")}</h2>
      <ul className="action-list">
        <ActionLink to="/join" icon={<KeyRound size={22} aria-hidden="true" />} title={t("home.join")} detail={t("home.joinDetail")} />
        {creatable.map((organisation) => (
          <ActionLink
            key={organisation.id}
            to={`/organisations/${organisation.id}/groups/new`}
            icon={<Plus size={22} aria-hidden="true" />}
            title={t("home.createGroup", { organisation: organisation.name })}
            detail={t("home.createGroupDetail")}
          />
        ))}
        {canCreateOrganisation ? (
          <ActionLink
            to="/organisations/new"
            icon={<Building2 size={22} aria-hidden="true" />}
            title={t("home.createOrganisation")}
            detail={t("home.createOrganisationDetail")}
          />
        ) : null}
      </ul>
    </section>
  );
}

/** The organisations where I can do something beyond being in a group. */
function OrganisationLinks({ organisations }: { organisations: readonly Organisation[] }) {
  const { t } = useTranslation();
  const useful = organisations.filter((organisation) => Object.values(organisation.abilities).some(Boolean));
  if (useful.length === 0) return null;
  return (
    <section className="stack" aria-labelledby="organisations-title">
      <h2 id="organisations-title">{t("home.organisations")}</h2>
      <ul className="card-list">
        {useful.map((organisation) => (
          <li key={organisation.id} className="group-card">
            <h3 className="group-card-title">
              <Link to={`/organisations/${organisation.id}`}>{organisation.name}</Link>
            </h3>
            <p className="badges">
              <span className="badge badge-quiet">{t(`organisation.types.${organisation.type}`)}</span>
              {organisation.myRoles.admin ? <span className="badge">{t("organisation.roles.admin")}</span> : null}
              {organisation.myRoles.groupCreator ? <span className="badge">{t("organisation.roles.groupCreator")}</span> : null}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
