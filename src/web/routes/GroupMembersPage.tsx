/** The group's members and their roles; the owner changes roles and removes members. */
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { Group } from "../../shared/schemas/groups.js";
import { changeMemberRole, listGroupMembers, removeMember, type GroupMember, type GroupRoleName } from "../api/groups.js";
import { Avatar } from "../components/Avatar.js";
import { RemovePersonButton } from "../components/ConfirmDialog.js";
import { Feedback, QueryView } from "../components/Messages.js";
import { currentLanguage } from "../i18n/index.js";
import { formatDateTime, formattingLocale } from "../lib/format.js";
import { useSectionTitle } from "../lib/hooks.js";
import { groupMembersKey } from "../lib/queryClient.js";
import { roleTitle } from "../lib/roles.js";
import { useFeedback, type Feedback as FeedbackApi } from "../lib/useFeedback.js";
import { useGroup } from "./GroupLayout.js";

const ROLES: readonly GroupRoleName[] = ["sender", "leader", "tutor"];

export function GroupMembersPage() {
  const { t } = useTranslation();
  const { group, user } = useGroup();
  useSectionTitle(t("groupPage.sections.members"), group.name);
  const members = useQuery({ queryKey: groupMembersKey(group.id), queryFn: () => listGroupMembers(group.id) });
  const feedback = useFeedback();
  return (
    <section className="stack" aria-labelledby="group-members-title">
      <div className="card-header">
        <h2 id="group-members-title" tabIndex={-1}>
          {t("groupMembers.title")}
        </h2>
        <p className="muted">{t(group.abilities.manageMembers ? "groupMembers.leadOwner" : "groupMembers.lead")}</p>
      </div>
      <Feedback feedback={feedback.state} />
      <QueryView query={members}>
        {(list) => (
          <>
            <MemberList group={group} members={list} meId={user.id} feedback={feedback} />
            {list.length <= 1 ? <p className="muted">{t("groupMembers.alone")}</p> : null}
          </>
        )}
      </QueryView>
    </section>
  );
}

function MemberList(props: { group: Group; members: readonly GroupMember[]; meId: string; feedback: FeedbackApi }) {
  const { t } = useTranslation();
  const language = formattingLocale(currentLanguage());
  const { group, meId, feedback } = props;
  return (
    <ul className="item-list" aria-labelledby="group-members-title">
      {props.members.map((member) => (
        <li key={member.userId} className="item item-member">
          <Avatar user={member} alt="" />
          <div className="item-body">
            <h3 className="item-title">{member.userId === meId ? t("people.you", { name: member.name }) : member.name}</h3>
            <p className="badges">
              <span className="badge">{roleTitle(t, group, member.role, currentLanguage())}</span>
              {member.owner ? <span className="badge badge-quiet">{t("groups.owner")}</span> : null}
            </p>
            <p className="muted small">{t("groupMembers.joined", { date: formatDateTime(member.joinedAt, language) })}</p>
          </div>
          {member.abilities.changeRole || member.abilities.remove ? (
            <MemberActions group={group} member={member} feedback={feedback} />
          ) : member.owner && group.abilities.manageMembers ? (
            <p className="muted small item-note">{t("groupMembers.ownerNote")}</p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function MemberActions({ group, member, feedback }: { group: Group; member: GroupMember; feedback: FeedbackApi }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const language = currentLanguage();
  const [role, setRole] = useState<GroupRoleName>(member.role);
  const refresh = () => queryClient.invalidateQueries({ queryKey: groupMembersKey(group.id) });
  const selectId = `role-${member.userId}`;

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (role === member.role) return;
    void feedback.run(async () => {
      await changeMemberRole(group.id, member.userId, role);
      await refresh();
      feedback.succeed("groupMembers.roleChanged", { name: member.name, role: roleTitle(t, group, role, language) });
    });
  };

  return (
    <div className="item-actions">
      <form className="inline-form" onSubmit={save}>
        <label className="visually-hidden" htmlFor={selectId}>
          {t("groupMembers.roleOf", { name: member.name })}
        </label>
        <select id={selectId} className="input select" value={role} onChange={(event) => setRole(event.target.value as GroupRoleName)}>
          {ROLES.map((value) => (
            <option key={value} value={value}>
              {roleTitle(t, group, value, language)}
            </option>
          ))}
        </select>
        <button type="submit" className="button" aria-label={t("groupMembers.saveRoleLabel", { name: member.name })}>
          {t("groupMembers.saveRole")}
        </button>
      </form>
      <RemovePersonButton
        label={t("groupMembers.removeLabel", { name: member.name })}
        title={t("groupMembers.removeTitle", { name: member.name, group: group.name })}
        body={t("groupMembers.removeBody")}
        confirmLabel={t("groupMembers.removeConfirm")}
        onConfirm={() =>
          feedback.run(async () => {
            await removeMember(group.id, member.userId);
            await refresh();
            feedback.succeed("groupMembers.removed", { name: member.name });
            document.getElementById("group-members-title")?.focus();
          })
        }
      />
    </div>
  );
}
