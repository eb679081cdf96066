/**
 * The instance administrator writes and publishes a new version of the privacy policy: Markdown
 * in English and Swedish (starting from the version in force), a summary of what changed, and
 * whether the change is minor (a banner) or significant (everyone must acknowledge it and gets an
 * e-mail). The preview is rendered by the server, so it is exactly what will be published.
 */
import { useEffect, useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Eye } from "lucide-react";
import { PublishPolicyBody, type PolicySignificance } from "../../shared/schemas/privacy-policy.js";
import { currentPolicyKey, getCurrentPolicy, getPolicyArchive, policyArchiveKey, policyKey, previewPolicy, publishPolicy } from "../api/privacy-policy.js";
import { ChoiceGroup, TextAreaField } from "../components/Field.js";
import { ErrorAlert, ErrorSummary, Loading, Notice } from "../components/Messages.js";
import { PageHeading } from "../components/PageHeading.js";
import { PolicyText } from "../components/PrivacyPolicy.js";
import { checkWithSchema, describeError } from "../lib/formErrors.js";
import { usePageTitle } from "../lib/hooks.js";
import { useForm } from "../lib/useForm.js";

const FIELDS = ["summaryEn", "summarySv", "bodyEn", "bodySv"] as const;
const FIELD_IDS = { summaryEn: "policy-summary-en", summarySv: "policy-summary-sv", bodyEn: "policy-body-en", bodySv: "policy-body-sv" };
/** The API's nested field paths → this form's fields. */
const ALIASES = { "summary.en": "summaryEn", "summary.sv": "summarySv", "body.en": "bodyEn", "body.sv": "bodySv" };

export function PrivacyPolicyAdminPage() {
  const { t } = useTranslation();
  usePageTitle(t("privacyPolicy.admin.title"));
  const archive = useQuery({ queryKey: policyArchiveKey, queryFn: getPolicyArchive });
  const current = useQuery({ queryKey: currentPolicyKey, queryFn: getCurrentPolicy });
  if (archive.isPending || current.isPending) return <Loading />;
  if (!archive.data?.abilities.publish) {
    return (
      <div className="page page-narrow">
        <PageHeading>{t("privacyPolicy.admin.title")}</PageHeading>
        <Notice tone="info">{t("privacyPolicy.admin.notAllowed")}</Notice>
      </div>
    );
  }
  return <PublishForm start={current.data ?? null} />;
}

function PublishForm({ start }: { start: { markdown: { en: string; sv: string } } | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useForm({ summaryEn: "", summarySv: "", bodyEn: start?.markdown.en ?? "", bodySv: start?.markdown.sv ?? "" });
  const [significance, setSignificance] = useState<PolicySignificance>("minor");
  const [preview, setPreview] = useState<{ en: string; sv: string } | null>(null);
  const body = () => ({
    significance,
    summary: { en: form.values.summaryEn, sv: form.values.summarySv },
    body: { en: form.values.bodyEn, sv: form.values.bodySv },
  });
  const showPreview = useMutation({
    mutationFn: async () => ({ en: await previewPolicy(form.values.bodyEn), sv: await previewPolicy(form.values.bodySv) }),
    onSuccess: setPreview,
  });
  const publish = useMutation({
    mutationFn: publishPolicy,
    onSuccess: async (version) => {
      await queryClient.invalidateQueries({ queryKey: policyKey });
      void navigate(`/privacy/versions/${version.id}`);
    },
    onError: (error) => form.fail(describeError(error, FIELDS, ALIASES)),
  });
  // The preview shows what was typed when it was made; an edit makes it stale.
  useEffect(() => setPreview(null), [form.values.bodyEn, form.values.bodySv]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (publish.isPending) return;
    const problems = checkWithSchema(PublishPolicyBody, body(), ALIASES);
    if (problems) return form.fail(problems);
    form.clearErrors();
    publish.mutate(body());
  };

  return (
    <div className="page">
      <PageHeading lead={t("privacyPolicy.admin.lead")}>{t("privacyPolicy.admin.title")}</PageHeading>
      <form className="card form" noValidate onSubmit={submit}>
        <ErrorSummary errors={form.errors} fieldIds={FIELD_IDS} focusKey={form.focusKey} />
        <ChoiceGroup
          name="policy-significance"
          legend={t("privacyPolicy.admin.significance")}
          value={significance}
          onChange={setSignificance}
          choices={[
            { value: "minor", label: t("privacyPolicy.significance.minor"), description: t("privacyPolicy.admin.minorHint") },
            { value: "significant", label: t("privacyPolicy.significance.significant"), description: t("privacyPolicy.admin.significantHint") },
          ]}
        />
        <TextAreaField id={FIELD_IDS.summaryEn} label={t("privacyPolicy.admin.summaryEn")} hint={t("privacyPolicy.admin.summaryHint")} lang="en" rows={3} {...form.bind("summaryEn")} />
        <TextAreaField id={FIELD_IDS.summarySv} label={t("privacyPolicy.admin.summarySv")} lang="sv" rows={3} {...form.bind("summarySv")} />
        <TextAreaField id={FIELD_IDS.bodyEn} label={t("privacyPolicy.admin.bodyEn")} hint={t("privacyPolicy.admin.bodyHint")} lang="en" rows={14} {...form.bind("bodyEn")} />
        <TextAreaField id={FIELD_IDS.bodySv} label={t("privacyPolicy.admin.bodySv")} lang="sv" rows={14} {...form.bind("bodySv")} />
        <ErrorAlert error={showPreview.error ?? null} />
        <div className="form-actions row">
          <button type="button" className="button" aria-disabled={showPreview.isPending || undefined} onClick={() => showPreview.isPending || showPreview.mutate()}>
            <Eye size={18} aria-hidden="true" />
            {t("privacyPolicy.admin.preview")}
          </button>
          <button type="submit" className="button button-primary" aria-disabled={publish.isPending || undefined}>
            {publish.isPending ? t("privacyPolicy.admin.publishing") : t("privacyPolicy.admin.publish")}
          </button>
        </div>
        <p className="field-hint">{t("privacyPolicy.admin.final")}</p>
      </form>
      {preview ? (
        <section className="stack" aria-labelledby="policy-preview-heading">
          <h2 id="policy-preview-heading">{t("privacyPolicy.admin.previewTitle")}</h2>
          <h3>English</h3>
          <div className="card">
            <PolicyText html={preview.en} lang="en" />
          </div>
          <h3 lang="sv">Svenska</h3>
          <div className="card">
            <PolicyText html={preview.sv} lang="sv" />
          </div>
        </section>
      ) : null}
    </div>
  );
}
