/**
 * Joining with a code: /join to type one (any case, dash optional), /join/CODE from a link or
 * QR code (filled in; joins when the person confirms, or at once when they have just signed up
 * or in through the link).
 */
import type { FormEvent } from "react";
import { Link, useLocation, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { KeyRound } from "lucide-react";
import { JoinBody } from "../../shared/schemas/groups.js";
import { joinWithCode } from "../api/groups.js";
import { arrivedAfterSignIn } from "../components/Guards.js";
import { Field } from "../components/Field.js";
import { ErrorAlert, ErrorSummary, Loading } from "../components/Messages.js";
import { PageHeading } from "../components/PageHeading.js";
import { checkWithSchema, describeError } from "../lib/formErrors.js";
import { usePageTitle } from "../lib/hooks.js";
import { useJoin } from "../lib/joining.js";
import { useForm } from "../lib/useForm.js";

const FIELDS = ["code"] as const;
const FIELD_IDS = { code: "join-code" };

export function JoinPage() {
  const { t } = useTranslation();
  usePageTitle(t("join.title"));
  const { code: linkCode } = useParams();
  const location = useLocation();
  const now = linkCode && arrivedAfterSignIn(location.state) ? linkCode : null;
  const join = useJoin(["code", linkCode ?? ""], joinWithCode, now);
  const form = useForm({ code: linkCode ?? "" });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (join.confirm.isPending) return;
    const problems = checkWithSchema(JoinBody, form.values);
    if (problems) return form.fail(problems);
    form.clearErrors();
    join.confirm.mutate(form.values.code.trim(), { onError: (error) => form.fail(describeError(error, FIELDS)) });
  };

  if (join.automaticPending) {
    return (
      <div className="page page-narrow">
        <PageHeading>{t("join.title")}</PageHeading>
        <Loading label={t("join.joining")} />
      </div>
    );
  }

  return (
    <div className="page page-narrow">
      <PageHeading lead={t(linkCode ? "join.leadLink" : "join.lead")}>{t("join.title")}</PageHeading>
      <ErrorAlert error={join.automaticError} />
      <form className="card form" noValidate onSubmit={submit}>
        <ErrorSummary errors={form.errors} fieldIds={FIELD_IDS} focusKey={form.focusKey} />
        <Field
          id={FIELD_IDS.code}
          label={t("join.code")}
          hint={t("join.codeHint")}
          className="input-code"
          autoComplete="off"
          autoCapitalize="characters"
          autoCorrect="off"
          spellCheck={false}
          {...form.bind("code")}
        />
        <div className="form-actions">
          <button type="submit" className="button button-primary button-block" aria-disabled={join.confirm.isPending || undefined}>
            <KeyRound size={18} aria-hidden="true" />
            {join.confirm.isPending ? t("join.joining") : t("join.submit")}
          </button>
          <Link to="/">{t("join.cancel")}</Link>
        </div>
      </form>
    </div>
  );
}
