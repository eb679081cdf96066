/**
 * A group's settings: its details and role titles, whether anonymous loops are allowed, how long
 * its data is kept and why, saving its tasks and tags as a package, its owner, and closing or
 * reopening it.
 */
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "@tanstack/react-query";
import { UpdateGroupBody, type Group } from "../../shared/schemas/groups.js";
import type { User } from "../../shared/schemas/accounts.js";
import { listGroupMembers, updateGroup } from "../api/groups.js";
import { GroupActiveButton, TransferOwnership, useGroupChanged } from "../components/GroupActions.js";
import {
  GROUP_FIELD_ALIASES,
  GROUP_TEXT_FIELDS,
  GroupBasicsFields,
  GroupKindFields,
  RoleTitleFields,
  groupBody,
  groupFieldIds,
  groupTextValues,
  type GroupType,
} from "../components/GroupFields.js";
import { ErrorSummary, Feedback, LiveStatus } from "../components/Messages.js";
import { PackageSaveSection } from "../components/PackageSave.js";
import { SwitchField } from "../components/TaskSwitchField.js";
import { checkWithSchema, describeError } from "../lib/formErrors.js";
import { useSectionTitle } from "../lib/hooks.js";
import { groupMembersKey } from "../lib/queryClient.js";
import { useFeedback } from "../lib/useFeedback.js";
import { useForm } from "../lib/useForm.js";
import { useGroup } from "./GroupLayout.js";
import { requestGroupExport } from "../api/dataExports.js";
import { ExportRequest } from "../components/ExportRequest.js";
import { RetentionForm } from "../components/RetentionFields.js";

const IDS = groupFieldIds("group-settings");

export function GroupSettingsPage() {
  const { t } = useTranslation();
  const { group, user } = useGroup();
  useSectionTitle(t("groupPage.sections.settings"), group.name);
  return (
    <div className="section-grid">
      {group.abilities.update ? <DetailsSection group={group} /> : null}
      {group.abilities.update ? <LoopsSection group={group} /> : null}
      {group.abilities.update ? <RetentionSection group={group} /> : null}
      {group.abilities.manageTasks ? <PackageSaveSection group={group} /> : null}
      {group.abilities.transfer ? <OwnerSection group={group} user={user} /> : null}
      {group.abilities.setActive ? <ActiveSection group={group} /> : null}
      {group.abilities.exportGroup ? <GroupExportSection group={group} /> : null}
    </div>
  );
}

function DetailsSection({ group }: { group: Group }) {
  const { t } = useTranslation();
  const changed = useGroupChanged();
  const form = useForm(groupTextValues(group));
  const [type, setType] = useState<GroupType>(group.type);
  const [hasStudentMembers, setStudents] = useState(group.hasStudentMembers);
  const [saved, setSaved] = useState(false);
  const mutation = useMutation({
    mutationFn: () => updateGroup(group.id, groupBody(form.values, type, hasStudentMembers)),
    onSuccess: async (updated) => {
      setSaved(true);
      await changed(updated);
    },
    onError: (error) => form.fail(describeError(error, GROUP_TEXT_FIELDS, GROUP_FIELD_ALIASES)),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (mutation.isPending) return;
    setSaved(false);
    const problems = checkWithSchema(UpdateGroupBody, groupBody(form.values, type, hasStudentMembers), GROUP_FIELD_ALIASES);
    if (problems) return form.fail(problems);
    form.clearErrors();
    mutation.mutate();
  };

  return (
    <section className="card" aria-labelledby="group-details-title">
      <div className="card-header">
        <h2 id="group-details-title">{t("groupSettings.detailsTitle")}</h2>
        <p className="muted">{t("groupSettings.detailsLead")}</p>
      </div>
      <form className="form" noValidate onSubmit={submit}>
        <ErrorSummary errors={form.errors} fieldIds={IDS} focusKey={form.focusKey} />
        <GroupBasicsFields form={form} ids={IDS} />
        <GroupKindFields prefix="group-settings" type={type} onType={setType} hasStudentMembers={hasStudentMembers} onStudents={setStudents} />
        <RoleTitleFields form={form} ids={IDS} />
        <LiveStatus message={saved ? t("groupSettings.saved") : null} />
        <div className="form-actions">
          <button type="submit" className="button button-primary" aria-disabled={mutation.isPending || undefined}>
            {mutation.isPending ? t("groupSettings.submitting") : t("groupSettings.submit")}
          </button>
        </div>
      </form>
    </section>
  );
}

/** Loop settings take effect at once, like a light switch. */
function LoopsSection({ group }: { group: Group }) {
  const { t } = useTranslation();
  const changed = useGroupChanged();
  const feedback = useFeedback();
  return (
    <section className="card" aria-labelledby="group-loops-title">
      <div className="card-header">
        <h2 id="group-loops-title">{t("groupTasksSettings.title")}</h2>
      </div>
      <SwitchField
        id="group-settings-anonymous"
        label={t("groupTasksSettings.anonymous")}
        hint={t("groupTasksSettings.anonymousHint")}
        isSelected={group.anonymousLoopsAllowed}
        onChange={(allowed) =>
          void feedback.run(async () => {
            await changed(await updateGroup(group.id, { anonymousLoopsAllowed: allowed }));
            feedback.succeed(allowed ? "groupTasksSettings.anonymousOn" : "groupTasksSettings.anonymousOff");
          })
        }
      />
      <Feedback feedback={feedback.state} />
    </section>
  );
}

/** How long the group keeps its data and why: every member sees both on the group's page. */
function RetentionSection({ group }: { group: Group }) {
  const { t } = useTranslation();
  const changed = useGroupChanged();
  return (
    <section className="card" aria-labelledby="group-retention-title">
      <div className="card-header">
        <h2 id="group-retention-title">{t("retention.groupTitle")}</h2>
        <p className="muted">{t("retention.groupLead")}</p>
      </div>
      <RetentionForm
        prefix="group-retention"
        initial={group.retention}
        apiField="retention"
        savedText={t("retention.saved")}
        save={async (retention) => changed(await updateGroup(group.id, { retention }))}
      />
    </section>
  );
}

function OwnerSection({ group, user }: { group: Group; user: User }) {
  const { t } = useTranslation();
  const feedback = useFeedback();
  const members = useQuery({
    queryKey: groupMembersKey(group.id),
    queryFn: () => listGroupMembers(group.id),
    enabled: group.abilities.readMembers,
  });
  const owner = group.ownerId === user.id ? t("groupSettings.ownerYou") : members.data?.find((member) => member.owner)?.name;
  return (
    <section className="card" aria-labelledby="group-owner-title">
      <div className="card-header">
        <h2 id="group-owner-title">{t("groupSettings.ownerTitle")}</h2>
        {owner ? <p>{t("groupSettings.owner", { name: owner })}</p> : null}
        <p className="muted">{t("groupSettings.ownerLead")}</p>
      </div>
      <div>
        <TransferOwnership group={group} feedback={feedback} />
      </div>
      <Feedback feedback={feedback.state} />
    </section>
  );
}

function ActiveSection({ group }: { group: Group }) {
  const { t } = useTranslation();
  const feedback = useFeedback();
  return (
    <section className="card" aria-labelledby="group-active-title">
      <div className="card-header">
        <h2 id="group-active-title">{t(group.active ? "lifecycle.closeTitle" : "lifecycle.reopenTitle")}</h2>
        <p className="muted">{t(group.active ? "lifecycle.closeLead" : "lifecycle.reopenLead")}</p>
      </div>
      <div>
        <GroupActiveButton group={group} feedback={feedback} />
      </div>
      <Feedback feedback={feedback.state} />
    </section>
  );
}

/** "Each group owner has the opportunity to request this information at any time" (the privacy policy). */
function GroupExportSection({ group }: { group: Group }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="group-export-title">
      <div className="card-header">
        <h2 id="group-export-title">{t("dataExports.group.title")}</h2>
        <p className="muted">{t("dataExports.group.lead")}</p>
      </div>
      <ExportRequest request={() => requestGroupExport(group.id)} label={t("dataExports.group.action")} />
    </section>
  );
}
