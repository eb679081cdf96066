import type { FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { PasswordResetConfirmBody } from "../../shared/schemas/accounts.js";
import { confirmPasswordReset } from "../api/accounts.js";
import { PasswordField } from "../components/Field.js";
import { ErrorSummary, Notice } from "../components/Messages.js";
import { PageHeading } from "../components/PageHeading.js";
import { checkWithSchema, describeError } from "../lib/formErrors.js";
import { usePageTitle } from "../lib/hooks.js";
import { endClientSession } from "../lib/session.js";
import { useForm } from "../lib/useForm.js";

const FIELDS = ["password"] as const;
const FIELD_IDS = { password: "reset-password" };

export function ResetPasswordPage() {
  const { t } = useTranslation();
  usePageTitle(t("reset.title"));
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const form = useForm({ password: "" });
  const mutation = useMutation({
    mutationFn: confirmPasswordReset,
    // Every session of the account has ended, possibly this browser's too: wipe and sign in.
    onSuccess: () => endClientSession(queryClient, navigate, { callServer: false, notice: "passwordReset" }),
    onError: (error) => form.fail(describeError(error, FIELDS)),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (mutation.isPending) return;
    const body = { token, password: form.values.password };
    const problems = checkWithSchema(PasswordResetConfirmBody.pick({ password: true }), body);
    if (problems) return form.fail(problems);
    form.clearErrors();
    mutation.mutate(body);
  };

  return (
    <div className="page page-narrow">
      <PageHeading lead={token ? t("reset.lead") : undefined}>{t("reset.title")}</PageHeading>
      {token ? (
        <form className="card form" noValidate onSubmit={submit}>
          <ErrorSummary errors={form.errors} fieldIds={FIELD_IDS} focusKey={form.focusKey} />
          <PasswordField
            id={FIELD_IDS.password}
            label={t("reset.password")}
            autoComplete="new-password"
            showRules
            {...form.bind("password")}
          />
          <div className="form-actions">
            <button type="submit" className="button button-primary button-block" aria-disabled={mutation.isPending || undefined}>
              {mutation.isPending ? t("reset.submitting") : t("reset.submit")}
            </button>
          </div>
          {form.errors.message && mutation.error ? (
            <p>
              <Link to="/forgot-password">{t("reset.requestNew")}</Link>
            </p>
          ) : null}
        </form>
      ) : (
        <>
          <Notice tone="info">{t("reset.missingToken")}</Notice>
          <p>
            <Link className="button button-primary" to="/forgot-password">
              {t("reset.requestNew")}
            </Link>
          </p>
        </>
      )}
    </div>
  );
}
