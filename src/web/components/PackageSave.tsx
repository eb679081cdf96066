/**
 * "Save as package": a group's tasks and tags (not the archived ones) become a package of its
 * organisation, for colleagues to start their groups from. Below it, the organisation's own
 * packages, each removable by whoever the server allows.
 */
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { PackagePlus, Trash2 } from "lucide-react";
import { LANGUAGES, type Language } from "../../shared/schemas/accounts.js";
import type { Group } from "../../shared/schemas/groups.js";
import { SavePackageBody } from "../../shared/schemas/tasks.js";
import { deletePackage, listPackages, packagesKey, savePackage } from "../api/tasks.js";
import { currentLanguage } from "../i18n/index.js";
import { checkWithSchema, describeError, type FieldAliases } from "../lib/formErrors.js";
import { useFeedback } from "../lib/useFeedback.js";
import { useForm } from "../lib/useForm.js";
import { ConfirmDialog } from "./ConfirmDialog.js";
import { ChoiceGroup, Field, TextAreaField } from "./Field.js";
import { ErrorSummary, Feedback } from "./Messages.js";
import { PackageFacts } from "./PackagePicker.js";

const ALIASES: FieldAliases = { name: "packageName", description: "packageDescription" };
const IDS = { packageName: "package-name", packageDescription: "package-description" };

export function PackageSaveSection({ group }: { group: Group }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const feedback = useFeedback();
  const form = useForm({ packageName: group.name, packageDescription: group.description });
  const [language, setLanguage] = useState<Language>(currentLanguage());
  const [pending, setPending] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    const body = { groupId: group.id, name: form.values.packageName, description: form.values.packageDescription, language };
    const problems = checkWithSchema(SavePackageBody, body, ALIASES);
    if (problems) return form.fail(problems);
    form.clearErrors();
    feedback.clear();
    setPending(true);
    try {
      const saved = await savePackage(group.organisationId, body);
      await queryClient.invalidateQueries({ queryKey: packagesKey(group.organisationId) });
      feedback.succeed("packageSave.saved", { name: saved.name, organisation: group.organisationName });
    } catch (error) {
      form.fail(describeError(error, Object.keys(IDS), ALIASES));
    } finally {
      setPending(false);
    }
  };

  return (
    <section className="card" aria-labelledby="save-package-title">
      <div className="card-header">
        <h2 id="save-package-title">{t("packageSave.title")}</h2>
        <p className="muted">{t("packageSave.lead", { organisation: group.organisationName })}</p>
      </div>
      <form className="form" noValidate onSubmit={(event) => void submit(event)}>
        <ErrorSummary errors={form.errors} fieldIds={IDS} focusKey={form.focusKey} />
        <Field id={IDS.packageName} label={t("packageSave.name")} autoComplete="off" {...form.bind("packageName")} />
        <TextAreaField
          id={IDS.packageDescription}
          label={t("packageSave.description")}
          hint={t("packageSave.descriptionHint")}
          {...form.bind("packageDescription")}
        />
        <ChoiceGroup
          name="package-save-language"
          legend={t("packageSave.language")}
          hint={t("packageSave.languageHint")}
          value={language}
          onChange={setLanguage}
          choices={LANGUAGES.map((code) => ({ value: code, label: t(`packageSave.languages.${code}`) }))}
        />
        <Feedback feedback={feedback.state} />
        <div className="form-actions">
          <button type="submit" className="button button-primary" aria-disabled={pending || undefined}>
            <PackagePlus size={18} aria-hidden="true" />
            {pending ? t("packageSave.saving") : t("packageSave.submit")}
          </button>
        </div>
      </form>
      <OrganisationPackages group={group} />
    </section>
  );
}

function OrganisationPackages({ group }: { group: Group }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const feedback = useFeedback();
  const packages = useQuery({
    queryKey: packagesKey(group.organisationId),
    queryFn: () => listPackages({ organisationId: group.organisationId }),
  });
  const own = (packages.data ?? []).filter((pkg) => pkg.source === "organisation");
  if (own.length === 0) return <Feedback feedback={feedback.state} />;
  return (
    <div className="stack">
      <h3>{t("packageSave.ownTitle", { organisation: group.organisationName })}</h3>
      <ul className="item-list">
        {own.map((pkg) => (
          <li key={pkg.id} className="item">
            <div className="item-body">
              <p className="item-title" lang={pkg.language}>
                {pkg.name}
              </p>
              <p className="muted small">
                <PackageFacts pkg={pkg} />
              </p>
            </div>
            {pkg.abilities.delete ? (
              <div className="item-actions">
                <ConfirmDialog
                  triggerClassName="button button-quiet"
                  triggerLabel={t("packageSave.deleteLabel", { name: pkg.name })}
                  trigger={
                    <>
                      <Trash2 size={18} aria-hidden="true" />
                      {t("packageSave.delete")}
                    </>
                  }
                  title={t("packageSave.deleteDialog.title", { name: pkg.name })}
                  body={<p>{t("packageSave.deleteDialog.body")}</p>}
                  confirmLabel={t("packageSave.deleteDialog.confirm")}
                  cancelLabel={t("dialog.cancel")}
                  tone="danger"
                  onConfirm={() =>
                    feedback.run(async () => {
                      await deletePackage(group.organisationId, pkg.id);
                      await queryClient.invalidateQueries({ queryKey: packagesKey(group.organisationId) });
                      feedback.succeed("packageSave.deleted", { name: pkg.name });
                    })
                  }
                />
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      <Feedback feedback={feedback.state} />
    </div>
  );
}
