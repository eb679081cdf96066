/**
 * Bringing people into a group: its join codes (link to copy, QR code for the projector) and
 * e-mail invitations with a role. Leader codes and leader/tutor invitations (and withdrawing the
 * latter) appear only where the group's `inviteLeaders` ability allows them.
 */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { KeyRound } from "lucide-react";
import type { Group } from "../../shared/schemas/groups.js";
import {
  inviteToGroup,
  joinCodeQrUrl,
  listGroupInvitations,
  listJoinCodes,
  rotateJoinCode,
  updateJoinCode,
  withdrawGroupInvitation,
  type GroupCodePurpose,
  type GroupRoleName,
  type JoinCode,
} from "../api/groups.js";
import { ChoiceGroup } from "../components/Field.js";
import { EmailForm, PendingInvitations } from "../components/Invitations.js";
import { JoinCodePanel } from "../components/JoinCodePanel.js";
import { ErrorAlert, QueryView } from "../components/Messages.js";
import { currentLanguage } from "../i18n/index.js";
import { useSectionTitle } from "../lib/hooks.js";
import { groupCodesKey, groupInvitationsKey } from "../lib/queryClient.js";
import { roleName, roleTitle } from "../lib/roles.js";
import { useGroup } from "./GroupLayout.js";

export function GroupInvitePage() {
  const { t } = useTranslation();
  const { group } = useGroup();
  useSectionTitle(t("groupPage.sections.invite"), group.name);
  return (
    <div className="stack">
      <CodesSection group={group} />
      <EmailSection group={group} />
    </div>
  );
}

function CodesSection({ group }: { group: Group }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const language = currentLanguage();
  const codes = useQuery({ queryKey: groupCodesKey(group.id), queryFn: () => listJoinCodes(group.id) });
  const store = (updated: JoinCode) =>
    queryClient.setQueryData<JoinCode[]>(groupCodesKey(group.id), (old) => [
      ...(old ?? []).filter((code) => code.purpose !== updated.purpose),
      updated,
    ]);
  const createLeaderCode = useMutation({ mutationFn: () => rotateJoinCode(group.id, "leader"), onSuccess: store });
  return (
    <QueryView query={codes}>
      {(list) => {
        const byPurpose = (purpose: GroupCodePurpose) => list.find((code) => code.purpose === purpose);
        const leaderCode = byPurpose("leader");
        return (
          <>
            {(["sender", "leader"] as const).map((purpose) => {
              const code = byPurpose(purpose);
              if (!code) return null;
              const role = roleTitle(t, group, purpose, language);
              return (
                <JoinCodePanel
                  key={purpose}
                  id={`code-${purpose}`}
                  title={t("groupInvite.codeTitle", { role })}
                  description={t("groupInvite.codeLead", { role })}
                  code={code}
                  qr={{
                    src: joinCodeQrUrl(group.id, purpose, code.code),
                    alt: t("groupInvite.qrAlt", { group: group.name, role }),
                    stageTitle: t("groupInvite.stageTitle", { group: group.name }),
                  }}
                  onRotate={async () => store(await rotateJoinCode(group.id, purpose))}
                  onUpdate={async (change) => store(await updateJoinCode(group.id, purpose, change))}
                />
              );
            })}
            {group.abilities.inviteLeaders && !leaderCode ? (
              <section className="card" aria-labelledby="leader-code-title">
                <div className="card-header">
                  <h2 id="leader-code-title">{t("groupInvite.leaderCodeTitle", { role: roleTitle(t, group, "leader", language) })}</h2>
                  <p className="muted">{t("groupInvite.leaderCodeLead", { role: roleTitle(t, group, "leader", language) })}</p>
                </div>
                <div>
                  <button type="button" className="button" aria-disabled={createLeaderCode.isPending || undefined} onClick={() => {
                    if (!createLeaderCode.isPending) createLeaderCode.mutate();
                  }}>
                    <KeyRound size={18} aria-hidden="true" />
                    {t("groupInvite.leaderCodeCreate")}
                  </button>
                </div>
                <ErrorAlert error={createLeaderCode.error} />
              </section>
            ) : null}
          </>
        );
      }}
    </QueryView>
  );
}

function EmailSection({ group }: { group: Group }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const language = currentLanguage();
  const [role, setRole] = useState<GroupRoleName>("sender");
  const invitations = useQuery({ queryKey: groupInvitationsKey(group.id), queryFn: () => listGroupInvitations(group.id) });
  // Leaders and tutors are handed out only where the group's abilities allow it.
  const roles: GroupRoleName[] = group.abilities.inviteLeaders ? ["sender", "leader", "tutor"] : ["sender"];
  const refresh = () => queryClient.invalidateQueries({ queryKey: groupInvitationsKey(group.id) });
  return (
    <section className="card" aria-labelledby="email-invite-title">
      <div className="card-header">
        <h2 id="email-invite-title">{t("groupInvite.emailTitle")}</h2>
        <p className="muted">{t("groupInvite.emailLead")}</p>
      </div>
      <EmailForm
        id="invite-email"
        label={t("people.email")}
        submitLabel={t("groupInvite.send")}
        onSubmit={async (email) => {
          await inviteToGroup(group.id, { email, role });
          await refresh();
          return { key: "groupInvite.sent", values: { email, role: roleTitle(t, group, role, language) } };
        }}
      >
        {roles.length > 1 ? (
          <ChoiceGroup
            name="invite-role"
            legend={t("groupInvite.role")}
            value={role}
            onChange={setRole}
            choices={roles.map((value) => ({
              value,
              label: roleTitle(t, group, value, language),
              description: t(`groupInvite.roleDescriptions.${value}`),
            }))}
          />
        ) : null}
      </EmailForm>
      <QueryView query={invitations}>
        {(list) => (
          <PendingInvitations
            id="group-invitations-title"
            invitations={list}
            roleLabel={(invited) => (invited === "group_creator" ? roleName(t, invited) : roleTitle(t, group, invited, language))}
            onWithdraw={async (invitation) => {
              await withdrawGroupInvitation(group.id, invitation.id);
              await refresh();
            }}
          />
        )}
      </QueryView>
    </section>
  );
}
