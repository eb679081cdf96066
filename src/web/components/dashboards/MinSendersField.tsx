/**
 * The organisation's k: the fewest different people whose anonymous loops a statistic may show
 * (3–50, default 5). A text field with a numeric keyboard (a number spinner is easy to change by
 * accident while scrolling), and an explanation of what the number does.
 */
import { useTranslation } from "react-i18next";
import { HIGHEST_MIN_SENDERS, LOWEST_MIN_SENDERS, DEFAULT_MIN_SENDERS } from "../../../shared/schemas/statistics.js";
import type { DescribeErrors } from "../../lib/formErrors.js";
import { Field, type FieldProps } from "../Field.js";
import "../../styles/dashboards.css";

export function MinSendersField(props: { id: string } & Pick<FieldProps, "name" | "value" | "onChange" | "error">) {
  const { t } = useTranslation();
  return (
    <Field
      {...props}
      label={t("minSenders.label")}
      hint={t("minSenders.hint", { min: LOWEST_MIN_SENDERS, max: HIGHEST_MIN_SENDERS, default: DEFAULT_MIN_SENDERS })}
      inputMode="numeric"
      autoComplete="off"
      className="input-number"
    />
  );
}

/** The form's text as the number the API takes; NaN when it is not a whole number (the schema check then fails). */
export function minSendersValue(text: string): number {
  const trimmed = text.trim();
  return /^\d{1,3}$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/** Any problem with the field (too small, too big, not a number, empty) is worded as the one range rule. */
export function withMinSendersMessage(describe: DescribeErrors): DescribeErrors {
  return (t) => {
    const errors = describe(t);
    if (errors.fields.minSenders === undefined) return errors;
    return { ...errors, fields: { ...errors.fields, minSenders: t("minSenders.error", { min: LOWEST_MIN_SENDERS, max: HIGHEST_MIN_SENDERS }) } };
  };
}
