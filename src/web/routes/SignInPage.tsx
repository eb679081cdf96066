import type { FormEvent } from "react";
import { Link, useLocation } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { SignInBody, type User } from "../../shared/schemas/accounts.js";
import { signIn } from "../api/accounts.js";
import { EmailField, PasswordField } from "../components/Field.js";
import { returnPath } from "../components/Guards.js";
import { ErrorSummary, Notice } from "../components/Messages.js";
import { PageHeading } from "../components/PageHeading.js";
import { ProviderSignIn, providerErrorMessage } from "../components/SignInWithProvider.js";
import { checkWithSchema, describeError } from "../lib/formErrors.js";
import { usePageTitle } from "../lib/hooks.js";
import { handOverOf } from "../lib/joining.js";
import { meKey } from "../lib/queryClient.js";
import type { SignInNotice } from "../lib/session.js";
import { useForm } from "../lib/useForm.js";

const FIELDS = ["email", "password"] as const;
const FIELD_IDS = { email: "sign-in-email", password: "sign-in-password" };

export function SignInPage() {
  const { t } = useTranslation();
  usePageTitle(t("signIn.title"));
  const location = useLocation();
  const notice = (location.state as { notice?: SignInNotice } | null)?.notice;
  // Sent here by a join or invitation link: say why, and keep where to go back to.
  const from = returnPath(location.state);
  const handOver = handOverOf(from);
  const queryClient = useQueryClient();
  const form = useForm({ email: "", password: "" });
  const mutation = useMutation({
    mutationFn: signIn,
    // The visitor guard sees the user and goes on to the page they wanted (or home).
    onSuccess: (user) => queryClient.setQueryData<User | null>(meKey, user),
    onError: (error) => form.fail(describeError(error, FIELDS)),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (mutation.isPending) return;
    const problems = checkWithSchema(SignInBody, form.values);
    if (problems) return form.fail(problems);
    form.clearErrors();
    mutation.mutate(form.values);
  };

  return (
    <div className="page page-narrow">
      <PageHeading lead={t("signIn.lead")}>{t("signIn.title")}</PageHeading>
      {notice ? <Notice tone="info">{t(`signIn.notice.${notice}`)}</Notice> : null}
      {handOver ? <Notice tone="info">{t(`handOver.signIn.${handOver}`)}</Notice> : null}
      <form className="card form" noValidate onSubmit={submit}>
        <ErrorSummary errors={form.errors} fieldIds={FIELD_IDS} focusKey={form.focusKey} />
        <EmailField
          id={FIELD_IDS.email}
          label={t("signIn.email")}
          autoComplete="username"
          {...form.bind("email")}
        />
        <PasswordField
          id={FIELD_IDS.password}
          label={t("signIn.password")}
          autoComplete="current-password"
          {...form.bind("password")}
        />
        <div className="form-actions">
          <button type="submit" className="button button-primary button-block" aria-disabled={mutation.isPending || undefined}>
            {mutation.isPending ? t("signIn.submitting") : t("signIn.submit")}
          </button>
          <Link to="/forgot-password">{t("signIn.forgot")}</Link>
        </div>
      </form>
      <ProviderSignIn
        wording="signIn"
        returnTo={from}
        onStart={form.clearErrors}
        onError={(error, provider) => form.fail((tr) => ({ message: providerErrorMessage(tr, error, provider), fields: {} }))}
      />
      <p className="center-text">
        {t("signIn.noAccount")}{" "}
        <Link to="/sign-up" state={from ? { from } : undefined}>
          {t("signIn.signUpLink")}
        </Link>
      </p>
    </div>
  );
}
