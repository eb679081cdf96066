import type { FormEvent } from "react";
import { Link, useLocation } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { RegisterBody, type User } from "../../shared/schemas/accounts.js";
import { register } from "../api/accounts.js";
import { EmailField, Field, PasswordField } from "../components/Field.js";
import { returnPath } from "../components/Guards.js";
import { ErrorSummary, Notice } from "../components/Messages.js";
import { PageHeading } from "../components/PageHeading.js";
import { currentLanguage } from "../i18n/index.js";
import { checkWithSchema, describeError } from "../lib/formErrors.js";
import { usePageTitle } from "../lib/hooks.js";
import { handOverOf } from "../lib/joining.js";
import { meKey } from "../lib/queryClient.js";
import { useForm } from "../lib/useForm.js";

const FIELDS = ["name", "email", "password"] as const;
const FIELD_IDS = { name: "sign-up-name", email: "sign-up-email", password: "sign-up-password" };

export function SignUpPage() {
  const { t } = useTranslation();
  usePageTitle(t("signUp.title"));
  const queryClient = useQueryClient();
  // Sent here by a join or invitation link: say why, and keep where to go back to.
  const from = returnPath(useLocation().state);
  const handOver = handOverOf(from);
  const form = useForm({ name: "", email: "", password: "" });
  const mutation = useMutation({
    mutationFn: register,
    onSuccess: (user) => queryClient.setQueryData<User | null>(meKey, user),
    onError: (error) => form.fail(describeError(error, FIELDS)),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (mutation.isPending) return;
    // The account starts in the language the person is reading now.
    const body = { ...form.values, language: currentLanguage() };
    const problems = checkWithSchema(RegisterBody, body);
    if (problems) return form.fail(problems);
    form.clearErrors();
    mutation.mutate(body);
  };

  return (
    <div className="page page-narrow">
      <PageHeading lead={t("signUp.lead")}>{t("signUp.title")}</PageHeading>
      {handOver ? <Notice tone="info">{t(`handOver.signUp.${handOver}`)}</Notice> : null}
      <form className="card form" noValidate onSubmit={submit}>
        <ErrorSummary errors={form.errors} fieldIds={FIELD_IDS} focusKey={form.focusKey} />
        <Field
          id={FIELD_IDS.name}
          label={t("signUp.name")}
          hint={t("signUp.nameHint")}
          autoComplete="name"
          {...form.bind("name")}
        />
        <EmailField
          id={FIELD_IDS.email}
          label={t("signUp.email")}
          {...form.bind("email")}
        />
        <PasswordField
          id={FIELD_IDS.password}
          label={t("signUp.password")}
          autoComplete="new-password"
          showRules
          {...form.bind("password")}
        />
        <div className="form-actions">
          <button type="submit" className="button button-primary button-block" aria-disabled={mutation.isPending || undefined}>
            {mutation.isPending ? t("signUp.submitting") : t("signUp.submit")}
          </button>
        </div>
      </form>
      <p className="center-text">
        {t("signUp.haveAccount")}{" "}
        <Link to="/sign-in" state={from ? { from } : undefined}>
          {t("signUp.signInLink")}
        </Link>
      </p>
    </div>
  );
}
