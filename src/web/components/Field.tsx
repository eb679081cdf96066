/** Labelled form inputs whose hint and error are wired to the input for assistive technology. */
import {
  useState,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from "react";
import { useTranslation } from "react-i18next";
import { Check, CircleAlert, Eye, EyeOff } from "lucide-react";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "../../shared/schemas/accounts.js";

/** What every labelled field has; the element's own attributes come on top. */
interface FieldBase {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
}

/** An element's attributes, less those the field wires itself, plus the field's own. */
type FieldOf<Attributes> = Omit<Attributes, "id" | "aria-invalid" | "aria-describedby"> & FieldBase;

export type FieldProps = FieldOf<InputHTMLAttributes<HTMLInputElement>>;

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

/** A field's label and, when there is one, its hint (id `<id>-hint`, for aria-describedby). */
function LabelAndHint({ id, label, hint }: { id: string; label: string; hint?: ReactNode }) {
  return (
    <>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
    </>
  );
}

/** Label, hint, the control and its error line; `control` gets the ids it must carry. */
function FieldFrame({ field, control }: {
  field: FieldBase;
  control: (aria: { "aria-invalid": true | undefined; "aria-describedby": string | undefined }) => ReactNode;
}) {
  const { id, label, hint, error } = field;
  return (
    <div className="field">
      <LabelAndHint id={id} label={label} hint={hint} />
      {control({
        "aria-invalid": error ? true : undefined,
        "aria-describedby": describedBy(hint ? `${id}-hint` : undefined, error ? `${id}-error` : undefined),
      })}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

export function Field({ id, label, hint, error, className, ...input }: FieldProps) {
  return (
    <FieldFrame
      field={{ id, label, hint, error }}
      control={(aria) => <input {...input} {...aria} id={id} className={["input", className].filter(Boolean).join(" ")} />}
    />
  );
}

/** An e-mail address: the right keyboard on phones, no auto-capitals or spelling marks. */
export function EmailField(props: Omit<FieldProps, "type">) {
  return <Field autoComplete="email" {...props} type="email" inputMode="email" autoCapitalize="none" spellCheck={false} />;
}

export type TextAreaFieldProps = FieldOf<TextareaHTMLAttributes<HTMLTextAreaElement>>;

export function TextAreaField({ id, label, hint, error, ...textarea }: TextAreaFieldProps) {
  return (
    <FieldFrame
      field={{ id, label, hint, error }}
      control={(aria) => <textarea rows={4} {...textarea} {...aria} id={id} className="input textarea" />}
    />
  );
}

export type SelectFieldProps = FieldOf<SelectHTMLAttributes<HTMLSelectElement>> & {
  options: ReadonlyArray<{ value: string; label: string }>;
};

export function SelectField({ id, label, hint, error, options, ...select }: SelectFieldProps) {
  return (
    <FieldFrame
      field={{ id, label, hint, error }}
      control={(aria) => (
        <select {...select} {...aria} id={id} className="input select">
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    />
  );
}

/** A checkbox with its label beside it and an optional hint below the label. */
export function CheckboxField(props: {
  id: string;
  label: string;
  hint?: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const { id, label, hint, checked, onChange } = props;
  return (
    <div className="check-field">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
        aria-describedby={hint ? `${id}-hint` : undefined}
      />
      <div>
        <LabelAndHint id={id} label={label} hint={hint} />
      </div>
    </div>
  );
}

export interface Choice<V extends string> {
  value: V;
  label: string;
  /** A sentence under the label, explaining the choice in plain words. */
  description?: string;
  lang?: string;
}

/** One choice among a few, as radio buttons in a fieldset; with descriptions they stack as cards. */
export function ChoiceGroup<V extends string>(props: {
  name: string;
  legend: string;
  hint?: ReactNode;
  value: V;
  onChange: (value: V) => void;
  choices: ReadonlyArray<Choice<V>>;
}) {
  const { name, legend, hint, value, onChange, choices } = props;
  const stacked = choices.some((choice) => choice.description);
  return (
    <fieldset className="fieldset" aria-describedby={hint ? `${name}-hint` : undefined}>
      <legend className="fieldset-legend">{legend}</legend>
      {hint ? (
        <p className="field-hint" id={`${name}-hint`}>
          {hint}
        </p>
      ) : null}
      <div className={stacked ? "choice-stack" : "choice-row"}>
        {choices.map((choice) => {
          const labelId = `${name}-${choice.value}-label`;
          const descriptionId = choice.description ? `${name}-${choice.value}-description` : undefined;
          return (
            <label key={choice.value} className={stacked ? "choice choice-card" : "choice"} lang={choice.lang}>
              <input
                type="radio"
                name={name}
                value={choice.value}
                checked={value === choice.value}
                onChange={() => onChange(choice.value)}
                aria-labelledby={stacked ? labelId : undefined}
                aria-describedby={descriptionId}
              />
              {stacked ? (
                <span className="choice-text">
                  <span className="choice-label" id={labelId}>
                    {choice.label}
                  </span>
                  {choice.description ? (
                    <span className="choice-description" id={descriptionId}>
                      {choice.description}
                    </span>
                  ) : null}
                </span>
              ) : (
                choice.label
              )}
            </label>
          );
        })}
      </div>
    </fieldset>
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
      <LabelAndHint id={id} label={label} hint={hint} />
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
