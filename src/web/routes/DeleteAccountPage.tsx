/**
 * "Delete my account" (issue 7): says exactly what goes and what stays, offers the data download
 * first, names what must be handed over (groups I own, organisations I alone administer), then
 * asks for the password and a typed word — or, for an account made with a sign-in provider and
 * without a password, for a fresh confirmation at the provider and the typed word. Afterwards the browser is wiped as at sign-out and the
 * person lands, signed out, on a page that says it is done.
 */
import { type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { FileArchive, Trash2 } from "lucide-react";
import { Link, useNavigate } from "react-router";
import { CONFIRM_WORD } from "../../shared/schemas/erasure.js";
import { ApiError } from "../api/client.js";
import { eraseMyAccount, erasurePreviewKey, getErasurePreview, type ErasurePreview } from "../api/erasure.js";
import { getMyIdentities, myIdentitiesKey, type MyIdentities } from "../api/identities.js";
import { Field, PasswordField } from "../components/Field.js";
import { ErrorSummary, LoadFailed, Loading, Notice, QueryView } from "../components/Messages.js";
import { PageHeading } from "../components/PageHeading.js";
import { ProviderReauthentication } from "../components/ProviderReauthentication.js";
import { currentLanguage } from "../i18n/index.js";
import { describeError } from "../lib/formErrors.js";
import { usePageTitle } from "../lib/hooks.js";
import { endClientSession } from "../lib/session.js";
import { useForm } from "../lib/useForm.js";

export function DeleteAccountPage() {
  const { t } = useTranslation();
  usePageTitle(t("erasure.title"));
  const preview = useQuery({ queryKey: erasurePreviewKey, queryFn: getErasurePreview });
  return (
    <div className="page">
      <PageHeading lead={t("erasure.lead")}>{t("erasure.title")}</PageHeading>
      <QueryView query={preview}>{(data) => <DeleteAccount preview={data} />}</QueryView>
    </div>
  );
}

function DeleteAccount({ preview }: { preview: ErasurePreview }) {
  const { t } = useTranslation();
  const blocked = preview.groupsToHandOver.length > 0 || preview.organisationsToHandOver.length > 0;
  return (
    <>
      <section className="card stack" aria-labelledby="erasure-goes-title">
        <h2 id="erasure-goes-title">{t("erasure.goesTitle")}</h2>
        <ul>
          <li>{t("erasure.goes.profile")}</li>
          <li>{t("erasure.goes.loops", { count: preview.loops })}</li>
          <li>{t("erasure.goes.answers")}</li>
          <li>{t("erasure.goes.settings")}</li>
          {preview.organisationsDeleted.map((o) => (
            <li key={o.id}>{t("erasure.goes.organisation", { name: o.name })}</li>
          ))}
          {preview.groupsDeleted.map((g) => (
            <li key={g.id}>{t("erasure.goes.group", { name: g.name })}</li>
          ))}
        </ul>
      </section>
      <section className="card stack" aria-labelledby="erasure-stays-title">
        <h2 id="erasure-stays-title">{t("erasure.staysTitle")}</h2>
        <ul>
          {preview.comments.map((c) => (
            <li key={c.organisation.id}>{t(c.kept ? "erasure.stays.commentsKept" : "erasure.stays.commentsRemoved", { count: c.count, organisation: c.organisation.name })}</li>
          ))}
          <li>{t("erasure.stays.anonymousSurveys")}</li>
          <li>{t("erasure.stays.leaderContent")}</li>
          <li>{t("erasure.stays.audit")}</li>
        </ul>
      </section>
      <section className="card stack" aria-labelledby="erasure-download-title">
        <h2 id="erasure-download-title">{t("erasure.downloadTitle")}</h2>
        <p>{t("erasure.downloadLead")}</p>
        <p>
          <Link to="/profile/data" className="button">
            <FileArchive size={18} aria-hidden="true" />
            {t("erasure.downloadLink")}
          </Link>
        </p>
      </section>
      {blocked ? <HandOverFirst preview={preview} /> : <ConfirmStep />}
    </>
  );
}

function HandOverFirst({ preview }: { preview: ErasurePreview }) {
  const { t } = useTranslation();
  return (
    <section className="card stack" aria-labelledby="erasure-handover-title">
      <h2 id="erasure-handover-title">{t("erasure.handOverTitle")}</h2>
      <p>{t("erasure.handOverLead")}</p>
      <ul>
        {preview.groupsToHandOver.map((g) => (
          <li key={g.id}>
            <Link to={`/groups/${g.id}/members`}>{t("erasure.handOverGroup", { name: g.name })}</Link>
          </li>
        ))}
        {preview.organisationsToHandOver.map((o) => (
          <li key={o.id}>
            <Link to={`/organisations/${o.id}/members`}>{t("erasure.handOverOrganisation", { name: o.name })}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The password form, or — for an account without a password — confirming at the sign-in provider. */
function ConfirmStep() {
  const mine = useQuery({ queryKey: myIdentitiesKey, queryFn: getMyIdentities });
  if (mine.data?.hasPassword === false) return <ConfirmWithProvider mine={mine.data} />;
  if (mine.data) return <ConfirmForm />;
  if (mine.isError) return <LoadFailed error={mine.error} retry={() => void mine.refetch()} />;
  return <Loading />;
}

function ConfirmWithProvider({ mine }: { mine: MyIdentities }) {
  const { t } = useTranslation();
  return (
    <ProviderReauthentication
      mine={mine}
      returnTo="/profile/delete"
      lead={(provider) => t("identities.erasure.lead", { provider })}
      stale={(provider) => t("identities.erasure.stale", { provider })}
      frame={(content) => (
        <section className="card stack" aria-labelledby="erasure-confirm-title">
          <h2 id="erasure-confirm-title">{t("erasure.confirmTitle")}</h2>
          <Notice tone="info">{t("erasure.final")}</Notice>
          {content}
        </section>
      )}
    >
      {(confirmed) => <ConfirmForm confirmed={confirmed} />}
    </ProviderReauthentication>
  );
}

/**
 * The last step: the password (or, `confirmed`, the note that the person confirmed at the
 * provider moments ago) and the typed word.
 */
function ConfirmForm({ confirmed }: { confirmed?: { provider: string; until: string } }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const form = useForm({ password: "", word: "" });
  const ids = { password: "erasure-password", word: "erasure-word" };
  const word = CONFIRM_WORD[currentLanguage()];
  const mutation = useMutation({
    mutationFn: eraseMyAccount,
    // Every session ended with the account: wipe this browser as at sign-out, then say it is done.
    onSuccess: () => endClientSession(queryClient, navigate, { callServer: false, notice: "signedOut", to: "/account-deleted" }),
    onError: (error) => {
      // The confirmation at the provider ran out meanwhile: the page asks for it again.
      if (error instanceof ApiError && error.code === "reauthentication_required") void queryClient.invalidateQueries({ queryKey: myIdentitiesKey });
      form.fail(describeError(error, confirmed ? [] : ["password"]));
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (mutation.isPending) return;
    const fields: Record<string, string> = {};
    if (!confirmed && form.values.password === "") fields.password = "required";
    if (form.values.word.trim().toLowerCase() !== word) fields.word = "mismatch";
    if (Object.keys(fields).length > 0) {
      return form.fail((tr) => ({
        fields: {
          ...(fields.password ? { password: tr("errors.field.required") } : {}),
          ...(fields.word ? { word: tr("erasure.wordMismatch", { word }) } : {}),
        },
      }));
    }
    form.clearErrors();
    mutation.mutate(confirmed ? undefined : form.values.password);
  };

  return (
    <section className="card stack" aria-labelledby="erasure-confirm-title">
      <h2 id="erasure-confirm-title">{t("erasure.confirmTitle")}</h2>
      <Notice tone="info">{t("erasure.final")}</Notice>
      <form className="form" noValidate onSubmit={submit}>
        <ErrorSummary errors={form.errors} fieldIds={ids} focusKey={form.focusKey} />
        {confirmed ? (
          <Notice>{t("identities.erasure.confirmed", confirmed)}</Notice>
        ) : (
          <PasswordField id={ids.password} label={t("erasure.password")} autoComplete="current-password" {...form.bind("password")} />
        )}
        <Field
          id={ids.word}
          label={t("erasure.word", { word })}
          hint={t("erasure.wordHint", { word })}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          {...form.bind("word")}
        />
        <div className="form-actions">
          <button type="submit" className="button button-danger-solid" aria-disabled={mutation.isPending || undefined}>
            <Trash2 size={18} aria-hidden="true" />
            {mutation.isPending ? t("erasure.submitting") : t("erasure.submit")}
          </button>
        </div>
      </form>
    </section>
  );
}

/** Shown, signed out, right after the account was deleted. */
export function AccountDeletedPage() {
  const { t } = useTranslation();
  usePageTitle(t("erasure.doneTitle"));
  return (
    <div className="page">
      <PageHeading lead={t("erasure.doneLead")}>{t("erasure.doneTitle")}</PageHeading>
      <section className="card stack">
        <p>{t("erasure.doneBody")}</p>
        <p>
          <Link to="/sign-up">{t("erasure.doneSignUp")}</Link>
        </p>
      </section>
    </div>
  );
}
