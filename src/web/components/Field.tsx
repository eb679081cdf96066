/** Labelled form inputs whose hint and error are wired to the input for assistive technology. */
import { useState, type InputHTMLAttributes, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Check, CircleAlert, Eye, EyeOff } from "lucide-react";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "../../shared/schemas/accounts.js";

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "aria-invalid" | "aria-describedby">;

export interface FieldProps extends InputProps {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
}

function describedBy(...ids: Array<string | false | undefined>): string | undefined {
  const list = ids.filter((id): id is string => typeof id === "string" && id !== "");
  return list.length > 0 ? list.join(" ") : undefined;
}

/** The error line under a field. */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p className="field-error" id={id}>
      <CircleAlert size={16} aria-hidden="true" />
      <span>{message}</span>
    </p>
  );
}

export function Field({ id, label, hint, error, className, ...input }: FieldProps) {
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <input
        {...input}
        id={id}
        className={["input", className].filter(Boolean).join(" ")}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint ? `${id}-hint` : undefined, error ? `${id}-error` : undefined)}
      />
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

export interface PasswordFieldProps extends Omit<FieldProps, "type"> {
  /** Show the password rules under the label (for new passwords). */
  showRules?: boolean;
}

/** A password input with a show/hide toggle and, for new passwords, the rules. */
export function PasswordField({ id, label, hint, error, showRules, value, ...input }: PasswordFieldProps) {
  const { t } = useTranslation();
  const [visible, setVisible] = useState(false);
  const length = typeof value === "string" ? value.length : 0;
  const lengthOk = length >= PASSWORD_MIN_LENGTH && length <= PASSWORD_MAX_LENGTH;
  const rulesId = `${id}-rules`;
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {showRules ? (
        <div id={rulesId} className="field-hint">
          <p>{t("password.rulesTitle")}</p>
          <ul className="rules">
            <li data-met={lengthOk}>
              {lengthOk ? <Check size={16} aria-hidden="true" /> : <span aria-hidden="true">•</span>}
              <span>
                {t("password.ruleLength", { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH })}
                {lengthOk ? <span className="visually-hidden"> {t("password.ruleMet")}</span> : null}
              </span>
            </li>
            <li>
              <span aria-hidden="true">•</span>
              <span>{t("password.ruleCommon")}</span>
            </li>
          </ul>
        </div>
      ) : null}
      <div className="input-wrap">
        <input
          {...input}
          value={value}
          id={id}
          type={visible ? "text" : "password"}
          className="input input-with-toggle"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(
            hint ? `${id}-hint` : undefined,
            showRules ? rulesId : undefined,
            error ? `${id}-error` : undefined,
          )}
        />
        <button
          type="button"
          className="input-toggle"
          aria-controls={id}
          aria-label={visible ? `${t("password.hide")}: ${label}` : `${t("password.show")}: ${label}`}
          onClick={() => setVisible((v) => !v)}
        >
          {visible ? <EyeOff size={18} aria-hidden="true" /> : <Eye size={18} aria-hidden="true" />}
          <span aria-hidden="true">{visible ? t("password.hide") : t("password.show")}</span>
        </button>
      </div>
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}
