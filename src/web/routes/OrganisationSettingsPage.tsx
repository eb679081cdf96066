/**
 * An organisation's name, type, time zone and statistics' k; and its privacy settings: the
 * retention period and purpose new groups start with, how a member's export names comment
 * authors, and what erasing an account does to its comments (issue 7); and how members may sign
 * in (issue 8, SignInRuleSection).
 */
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { UpdateOrganisationBody } from "../../shared/schemas/organisations.js";
import { updateOrganisation } from "../api/organisations.js";
import { ErrorSummary, LiveStatus } from "../components/Messages.js";
import { OrganisationFields, ORGANISATION_ALIASES, type OrganisationType } from "../components/OrganisationFields.js";
import { checkWithSchema, describeError } from "../lib/formErrors.js";
import { organisationKey, organisationsKey } from "../lib/queryClient.js";
import { useForm } from "../lib/useForm.js";
import { useOrganisation } from "./OrganisationLayout.js";
import { useSectionTitle } from "../lib/hooks.js";
import { TimeZoneField } from "../components/TimeZoneField.js";
import { MinSendersField, minSendersValue, withMinSendersMessage } from "../components/dashboards/MinSendersField.js";
import type { Organisation } from "../../shared/schemas/organisations.js";
import { ChoiceGroup } from "../components/Field.js";
import { RetentionForm } from "../components/RetentionFields.js";
import { SignInRuleSection } from "../components/SignInRuleSection.js";

const FIELD_IDS = {
  orgName: "settings-organisation-name",
  timeZone: "settings-organisation-time-zone",
  minSenders: "settings-organisation-min-senders",
};

export function OrganisationSettingsPage() {
  const { t } = useTranslation();
  const { organisation } = useOrganisation();
  useSectionTitle(t("organisationPage.sections.settings"), organisation.name);
  const queryClient = useQueryClient();
  const form = useForm({ orgName: organisation.name, minSenders: String(organisation.minSenders) });
  const [type, setType] = useState<OrganisationType>(organisation.type);
  const [timeZone, setTimeZone] = useState(organisation.timeZone);
  const [saved, setSaved] = useState(false);
  const mutation = useMutation({
    mutationFn: (body: { name: string; type: OrganisationType; timeZone: string; minSenders: number }) => updateOrganisation(organisation.id, body),
    onSuccess: async (updated) => {
      setSaved(true);
      queryClient.setQueryData(organisationKey(organisation.id), updated);
      await queryClient.invalidateQueries({ queryKey: organisationsKey, exact: true });
      // Another k shows and hides other figures: statistics loaded before are out of date.
      if (updated.minSenders !== organisation.minSenders) await queryClient.invalidateQueries({ predicate: (query) => query.queryKey[2] === "statistics" });
    },
    onError: (error) => form.fail(withMinSendersMessage(describeError(error, ["orgName", "timeZone", "minSenders"], ORGANISATION_ALIASES))),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (mutation.isPending) return;
    setSaved(false);
    const body = { name: form.values.orgName, type, timeZone, minSenders: minSendersValue(form.values.minSenders) };
    const problems = checkWithSchema(UpdateOrganisationBody, body, ORGANISATION_ALIASES);
    if (problems) return form.fail(withMinSendersMessage(problems));
    form.clearErrors();
    mutation.mutate(body);
  };

  return (
    <div className="section-grid">
      <section className="card" aria-labelledby="organisation-settings-title">
        <div className="card-header">
          <h2 id="organisation-settings-title">{t("organisationSettings.title")}</h2>
          <p className="muted">{t("organisationSettings.lead")}</p>
        </div>
        <form className="form" noValidate onSubmit={submit}>
          <ErrorSummary errors={form.errors} fieldIds={FIELD_IDS} focusKey={form.focusKey} />
          <OrganisationFields id={FIELD_IDS.orgName} name={form.bind("orgName")} type={type} onType={setType} />
          <TimeZoneField id={FIELD_IDS.timeZone} value={timeZone} onChange={setTimeZone} error={form.errors.fields.timeZone} />
          <MinSendersField id={FIELD_IDS.minSenders} {...form.bind("minSenders")} />
          <LiveStatus message={saved ? t("organisationSettings.saved") : null} />
          <div className="form-actions">
            <button type="submit" className="button button-primary" aria-disabled={mutation.isPending || undefined}>
              {mutation.isPending ? t("organisationSettings.submitting") : t("organisationSettings.submit")}
            </button>
          </div>
        </form>
      </section>
      <PrivacySection organisation={organisation} />
      <SignInRuleSection organisation={organisation} />
    </div>
  );
}

/** The privacy settings administrators choose for the whole organisation. */
function PrivacySection({ organisation }: { organisation: Organisation }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [authors, setAuthors] = useState(organisation.exportCommentAuthors);
  const [comments, setComments] = useState(organisation.erasedUserComments);
  const save = async (retentionDefaults: { period: string; purpose: string }) => {
    const updated = await updateOrganisation(organisation.id, { retentionDefaults, exportCommentAuthors: authors, erasedUserComments: comments });
    queryClient.setQueryData(organisationKey(organisation.id), updated);
  };
  return (
    <section className="card" aria-labelledby="organisation-privacy-title">
      <div className="card-header">
        <h2 id="organisation-privacy-title">{t("retention.organisationTitle")}</h2>
        <p className="muted">{t("retention.organisationLead")}</p>
      </div>
      <RetentionForm
        prefix="settings-organisation-retention"
        initial={organisation.retentionDefaults}
        apiField="retentionDefaults"
        save={save}
        savedText={t("retention.savedDefaults")}
      >
        <SettingChoice id="export-authors" words="exportAuthors" values={["role", "name"]} value={authors} onChange={setAuthors} />
        <SettingChoice id="erased-comments" words="erasedComments" values={["keep", "remove"]} value={comments} onChange={setComments} />
      </RetentionForm>
    </section>
  );
}

/** One privacy setting as radio buttons, worded from `retention.<words>.{legend, hint, <value>}`. */
function SettingChoice<V extends string>(props: { id: string; words: "exportAuthors" | "erasedComments"; values: readonly V[]; value: V; onChange: (value: V) => void }) {
  const { t } = useTranslation();
  return (
    <ChoiceGroup
      name={`settings-organisation-${props.id}`}
      legend={t(`retention.${props.words}.legend`)}
      hint={t(`retention.${props.words}.hint`)}
      value={props.value}
      onChange={props.onChange}
      choices={props.values.map((value) => ({ value, label: t(`retention.${props.words}.${value}`) }))}
    />
  );
}
