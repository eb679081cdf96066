/**
 * The frame of an organisation's pages: its name, the sections the person may open (from the
 * organisation's abilities), and the section itself.
 */
import { Outlet, useLocation, useOutletContext, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery } from "@tanstack/react-query";
import { ChartColumn, LayoutGrid, ScrollText, Settings, ShieldAlert, ShieldCheck, UsersRound } from "lucide-react";
import type { Organisation } from "../../shared/schemas/organisations.js";
import type { User } from "../../shared/schemas/accounts.js";
import { getOrganisation, listOrganisationMembers } from "../api/organisations.js";
import { getSafeguardingContacts, safeguardingContactsKey } from "../api/safeguarding.js";
import { Notice, QueryView } from "../components/Messages.js";
import { PageHeading } from "../components/PageHeading.js";
import { SubNav, type SubNavItem } from "../components/SubNav.js";
import { useUser } from "../lib/hooks.js";
import type { JoinedState } from "../lib/joining.js";
import { organisationKey, organisationMembersKey } from "../lib/queryClient.js";
import type { CreatedState } from "./CreateOrganisationPage.js";

export interface OrganisationOutlet {
  organisation: Organisation;
  user: User;
}

/** The organisation (and the signed-in user) for the section pages. */
export function useOrganisation(): OrganisationOutlet {
  return useOutletContext<OrganisationOutlet>();
}

/** The organisation's members, for the pages that name people (when the organisation lets me read them). */
export function useOrganisationMembers(organisation: Organisation) {
  return useQuery({
    queryKey: organisationMembersKey(organisation.id),
    queryFn: () => listOrganisationMembers(organisation.id),
    enabled: organisation.abilities.readMembers,
  });
}

const ICON = 18;

export function OrganisationLayout() {
  const { orgId = "" } = useParams();
  const user = useUser();
  const organisation = useQuery({ queryKey: organisationKey(orgId), queryFn: () => getOrganisation(orgId) });
  return (
    <div className="page page-wide">
      <QueryView query={organisation}>{(loaded) => <OrganisationFrame organisation={loaded} user={user} />}</QueryView>
    </div>
  );
}

function OrganisationFrame({ organisation, user }: OrganisationOutlet) {
  const { t } = useTranslation();
  const location = useLocation();
  const arrival = location.state as (CreatedState & JoinedState) | null;
  const base = `/organisations/${organisation.id}`;
  const { abilities } = organisation;
  // Safeguarding is for its contacts and the administrators who name them.
  const safeguarding = useQuery({ queryKey: safeguardingContactsKey(organisation.id), queryFn: () => getSafeguardingContacts(organisation.id) });
  const items: SubNavItem[] = [
    { to: base, end: true, label: t("organisationPage.sections.groups"), icon: <LayoutGrid size={ICON} aria-hidden="true" /> },
  ];
  if (abilities.manageAdmins || abilities.manageGroupCreators) {
    items.push({ to: `${base}/people`, label: t("organisationPage.sections.people"), icon: <ShieldCheck size={ICON} aria-hidden="true" /> });
  }
  if (abilities.readMembers) {
    items.push({ to: `${base}/members`, label: t("organisationPage.sections.members"), icon: <UsersRound size={ICON} aria-hidden="true" /> });
  }
  if (abilities.readStatistics) {
    items.push({ to: `${base}/statistics`, label: t("orgStatistics.nav"), icon: <ChartColumn size={ICON} aria-hidden="true" /> });
  }
  if (safeguarding.data?.isContact || safeguarding.data?.abilities.manage) {
    items.push({ to: `${base}/safeguarding`, label: t("safeguarding.nav"), icon: <ShieldAlert size={ICON} aria-hidden="true" /> });
  }
  if (abilities.readAudit) {
    items.push({ to: `${base}/audit`, label: t("organisationPage.sections.audit"), icon: <ScrollText size={ICON} aria-hidden="true" /> });
  }
  if (abilities.update) {
    items.push({ to: `${base}/settings`, label: t("organisationPage.sections.settings"), icon: <Settings size={ICON} aria-hidden="true" /> });
  }
  const roles = [
    t(`organisation.types.${organisation.type}`),
    organisation.myRoles.admin ? t("organisation.roles.admin") : null,
    organisation.myRoles.groupCreator ? t("organisation.roles.groupCreator") : null,
  ].filter(Boolean);
  return (
    <>
      <PageHeading lead={roles.join(" · ")}>{organisation.name}</PageHeading>
      {arrival?.created ? <Notice>{t("organisationPage.created")}</Notice> : null}
      {arrival?.joined === "group_creator" ? <Notice>{t("organisationPage.joinedAsCreator")}</Notice> : null}
      <SubNav label={t("organisationPage.sectionsLabel", { organisation: organisation.name })} items={items} />
      <Outlet context={{ organisation, user } satisfies OrganisationOutlet} />
    </>
  );
}
