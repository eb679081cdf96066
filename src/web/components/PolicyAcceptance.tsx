/**
 * The privacy policy checkbox of signing up (issue 7), with a password or with a provider
 * (issue 8): one field and one wording of its problems for both sign-up pages.
 */
import { useTranslation } from "react-i18next";
import type { DescribeErrors } from "../lib/formErrors.js";
import { FieldError } from "./Field.js";

/** Adds the checkbox's problem ("required" when not ticked, else the version changed meanwhile) to the other fields' errors. */
export function withPolicyProblem(describe: DescribeErrors | null, problem: string): DescribeErrors {
  return (t) => {
    const base = describe ? describe(t) : { fields: {} };
    const message = t(problem === "required" ? "privacyPolicy.signUp.required" : "privacyPolicy.signUp.stale");
    return { ...base, fields: { ...base.fields, acceptedPolicyVersionId: message } };
  };
}

export function PolicyAcceptanceField(props: { id: string; versionId: string; accepted: boolean; onChange: (accepted: boolean) => void; error: string | undefined }) {
  const { t } = useTranslation();
  const hintId = `${props.id}-hint`;
  const errorId = `${props.id}-error`;
  return (
    <div className="check-field">
      <input
        id={props.id}
        type="checkbox"
        checked={props.accepted}
        onChange={(event) => props.onChange(event.target.checked)}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={[hintId, props.error ? errorId : ""].join(" ").trim()}
      />
      <div>
        <label className="field-label" htmlFor={props.id}>
          {t("privacyPolicy.signUp.accept")}
        </label>
        <p className="field-hint" id={hintId}>
          <a href={`/privacy/versions/${props.versionId}`} target="_blank" rel="noopener noreferrer">
            {t("privacyPolicy.signUp.link")}
          </a>
        </p>
        <FieldError id={errorId} message={props.error} />
      </div>
    </div>
  );
}
