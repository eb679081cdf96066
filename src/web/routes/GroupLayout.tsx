/**
 * The frame of a group's pages: its name, my role in it, the sections I may open (from the
 * group's abilities) and the section itself.
 */
import { Outlet, useLocation, useOutletContext, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery } from "@tanstack/react-query";
import { CalendarClock, ChartColumn, ClipboardList, Hourglass, House, ListChecks, Settings, Tags, UserPlus, UsersRound } from "lucide-react";
import type { Group } from "../../shared/schemas/groups.js";
import type { User } from "../../shared/schemas/accounts.js";
import { getGroup } from "../api/groups.js";
import { Notice, QueryView } from "../components/Messages.js";
import { PageHeading } from "../components/PageHeading.js";
import { SubNav, type SubNavItem } from "../components/SubNav.js";
import { currentLanguage } from "../i18n/index.js";
import { useUser } from "../lib/hooks.js";
import type { JoinedState } from "../lib/joining.js";
import { groupKey } from "../lib/queryClient.js";
import { roleTitle } from "../lib/roles.js";
import type { GroupCreatedState } from "./CreateGroupPage.js";

export interface GroupOutlet {
  group: Group;
  user: User;
}

/** The group (and the signed-in user) for the section pages. */
export function useGroup(): GroupOutlet {
  return useOutletContext<GroupOutlet>();
}

const ICON = 18;

export function GroupLayout() {
  const { groupId = "" } = useParams();
  const user = useUser();
  const group = useQuery({ queryKey: groupKey(groupId), queryFn: () => getGroup(groupId) });
  return (
    <div className="page page-wide">
      <QueryView query={group}>{(loaded) => <GroupFrame group={loaded} user={user} />}</QueryView>
    </div>
  );
}

function GroupFrame({ group, user }: GroupOutlet) {
  const { t } = useTranslation();
  const location = useLocation();
  const arrival = location.state as (JoinedState & GroupCreatedState) | null;
  const language = currentLanguage();
  const base = `/groups/${group.id}`;
  const { abilities } = group;
  const items: SubNavItem[] = [{ to: base, end: true, label: t("groupPage.sections.overview"), icon: <House size={ICON} aria-hidden="true" /> }];
  // Members see the published tasks and their progress; leaders manage them (and the tags).
  if (abilities.manageTasks || group.myRole !== null) {
    items.push({ to: `${base}/tasks`, label: t("taskPages.title"), icon: <ClipboardList size={ICON} aria-hidden="true" /> });
  }
  if (abilities.manageTasks) {
    items.push({ to: `${base}/tags`, label: t("tagPages.title"), icon: <Tags size={ICON} aria-hidden="true" /> });
  }
  // Every member sees the group's surveys (open ones; leaders also their drafts).
  if (abilities.readPosts) {
    items.push({ to: `${base}/surveys`, label: t("surveys.title"), icon: <ListChecks size={ICON} aria-hidden="true" /> });
  }
  if (abilities.publish) {
    items.push({ to: `${base}/checkins`, label: t("checkins.title"), icon: <CalendarClock size={ICON} aria-hidden="true" /> });
  }
  if (abilities.readStatistics) {
    items.push({ to: `${base}/statistics`, label: t("statistics.title"), icon: <ChartColumn size={ICON} aria-hidden="true" /> });
  }
  // What the retention period removes soon (issue 7): the group's leaders.
  if (abilities.readRetentionQueue) {
    items.push({ to: `${base}/retention`, label: t("retention.queueTitle"), icon: <Hourglass size={ICON} aria-hidden="true" /> });
  }
  if (abilities.invite) {
    items.push({ to: `${base}/invite`, label: t("groupPage.sections.invite"), icon: <UserPlus size={ICON} aria-hidden="true" /> });
  }
  if (abilities.readMembers) {
    items.push({ to: `${base}/members`, label: t("groupPage.sections.members"), icon: <UsersRound size={ICON} aria-hidden="true" /> });
  }
  if (abilities.update || abilities.transfer || abilities.setActive) {
    items.push({ to: `${base}/settings`, label: t("groupPage.sections.settings"), icon: <Settings size={ICON} aria-hidden="true" /> });
  }
  return (
    <>
      <PageHeading lead={group.organisationName}>{group.name}</PageHeading>
      {arrival?.joined ? (
        <Notice>{t("groupPage.joined", { group: group.name, role: roleTitle(t, group, group.myRole, language) })}</Notice>
      ) : null}
      {arrival?.created ? <Notice>{t("groupPage.created")}</Notice> : null}
      {arrival?.fromPackage ? <Notice tone="info">{t("taskPages.fromPackage")}</Notice> : null}
      {group.active ? null : <Notice tone="info">{t("groupPage.inactive")}</Notice>}
      <SubNav label={t("groupPage.sectionsLabel", { group: group.name })} items={items} />
      <Outlet context={{ group, user } satisfies GroupOutlet} />
    </>
  );
}
