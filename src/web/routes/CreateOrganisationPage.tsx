/** Set up a new organisation (a school, a municipality, an employer): its creator administers it. */
import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { CreateOrganisationBody, DEFAULT_TIME_ZONE, ORGANISATION_TYPES } from "../../shared/schemas/organisations.js";
import { ApiError } from "../api/client.js";
import { createOrganisation } from "../api/organisations.js";
import { ErrorSummary } from "../components/Messages.js";
import { OrganisationFields, ORGANISATION_ALIASES, type OrganisationType } from "../components/OrganisationFields.js";
import { PageHeading } from "../components/PageHeading.js";
import { TimeZoneField, browserTimeZone } from "../components/TimeZoneField.js";
import { checkWithSchema, describeError } from "../lib/formErrors.js";
import { usePageTitle } from "../lib/hooks.js";
import { organisationKey, organisationsKey } from "../lib/queryClient.js";
import { useForm } from "../lib/useForm.js";

const FIELD_IDS = { orgName: "organisation-name", timeZone: "organisation-time-zone" };

/** What the organisation page shows on arrival from here. */
export interface CreatedState {
  created?: boolean;
}

export function CreateOrganisationPage() {
  const { t } = useTranslation();
  usePageTitle(t("createOrganisation.title"));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useForm({ orgName: "" });
  const [type, setType] = useState<OrganisationType>(ORGANISATION_TYPES[0]);
  // Most organisations are where their creator is: the browser's zone is the likely answer.
  const [timeZone, setTimeZone] = useState(() => browserTimeZone() ?? DEFAULT_TIME_ZONE);
  const mutation = useMutation({
    mutationFn: createOrganisation,
    onSuccess: async (organisation) => {
      queryClient.setQueryData(organisationKey(organisation.id), organisation);
      await queryClient.invalidateQueries({ queryKey: organisationsKey, exact: true });
      await navigate(`/organisations/${organisation.id}`, { state: { created: true } satisfies CreatedState });
    },
    onError: (error) => {
      // On an instance where only its administrator sets up organisations, say so plainly.
      if (error instanceof ApiError && error.status === 403) {
        return form.fail((tr) => ({ message: tr("createOrganisation.forbidden"), fields: {} }));
      }
      form.fail(describeError(error, ["orgName", "timeZone"], ORGANISATION_ALIASES));
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (mutation.isPending) return;
    const body = { name: form.values.orgName, type, timeZone };
    const problems = checkWithSchema(CreateOrganisationBody, body, ORGANISATION_ALIASES);
    if (problems) return form.fail(problems);
    form.clearErrors();
    mutation.mutate(body);
  };

  return (
    <div className="page page-narrow">
      <PageHeading lead={t("createOrganisation.lead")}>{t("createOrganisation.title")}</PageHeading>
      <form className="card form" noValidate onSubmit={submit}>
        <ErrorSummary errors={form.errors} fieldIds={FIELD_IDS} focusKey={form.focusKey} />
        <OrganisationFields id={FIELD_IDS.orgName} name={form.bind("orgName")} type={type} onType={setType} />
        <TimeZoneField id={FIELD_IDS.timeZone} value={timeZone} onChange={setTimeZone} error={form.errors.fields.timeZone} />
        <p className="muted small">{t("createOrganisation.afterwards")}</p>
        <div className="form-actions">
          <button type="submit" className="button button-primary button-block" aria-disabled={mutation.isPending || undefined}>
            {mutation.isPending ? t("createOrganisation.submitting") : t("createOrganisation.submit")}
          </button>
        </div>
      </form>
    </div>
  );
}
