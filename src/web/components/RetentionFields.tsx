/**
 * Retention (issue 7) in the web app: the period and purpose fields shared by a group's settings
 * and an organisation's defaults, and the sentence every member reads on the group page.
 */
import { useState, type FormEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useMutation } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import { ApiError } from "../api/client.js";
import {
  MAX_RETENTION_DAYS,
  MIN_RETENTION_DAYS,
  parseRetentionPeriod,
  RETENTION_MONTH_CHOICES,
  RETENTION_PURPOSE_MAX_LENGTH,
  type Retention,
} from "../../shared/schemas/retention.js";
import { errorMessage, type DescribeErrors } from "../lib/formErrors.js";
import { useForm } from "../lib/useForm.js";
import { Field, SelectField, TextAreaField } from "./Field.js";
import { ErrorSummary, LiveStatus } from "./Messages.js";
import "../styles/retention.css";

/** The form's strings: a choice of months or "custom", the custom days, the purpose. */
export interface RetentionValues extends Record<string, string> {
  retentionChoice: string;
  retentionDays: string;
  retentionPurpose: string;
}
type RetentionForm = ReturnType<typeof useForm<RetentionValues>>;

export const EXAMPLE_PURPOSES = ["learning", "course", "project", "workplace"] as const;
const CUSTOM = "custom";

function retentionFieldIds(prefix: string): Record<"retentionChoice" | "retentionDays" | "retentionPurpose", string> {
  return { retentionChoice: `${prefix}-period`, retentionDays: `${prefix}-days`, retentionPurpose: `${prefix}-purpose` };
}

function retentionValues(retention: Retention): RetentionValues {
  const p = parseRetentionPeriod(retention.period);
  return {
    retentionChoice: p && "months" in p ? String(p.months) : CUSTOM,
    retentionDays: p && "days" in p ? String(p.days) : "",
    retentionPurpose: retention.purpose,
  };
}

/** The API's retention from the form, or the problems worded for the form's fields. */
function retentionFromForm(values: RetentionValues): { ok: Retention } | { errors: DescribeErrors } {
  const purpose = values.retentionPurpose.trim();
  const fields: string[] = [];
  let period = `P${values.retentionChoice}M`;
  if (values.retentionChoice === CUSTOM) {
    const days = Number(values.retentionDays.trim());
    period = `P${days}D`;
    if (!/^\d+$/.test(values.retentionDays.trim()) || parseRetentionPeriod(period) === null) fields.push("retentionDays");
  }
  if (purpose.length > RETENTION_PURPOSE_MAX_LENGTH) fields.push("retentionPurpose");
  return fields.length > 0 ? { errors: retentionErrors(fields) } : { ok: { period, purpose } };
}

/** Messages for the retention fields named (also for the server's 400 on them). */
function retentionErrors(fields: readonly string[], message?: (t: TFunction) => string): DescribeErrors {
  return (t) => ({
    ...(message ? { message: message(t) } : {}),
    fields: Object.fromEntries(
      fields.map((f) => [
        f,
        f === "retentionDays"
          ? t("retention.errors.days", { min: MIN_RETENTION_DAYS, max: MAX_RETENTION_DAYS })
          : t("retention.errors.purpose", { max: RETENTION_PURPOSE_MAX_LENGTH }),
      ]),
    ),
  });
}

/** The server's refusal of a retention change, on the fields it names (`<prefix>.period`, `<prefix>.purpose`). */
function retentionServerErrors(error: unknown, prefix: string): DescribeErrors {
  const named = error instanceof ApiError ? Object.keys(error.fields) : [];
  const fields = [
    ...(named.includes(`${prefix}.period`) ? ["retentionDays"] : []),
    ...(named.includes(`${prefix}.purpose`) ? ["retentionPurpose"] : []),
  ];
  return retentionErrors(fields, fields.length > 0 ? undefined : (t) => errorMessage(t, error));
}

/** "3 months" / "45 days". */
export function periodLabel(t: TFunction, period: string): string {
  const p = parseRetentionPeriod(period);
  if (!p) return period;
  return "months" in p ? t("retention.months", { count: p.months }) : t("retention.days", { count: p.days });
}

/** The period (a choice, or a number of days), the purpose, and example purposes to start from. */
function RetentionFields({ form, ids }: { form: RetentionForm; ids: ReturnType<typeof retentionFieldIds> }) {
  const { t } = useTranslation();
  const options = [
    ...RETENTION_MONTH_CHOICES.map((months) => ({ value: String(months), label: t("retention.months", { count: months }) })),
    { value: CUSTOM, label: t("retention.customChoice") },
  ];
  return (
    <>
      <SelectField id={ids.retentionChoice} label={t("retention.periodLabel")} hint={t("retention.periodHint")} options={options} {...form.bind("retentionChoice")} />
      {form.values.retentionChoice === CUSTOM ? (
        <Field
          id={ids.retentionDays}
          label={t("retention.daysLabel")}
          hint={t("retention.daysHint", { min: MIN_RETENTION_DAYS, max: MAX_RETENTION_DAYS })}
          inputMode="numeric"
          autoComplete="off"
          {...form.bind("retentionDays")}
        />
      ) : null}
      <TextAreaField id={ids.retentionPurpose} label={t("retention.purposeLabel")} hint={t("retention.purposeHint")} {...form.bind("retentionPurpose")} />
      <details className="retention-examples">
        <summary>{t("retention.examplesTitle")}</summary>
        <ul className="plain-list">
          {EXAMPLE_PURPOSES.map((key) => (
            <li key={key}>
              <p id={`${ids.retentionPurpose}-example-${key}`}>{t(`retention.examples.${key}`)}</p>
              <button
                type="button"
                className="button"
                aria-describedby={`${ids.retentionPurpose}-example-${key}`}
                onClick={() => form.set("retentionPurpose", t(`retention.examples.${key}`))}
              >
                {t("retention.useExample")}
              </button>
            </li>
          ))}
        </ul>
      </details>
    </>
  );
}

/**
 * The retention form of a group's settings or an organisation's defaults: checked here, saved by
 * `save`, the server's 400 on `<apiField>.period` / `.purpose` shown on the fields. `children`
 * are further fields saved with it.
 */
export function RetentionForm(props: {
  prefix: string;
  initial: Retention;
  apiField: string;
  save: (retention: Retention) => Promise<unknown>;
  /** Said once saved. */
  savedText: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const ids = retentionFieldIds(props.prefix);
  const form = useForm(retentionValues(props.initial));
  const [saved, setSaved] = useState(false);
  const mutation = useMutation({
    mutationFn: props.save,
    onSuccess: () => setSaved(true),
    onError: (error) => form.fail(retentionServerErrors(error, props.apiField)),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (mutation.isPending) return;
    setSaved(false);
    const result = retentionFromForm(form.values);
    if ("errors" in result) return form.fail(result.errors);
    form.clearErrors();
    mutation.mutate(result.ok);
  };
  return (
    <form className="form" noValidate onSubmit={submit}>
      <ErrorSummary errors={form.errors} fieldIds={ids} focusKey={form.focusKey} />
      <RetentionFields form={form} ids={ids} />
      {props.children}
      <LiveStatus message={saved ? props.savedText : null} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" aria-disabled={mutation.isPending || undefined}>
          {mutation.isPending ? t("retention.saving") : t("retention.save")}
        </button>
      </div>
    </form>
  );
}

/** What every member reads: how long the group keeps its data, and why. */
export function RetentionSummary({ retention }: { retention: Retention }) {
  const { t } = useTranslation();
  return (
    <>
      <p>{t("retention.summary", { period: periodLabel(t, retention.period) })}</p>
      <p className="preserve-lines">{retention.purpose.trim() ? t("retention.purposeIs", { purpose: retention.purpose }) : t("retention.noPurpose")}</p>
    </>
  );
}
