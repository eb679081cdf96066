/**
 * A member's answers to an open survey: a radio group for one choice, checkboxes for several, a
 * 1–5 radio group for the scale (labelled at both ends), a text area for free text. Saving again
 * replaces the earlier answers until the survey closes.
 */
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { SCALE_MAX, SCALE_MIN, SURVEY_TEXT_ANSWER_MAX_LENGTH, type AnswerValue, type SurveyQuestion } from "../../shared/schemas/surveys.js";
import { ApiError } from "../api/client.js";
import { answerSurvey, type Survey } from "../api/surveys.js";
import { currentLanguage } from "../i18n/index.js";
import { formatDateTime, formattingLocale } from "../lib/format.js";
import { errorMessage, normaliseProblem, type FormErrors } from "../lib/formErrors.js";
import { ErrorSummary, LiveStatus } from "./Messages.js";

type Answers = Record<string, AnswerValue | null>;
const SCALE = Array.from({ length: SCALE_MAX - SCALE_MIN + 1 }, (_, i) => SCALE_MIN + i);

const isEmpty = (v: AnswerValue | null | undefined) => v === null || v === undefined || (typeof v === "string" && v.trim() === "") || (Array.isArray(v) && v.length === 0);

function problemText(t: TFunction, problem: string): string {
  const code = normaliseProblem(problem);
  return t([`surveys.answer.errors.${code}`, `errors.field.${code}`, "errors.field.invalid"]);
}

export function SurveyAnswerForm({ survey, onSaved }: { survey: Survey; onSaved: (saved: Survey) => void }) {
  const { t } = useTranslation();
  const [answers, setAnswers] = useState<Answers>(survey.myResponse?.answers ?? {});
  const [problems, setProblems] = useState<{ fields: Record<string, string>; error: unknown }>({ fields: {}, error: null });
  const [focusKey, setFocusKey] = useState(0);
  const [pending, setPending] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const set = (id: string, value: AnswerValue | null) => setAnswers((a) => ({ ...a, [id]: value }));
  const idOf = (q: SurveyQuestion) => `answer-${q.id}`;
  const firstInputId = (q: SurveyQuestion) => (q.kind === "text" ? idOf(q) : `${idOf(q)}-0`);

  const errors: FormErrors = {
    ...(problems.error ? { message: errorMessage(t, problems.error) } : {}),
    fields: Object.fromEntries(Object.entries(problems.fields).map(([id, p]) => [id, `${survey.questions.find((q) => q.id === id)?.prompt ?? ""}: ${problemText(t, p)}`])),
  };
  const fieldIds = Object.fromEntries(survey.questions.map((q) => [q.id, firstInputId(q)]));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    setStatus(null);
    const missing = survey.questions.filter((q) => q.required && isEmpty(answers[q.id]));
    if (missing.length > 0 || survey.questions.every((q) => isEmpty(answers[q.id]))) {
      const fields = Object.fromEntries((missing.length > 0 ? missing : survey.questions.slice(0, 1)).map((q) => [q.id, "required"]));
      setProblems({ fields, error: null });
      setFocusKey((k) => k + 1);
      return;
    }
    setProblems({ fields: {}, error: null });
    setPending(true);
    try {
      const body = Object.fromEntries(survey.questions.map((q) => [q.id, isEmpty(answers[q.id]) ? null : answers[q.id]!]));
      const saved = await answerSurvey(survey.id, body);
      onSaved(saved);
      setStatus(t(survey.myResponse ? "surveys.answer.changed" : "surveys.answer.saved"));
    } catch (error) {
      const fields: Record<string, string> = {};
      if (error instanceof ApiError) for (const [path, p] of Object.entries(error.fields)) if (path.startsWith("answers.")) fields[path.slice(8)] = p;
      setProblems({ fields, error: Object.keys(fields).length > 0 ? null : error });
      setFocusKey((k) => k + 1);
    } finally {
      setPending(false);
    }
  };

  const language = formattingLocale(currentLanguage());
  return (
    <form className="form survey-answer-form" noValidate onSubmit={(event) => void submit(event)}>
      <ErrorSummary errors={errors} fieldIds={fieldIds} focusKey={focusKey} />
      <p className="muted small">{t("surveys.answer.requiredNote")}</p>
      <ol className="survey-answer-list">
        {survey.questions.map((q, i) => (
          <li key={q.id} className="survey-answer-item">
            <QuestionInput q={q} number={i + 1} value={answers[q.id] ?? null} onChange={(v) => set(q.id, v)} error={problems.fields[q.id] ? problemText(t, problems.fields[q.id]!) : undefined} />
          </li>
        ))}
      </ol>
      <p className="survey-note">{t("surveys.answer.changeUntilClosed")}</p>
      {survey.myResponse ? <p className="muted small">{t("surveys.answer.lastSaved", { date: formatDateTime(survey.myResponse.updatedAt, language) })}</p> : null}
      <LiveStatus message={status} />
      <div className="form-actions">
        <button type="submit" className={pending ? "button button-primary is-busy" : "button button-primary"} aria-disabled={pending}>
          {survey.myResponse ? t("surveys.answer.update") : t("surveys.answer.submit")}
        </button>
      </div>
    </form>
  );
}

function QuestionInput(props: { q: SurveyQuestion; number: number; value: AnswerValue | null; onChange: (v: AnswerValue | null) => void; error: string | undefined }) {
  const { t } = useTranslation();
  const { q, value } = props;
  const id = `answer-${q.id}`;
  const errorId = `${id}-error`;
  const label = (
    <>
      <span className="survey-question-number">{t("surveys.answer.questionN", { n: props.number })}</span> {q.prompt}
      {q.required ? <span className="survey-required"> ({t("surveys.answer.required")})</span> : <span className="muted"> ({t("surveys.answer.optional")})</span>}
    </>
  );
  const error = props.error ? (
    <p className="field-error" id={errorId}>
      {props.error}
    </p>
  ) : null;
  const described = props.error ? errorId : undefined;

  if (q.kind === "text") {
    return (
      <div className="field">
        <label className="field-label" htmlFor={id}>
          {label}
        </label>
        <textarea
          id={id}
          className="input textarea"
          rows={4}
          maxLength={SURVEY_TEXT_ANSWER_MAX_LENGTH}
          value={typeof value === "string" ? value : ""}
          aria-required={q.required}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={described}
          onChange={(e) => props.onChange(e.target.value)}
        />
        {error}
      </div>
    );
  }

  const multiple = q.kind === "multiple";
  const choices = q.kind === "scale" ? SCALE.map((v) => ({ value: v, label: String(v) })) : q.options.map((label, i) => ({ value: i, label }));
  const chosen = (v: number) => (multiple ? Array.isArray(value) && value.includes(v) : value === v);
  const toggle = (v: number) => {
    if (!multiple) return props.onChange(v);
    const current = Array.isArray(value) ? value : [];
    props.onChange(current.includes(v) ? current.filter((x) => x !== v) : [...current, v].sort((a, b) => a - b));
  };
  return (
    <fieldset
      className="fieldset survey-choice-fieldset"
      role={multiple ? "group" : "radiogroup"}
      aria-required={!multiple && q.required ? true : undefined}
      aria-describedby={[q.kind === "scale" ? `${id}-scale` : multiple ? `${id}-many` : undefined, described].filter(Boolean).join(" ") || undefined}
    >
      <legend className="fieldset-legend">{label}</legend>
      {multiple ? (
        <p className="field-hint" id={`${id}-many`}>
          {t("surveys.answer.chooseAny")}
        </p>
      ) : null}
      {q.kind === "scale" ? (
        <p className="field-hint" id={`${id}-scale`}>
          {t("surveys.answer.scaleHint", { min: SCALE_MIN, max: SCALE_MAX })}
        </p>
      ) : null}
      <div className={q.kind === "scale" ? "survey-scale" : "choice-stack survey-choices"}>
        {choices.map((c, i) => (
          <label key={c.value} className="choice survey-choice">
            <input
              id={`${id}-${i}`}
              type={multiple ? "checkbox" : "radio"}
              name={id}
              value={c.value}
              checked={chosen(c.value)}
              onChange={() => toggle(c.value)}
            />
            <span>{c.label}</span>
          </label>
        ))}
      </div>
      {!multiple && !q.required && value !== null && value !== undefined ? (
        <button type="button" className="button button-quiet survey-clear" onClick={() => props.onChange(null)}>
          {t("surveys.answer.clear")}
        </button>
      ) : null}
      {error}
    </fieldset>
  );
}
