/**
 * After signing in at the provider, when the person must answer (issue 8): create an Openloop
 * account from the provider's name, e-mail address and picture, or — when an account with that
 * verified address exists — prove it is theirs with its password before the provider is linked
 * to it. Works signed out; the waiting sign-in lives in a cookie for 15 minutes.
 */
import { useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { OidcConfirmLinkBody } from "../../shared/schemas/identities.js";
import type { User } from "../../shared/schemas/accounts.js";
import { ApiError } from "../api/client.js";
import {
  cancelPendingSignIn,
  confirmProviderLink,
  getPendingSignIn,
  pendingSignInKey,
  signUpWithProvider,
  type PendingSignIn,
} from "../api/identities.js";
import { currentPolicyKey, getCurrentPolicy } from "../api/privacy-policy.js";
import { PasswordField } from "../components/Field.js";
import { ErrorSummary, LoadFailed, Loading } from "../components/Messages.js";
import { PageHeading } from "../components/PageHeading.js";
import { PolicyAcceptanceField, withPolicyProblem } from "../components/PolicyAcceptance.js";
import { currentLanguage } from "../i18n/index.js";
import { checkWithSchema, describeError, errorMessage } from "../lib/formErrors.js";
import { usePageTitle } from "../lib/hooks.js";
import { meKey } from "../lib/queryClient.js";
import { useForm } from "../lib/useForm.js";

const isNotFound = (error: unknown) => error instanceof ApiError && error.status === 404;

export function SignInContinuePage() {
  const { t } = useTranslation();
  const pending = useQuery({ queryKey: pendingSignInKey, queryFn: getPendingSignIn, staleTime: 0 });
  const data = pending.data;
  let title = t("identities.continue.title");
  if (data?.stage === "sign_up") title = t("identities.signUp.title");
  else if (data?.stage === "confirm_link") title = t("identities.link.title", { email: data.email });
  else if (isNotFound(pending.error)) title = t("identities.expired.title");
  usePageTitle(title);

  if (data?.stage === "sign_up") return <SignUpWithProvider pending={data} />;
  if (data?.stage === "confirm_link") return <ConfirmLink pending={data} />;
  if (pending.isError && isNotFound(pending.error)) return <Expired />;
  return (
    <div className="page page-narrow">
      <PageHeading>{title}</PageHeading>
      {pending.isError ? <LoadFailed error={pending.error} retry={() => void pending.refetch()} /> : <Loading />}
    </div>
  );
}

/** Nothing waits any more: too slow, already answered, or started in another browser. */
function Expired() {
  const { t } = useTranslation();
  return (
    <div className="page page-narrow">
      <PageHeading lead={t("identities.expired.lead")}>{t("identities.expired.title")}</PageHeading>
      <p>
        <Link to="/sign-in" className="button button-primary">
          {t("identities.expired.back")}
        </Link>
      </p>
    </div>
  );
}

/** Signed in now: the app takes over the new session's user and starts at home. */
function useSignedIn() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return (user: User) => {
    queryClient.removeQueries({ queryKey: pendingSignInKey });
    queryClient.setQueryData<User | null>(meKey, user);
    void navigate("/", { replace: true });
  };
}

/** "Cancel": forgets the waiting sign-in and goes back to the sign-in page. */
function useCancel(onError: (error: unknown) => void) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: cancelPendingSignIn,
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: pendingSignInKey });
      void navigate("/sign-in", { replace: true });
    },
    onError,
  });
}

/** The waiting sign-in is gone (expired while the page was open): show that instead of an error. */
function useExpiredCheck() {
  const queryClient = useQueryClient();
  return (error: unknown) => {
    if (!isNotFound(error)) return false;
    void queryClient.invalidateQueries({ queryKey: pendingSignInKey });
    return true;
  };
}

const SIGN_UP_IDS = { acceptedPolicyVersionId: "provider-sign-up-policy" };

function SignUpWithProvider({ pending }: { pending: PendingSignIn }) {
  const { t } = useTranslation();
  const signedIn = useSignedIn();
  const expired = useExpiredCheck();
  const form = useForm({});
  // Once a privacy policy is published, creating the account accepts its current version.
  const policy = useQuery({ queryKey: currentPolicyKey, queryFn: getCurrentPolicy });
  const [accepted, setAccepted] = useState(false);
  const mutation = useMutation({
    mutationFn: signUpWithProvider,
    onSuccess: signedIn,
    onError: (error) => {
      if (expired(error)) return;
      const problem = error instanceof ApiError ? error.fields.acceptedPolicyVersionId : undefined;
      if (problem === undefined) return form.fail((tr) => ({ message: errorMessage(tr, error), fields: {} }));
      // A newer version was published meanwhile: fetch it and ask again.
      setAccepted(false);
      void policy.refetch();
      form.fail(withPolicyProblem(null, problem));
    },
  });
  const cancel = useCancel((error) => form.fail((tr) => ({ message: errorMessage(tr, error), fields: {} })));
  const busy = mutation.isPending || cancel.isPending;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const version = policy.data ?? null;
    if (version && !accepted) return form.fail(withPolicyProblem(null, "required"));
    form.clearErrors();
    mutation.mutate({ language: currentLanguage(), ...(version ? { acceptedPolicyVersionId: version.id } : {}) });
  };

  const policyError = form.errors.fields.acceptedPolicyVersionId;
  return (
    <div className="page page-narrow">
      <PageHeading lead={t("identities.signUp.lead", { provider: pending.provider })}>{t("identities.signUp.title")}</PageHeading>
      <form className="card form" noValidate onSubmit={submit}>
        <ErrorSummary errors={form.errors} fieldIds={SIGN_UP_IDS} focusKey={form.focusKey} />
        <dl className="summary-list">
          <dt>{t("identities.signUp.name")}</dt>
          <dd>{pending.name}</dd>
          <dt>{t("identities.signUp.email")}</dt>
          <dd>{pending.email}</dd>
        </dl>
        <p>{t("identities.signUp.fromProvider", { provider: pending.provider })}</p>
        {pending.hasPicture ? <p>{t("identities.signUp.picture", { provider: pending.provider })}</p> : null}
        {policy.data ? (
          <PolicyAcceptanceField id={SIGN_UP_IDS.acceptedPolicyVersionId} versionId={policy.data.id} accepted={accepted} onChange={setAccepted} error={policyError} />
        ) : null}
        <div className="form-actions">
          <button type="submit" className="button button-primary button-block" aria-disabled={busy || undefined}>
            {mutation.isPending ? t("identities.signUp.submitting") : t("identities.signUp.submit")}
          </button>
          <button type="button" className="button button-block" aria-disabled={busy || undefined} onClick={() => !busy && cancel.mutate()}>
            {t("identities.cancel")}
          </button>
        </div>
      </form>
    </div>
  );
}

const LINK_IDS = { password: "provider-link-password" };

function ConfirmLink({ pending }: { pending: PendingSignIn }) {
  const { t } = useTranslation();
  const signedIn = useSignedIn();
  const expired = useExpiredCheck();
  const form = useForm({ password: "" });
  const mutation = useMutation({
    mutationFn: confirmProviderLink,
    onSuccess: signedIn,
    onError: (error) => {
      if (expired(error)) return;
      if (error instanceof ApiError && error.fields.password === "wrong_password") {
        return form.fail((tr) => ({ fields: { password: tr("errors.field.wrong_password") } }));
      }
      form.fail(describeError(error, ["password"]));
    },
  });
  const cancel = useCancel((error) => form.fail((tr) => ({ message: errorMessage(tr, error), fields: {} })));
  const busy = mutation.isPending || cancel.isPending;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const problems = checkWithSchema(OidcConfirmLinkBody, form.values);
    if (problems) return form.fail(problems);
    form.clearErrors();
    mutation.mutate(form.values);
  };

  return (
    <div className="page page-narrow">
      <PageHeading lead={t("identities.link.lead", { provider: pending.provider })}>{t("identities.link.title", { email: pending.email })}</PageHeading>
      <form className="card form" noValidate onSubmit={submit}>
        <ErrorSummary errors={form.errors} fieldIds={LINK_IDS} focusKey={form.focusKey} />
        <PasswordField
          id={LINK_IDS.password}
          label={t("identities.link.password")}
          autoComplete="current-password"
          {...form.bind("password")}
        />
        <div className="form-actions">
          <button type="submit" className="button button-primary button-block" aria-disabled={busy || undefined}>
            {mutation.isPending ? t("identities.link.submitting") : t("identities.link.submit", { provider: pending.provider })}
          </button>
          <button type="button" className="button button-block" aria-disabled={busy || undefined} onClick={() => !busy && cancel.mutate()}>
            {t("identities.cancel")}
          </button>
        </div>
        <p className="muted small">
          {t("identities.link.forgotLead", { provider: pending.provider })} <Link to="/forgot-password">{t("identities.link.forgot")}</Link>
        </p>
      </form>
    </div>
  );
}
