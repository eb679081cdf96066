import { useState, type FormEvent } from "react";
import { Link, useLocation } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { RegisterBody, type User } from "../../shared/schemas/accounts.js";
import { register } from "../api/accounts.js";
import { ApiError } from "../api/client.js";
import { currentPolicyKey, getCurrentPolicy } from "../api/privacy-policy.js";
import { EmailField, Field, PasswordField } from "../components/Field.js";
import { PolicyAcceptanceField, withPolicyProblem } from "../components/PolicyAcceptance.js";
import { returnPath } from "../components/Guards.js";
import { ErrorSummary, Notice } from "../components/Messages.js";
import { PageHeading } from "../components/PageHeading.js";
import { ProviderSignIn, providerErrorMessage } from "../components/SignInWithProvider.js";
import { currentLanguage } from "../i18n/index.js";
import { checkWithSchema, describeError } from "../lib/formErrors.js";
import { usePageTitle } from "../lib/hooks.js";
import { handOverOf } from "../lib/joining.js";
import { meKey } from "../lib/queryClient.js";
import { useForm } from "../lib/useForm.js";

const FIELDS = ["name", "email", "password"] as const;
const FIELD_IDS = { name: "sign-up-name", email: "sign-up-email", password: "sign-up-password", acceptedPolicyVersionId: "sign-up-policy" };

export function SignUpPage() {
  const { t } = useTranslation();
  usePageTitle(t("signUp.title"));
  const queryClient = useQueryClient();
  // Sent here by a join or invitation link: say why, and keep where to go back to.
  const from = returnPath(useLocation().state);
  const handOver = handOverOf(from);
  const form = useForm({ name: "", email: "", password: "" });
  // Once a privacy policy is published, signing up accepts its current version (named in the request).
  const policy = useQuery({ queryKey: currentPolicyKey, queryFn: getCurrentPolicy });
  const [accepted, setAccepted] = useState(false);
  const mutation = useMutation({
    mutationFn: register,
    onSuccess: (user) => queryClient.setQueryData<User | null>(meKey, user),
    onError: (error) => {
      const problem = error instanceof ApiError ? error.fields.acceptedPolicyVersionId : undefined;
      if (problem === undefined) return form.fail(describeError(error, FIELDS));
      // A newer version was published meanwhile: fetch it and ask again.
      setAccepted(false);
      void policy.refetch();
      form.fail(withPolicyProblem(null, problem));
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (mutation.isPending) return;
    // The account starts in the language the person is reading now.
    const version = policy.data ?? null;
    const body = { ...form.values, language: currentLanguage(), ...(version && accepted ? { acceptedPolicyVersionId: version.id } : {}) };
    const problems = checkWithSchema(RegisterBody, body);
    if (version && !accepted) return form.fail(withPolicyProblem(problems, "required"));
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
        {policy.data ? (
          <PolicyAcceptanceField id={FIELD_IDS.acceptedPolicyVersionId} versionId={policy.data.id} accepted={accepted} onChange={setAccepted} error={form.errors.fields.acceptedPolicyVersionId} />
        ) : null}
        <div className="form-actions">
          <button type="submit" className="button button-primary button-block" aria-disabled={mutation.isPending || undefined}>
            {mutation.isPending ? t("signUp.submitting") : t("signUp.submit")}
          </button>
        </div>
      </form>
      <ProviderSignIn
        wording="signUp"
        returnTo={from}
        onStart={form.clearErrors}
        onError={(error, provider) => form.fail((tr) => ({ message: providerErrorMessage(tr, error, provider), fields: {} }))}
      />
      <p className="center-text">
        {t("signUp.haveAccount")}{" "}
        <Link to="/sign-in" state={from ? { from } : undefined}>
          {t("signUp.signInLink")}
        </Link>
      </p>
    </div>
  );
}
