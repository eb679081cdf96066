import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation } from "@tanstack/react-query";
import { PasswordResetRequestBody } from "../../shared/schemas/accounts.js";
import { requestPasswordReset } from "../api/accounts.js";
import { EmailField } from "../components/Field.js";
import { ErrorSummary, LiveStatus } from "../components/Messages.js";
import { PageHeading } from "../components/PageHeading.js";
import { checkWithSchema, describeError } from "../lib/formErrors.js";
import { usePageTitle } from "../lib/hooks.js";
import { useForm } from "../lib/useForm.js";

const FIELDS = ["email"] as const;
const FIELD_IDS = { email: "forgot-email" };

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  usePageTitle(t("forgot.title"));
  const form = useForm({ email: "" });
  const [sentTo, setSentTo] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: requestPasswordReset,
    onSuccess: (_data, body) => setSentTo(body.email),
    onError: (error) => form.fail(describeError(error, FIELDS)),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (mutation.isPending) return;
    setSentTo(null);
    const problems = checkWithSchema(PasswordResetRequestBody, form.values);
    if (problems) return form.fail(problems);
    form.clearErrors();
    mutation.mutate({ email: form.values.email.trim() });
  };

  return (
    <div className="page page-narrow">
      <PageHeading lead={t("forgot.lead")}>{t("forgot.title")}</PageHeading>
      <LiveStatus tone="info" message={sentTo ? t("forgot.sent", { email: sentTo }) : null} />
      <form className="card form" noValidate onSubmit={submit}>
        <ErrorSummary errors={form.errors} fieldIds={FIELD_IDS} focusKey={form.focusKey} />
        <EmailField
          id={FIELD_IDS.email}
          label={t("forgot.email")}
          {...form.bind("email")}
        />
        <div className="form-actions">
          <button type="submit" className="button button-primary button-block" aria-disabled={mutation.isPending || undefined}>
            {mutation.isPending ? t("forgot.submitting") : t("forgot.submit")}
          </button>
        </div>
      </form>
      <p className="center-text">
        <Link to="/sign-in">{t("forgot.back")}</Link>
      </p>
    </div>
  );
}
