/** An organisation's time zone: a labelled select of the IANA zones this browser knows, each with its offset now. */
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { currentLanguage } from "../i18n/index.js";
import { formattingLocale } from "../lib/format.js";
import { SelectField } from "./Field.js";

/** The zones to offer: the browser's list, plus UTC when the list lacks it. */
function zoneNames(): string[] {
  const known = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return [...new Set([...known, "UTC"])].sort((a, b) => a.localeCompare(b));
}

/** "GMT+1" for the zone's offset today, in the interface language; "" when the browser can't tell. */
function offsetNow(zone: string, locale: string, now: Date): string {
  try {
    const parts = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: "shortOffset" }).formatToParts(now);
    return parts.find((part) => part.type === "timeZoneName")?.value ?? "";
  } catch {
    return "";
  }
}

/** The browser's own zone, for a new organisation's default. */
export function browserTimeZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
  } catch {
    return undefined;
  }
}

export function TimeZoneField(props: { id: string; value: string; onChange: (zone: string) => void; error?: string | undefined }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const { value } = props;
  const known = useMemo(() => {
    const locale = formattingLocale(language);
    const now = new Date();
    return zoneNames().map((zone) => {
      const name = zone.replaceAll("_", " ");
      const offset = offsetNow(zone, locale, now);
      return { value: zone, label: offset ? t("orgTimeZone.option", { zone: name, offset }) : name };
    });
  }, [language, t]);
  // A zone this browser does not list (an older browser) still shows as the current value.
  const options = known.some((option) => option.value === value) ? known : [{ value, label: value }, ...known];
  return (
    <SelectField
      id={props.id}
      label={t("orgTimeZone.label")}
      hint={t("orgTimeZone.hint")}
      options={options}
      value={value}
      error={props.error}
      onChange={(event) => props.onChange(event.target.value)}
    />
  );
}
