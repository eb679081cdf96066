/**
 * Actions on a whole group that both its settings page and the organisation's group list offer:
 * hand it over to another leader, and close (inactivate) or reopen it.
 */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { ArchiveRestore, Archive, Crown } from "lucide-react";
import type { Group } from "../../shared/schemas/groups.js";
import { listGroupMembers, setGroupActive, transferGroup } from "../api/groups.js";
import { currentLanguage } from "../i18n/index.js";
import { groupKey, groupMembersKey, groupsKey } from "../lib/queryClient.js";
import { roleTitle } from "../lib/roles.js";
import type { Feedback } from "../lib/useFeedback.js";
import { ConfirmDialog } from "./ConfirmDialog.js";
import { ChoiceGroup } from "./Field.js";
import { QueryView } from "./Messages.js";

/** Keeps the cached copies of a group in step after a change. */
export function useGroupChanged() {
  const queryClient = useQueryClient();
  return async (group: Group) => {
    queryClient.setQueryData(groupKey(group.id), group);
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: groupsKey, exact: true }),
      queryClient.invalidateQueries({ queryKey: groupMembersKey(group.id) }),
    ]);
  };
}

/** The leaders who could take the group over (the new owner must be a leader of the group). */
function LeaderChoice({ group, value, onChange }: { group: Group; value: string; onChange: (userId: string) => void }) {
  const { t } = useTranslation();
  const members = useQuery({ queryKey: groupMembersKey(group.id), queryFn: () => listGroupMembers(group.id) });
  return (
    <QueryView query={members}>
      {(list) => {
        const leaders = list.filter((member) => member.role === "leader" && !member.owner);
        if (leaders.length === 0) return <p>{t("transfer.noLeaders", { leader: roleTitle(t, group, "leader", currentLanguage()) })}</p>;
        return (
          <ChoiceGroup
            name={`transfer-${group.id}`}
            legend={t("transfer.choose")}
            value={value}
            onChange={onChange}
            choices={leaders.map((leader) => ({ value: leader.userId, label: leader.name }))}
          />
        );
      }}
    </QueryView>
  );
}

export function TransferOwnership({ group, feedback }: { group: Group; feedback: Feedback }) {
  const { t } = useTranslation();
  const changed = useGroupChanged();
  const queryClient = useQueryClient();
  const [choice, setChoice] = useState("");
  return (
    <ConfirmDialog
      trigger={
        <>
          <Crown size={18} aria-hidden="true" />
          {t("transfer.button")}
        </>
      }
      triggerLabel={t("transfer.buttonLabel", { group: group.name })}
      title={t("transfer.title", { group: group.name })}
      body={
        <div className="stack">
          <p>{t("transfer.body")}</p>
          <LeaderChoice group={group} value={choice} onChange={setChoice} />
        </div>
      }
      confirmLabel={t("transfer.confirm")}
      cancelLabel={t("dialog.cancel")}
      confirmDisabled={choice === ""}
      onConfirm={() =>
        feedback.run(async () => {
          const members = queryClient.getQueryData<Awaited<ReturnType<typeof listGroupMembers>>>(groupMembersKey(group.id));
          const name = members?.find((member) => member.userId === choice)?.name ?? "";
          await changed(await transferGroup(group.id, choice));
          setChoice("");
          feedback.succeed("transfer.done", { name, group: group.name });
        })
      }
    />
  );
}

/** Close (inactivate) an active group after a confirmation; reopen an inactive one at once. */
export function GroupActiveButton({ group, feedback }: { group: Group; feedback: Feedback }) {
  const { t } = useTranslation();
  const changed = useGroupChanged();
  if (!group.active) {
    return (
      <button
        type="button"
        className="button"
        aria-label={t("lifecycle.reopenLabel", { group: group.name })}
        onClick={() =>
          void feedback.run(async () => {
            await changed(await setGroupActive(group.id, true));
            feedback.succeed("lifecycle.reopened", { group: group.name });
          })
        }
      >
        <ArchiveRestore size={18} aria-hidden="true" />
        {t("lifecycle.reopen")}
      </button>
    );
  }
  return (
    <ConfirmDialog
      triggerClassName="button button-danger"
      trigger={
        <>
          <Archive size={18} aria-hidden="true" />
          {t("lifecycle.close")}
        </>
      }
      triggerLabel={t("lifecycle.closeLabel", { group: group.name })}
      title={t("lifecycle.dialogTitle", { group: group.name })}
      body={<p>{t("lifecycle.dialogBody")}</p>}
      confirmLabel={t("lifecycle.confirm")}
      cancelLabel={t("dialog.cancel")}
      tone="danger"
      onConfirm={() =>
        feedback.run(async () => {
          await changed(await setGroupActive(group.id, false));
          feedback.succeed("lifecycle.closed", { group: group.name });
        })
      }
    />
  );
}
