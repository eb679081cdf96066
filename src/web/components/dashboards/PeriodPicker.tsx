/**
 * The period of a dashboard: a select of named periods that end today and "Choose days…", which
 * opens two date fields and a button (the figures change only when the button is pressed, not
 * on every keystroke). The choice lives in the address (`usePeriodChoice`), so the page can be
 * bookmarked and the back button works. Extra controls of the page (e.g. a group) sit in the
 * same row as `children`.
 */
import { useState, type FormEvent, type ReactNode } from "react";
import { useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { MAX_STATISTICS_WEEKS, type StatisticsPeriod } from "../../../shared/schemas/statistics.js";
import { currentLanguage } from "../../i18n/index.js";
import { formattingLocale } from "../../lib/format.js";
import { Field, SelectField } from "../Field.js";
import { formatDayRange } from "./format.js";
import { PERIOD_PRESETS, periodProblems, periodRange, readPeriod, writePeriod, type PeriodChoice, type PeriodProblem, type PeriodRange } from "./periods.js";

/** The period in the address, its days (today being `today`), and a way to change it. */
export function usePeriodChoice(today: string): { choice: PeriodChoice; range: PeriodRange; setChoice: (choice: PeriodChoice) => void } {
  const [params, setParams] = useSearchParams();
  const choice = readPeriod(params);
  return {
    choice,
    range: periodRange(choice, today),
    setChoice: (next) => setParams((current) => writePeriod(current, next), { replace: true }),
  };
}

type Problems = { from?: PeriodProblem; to?: PeriodProblem };

export function PeriodPicker(props: { id: string; today: string; choice: PeriodChoice; onChange: (choice: PeriodChoice) => void; children?: ReactNode }) {
  const { t } = useTranslation();
  const { id, today, choice, onChange } = props;
  const range = periodRange(choice, today);
  const [custom, setCustom] = useState(choice.preset === "custom");
  const [from, setFrom] = useState(range.from);
  const [to, setTo] = useState(range.to);
  const [problems, setProblems] = useState<Problems>({});
  const ids = { preset: `${id}-preset`, from: `${id}-from`, to: `${id}-to` };

  const choose = (value: string) => {
    if (value === "custom") {
      setCustom(true);
      setFrom(range.from);
      setTo(range.to);
      setProblems({});
      return;
    }
    setCustom(false);
    onChange({ preset: value as PeriodChoice["preset"] } as PeriodChoice);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = periodProblems(from, to);
    setProblems(found);
    if (found.from || found.to) {
      document.getElementById(found.from ? ids.from : ids.to)?.focus();
      return;
    }
    onChange({ preset: "custom", from, to });
  };

  const message = (problem: PeriodProblem | undefined) => (problem ? t(`dashboardPeriod.problems.${problem}`, { weeks: MAX_STATISTICS_WEEKS }) : undefined);

  return (
    <form className="period-picker" noValidate onSubmit={submit}>
      <div className="period-picker-row">
        <SelectField
          id={ids.preset}
          label={t("dashboardPeriod.label")}
          value={custom ? "custom" : choice.preset}
          onChange={(event) => choose(event.target.value)}
          options={[...PERIOD_PRESETS, "custom"].map((preset) => ({ value: preset, label: t(`dashboardPeriod.presets.${preset}`) }))}
        />
        {props.children}
      </div>
      {custom ? (
        <div className="period-picker-custom">
          <Field id={ids.from} type="date" label={t("dashboardPeriod.from")} value={from} max={to || undefined} error={message(problems.from)} onChange={(e) => setFrom(e.target.value)} />
          <Field id={ids.to} type="date" label={t("dashboardPeriod.to")} value={to} min={from || undefined} error={message(problems.to)} onChange={(e) => setTo(e.target.value)} />
          <div className="period-picker-apply">
            <button type="submit" className="button">
              {t("dashboardPeriod.show")}
            </button>
          </div>
        </div>
      ) : null}
    </form>
  );
}

/** "5 Jan – 1 Mar 2026 · 9 weeks (Monday to Sunday)": the whole weeks the figures cover. */
export function PeriodSummary({ period }: { period: StatisticsPeriod }) {
  const { t } = useTranslation();
  const locale = formattingLocale(currentLanguage());
  return (
    <p className="period-summary muted">
      {t("dashboardPeriod.summary", { range: formatDayRange(period.from, period.to, locale), count: period.weeks.length })}
    </p>
  );
}
