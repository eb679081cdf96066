/**
 * Making or changing a survey: title, introduction, anonymous or not (explained), when it opens
 * and closes (optional: by hand otherwise), and its questions — added, removed, moved up and
 * down, each with its kind, its choices and whether it must be answered. What the server no
 * longer lets change (questions once answered, anonymity once open) is shown but locked.
 */
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { ArrowDown, ArrowUp, Plus, Trash2, X } from "lucide-react";
import type { TFunction } from "i18next";
import { fieldProblemOf } from "../../shared/errors.js";
import {
  CreateSurveyBody,
  isChoiceKind,
  MAX_SURVEY_OPTIONS,
  MAX_SURVEY_QUESTIONS,
  SURVEY_DESCRIPTION_MAX_LENGTH,
  SURVEY_K,
  SURVEY_OPTION_MAX_LENGTH,
  SURVEY_PROMPT_MAX_LENGTH,
  SURVEY_QUESTION_KINDS,
  SURVEY_TITLE_MAX_LENGTH,
  type SurveyQuestionKind,
  UpdateSurveyBody,
} from "../../shared/schemas/surveys.js";
import { ApiError } from "../api/client.js";
import { createSurvey, updateSurvey, type Survey } from "../api/surveys.js";
import { errorMessage, normaliseProblem, type FormErrors } from "../lib/formErrors.js";
import { CheckboxField, Field, SelectField, TextAreaField } from "./Field.js";
import { ErrorSummary, LiveStatus } from "./Messages.js";

interface DraftQuestion {
  key: string;
  kind: SurveyQuestionKind;
  prompt: string;
  required: boolean;
  options: string[];
}

let keySeq = 0;
const newKey = () => `q${++keySeq}`;
const blankQuestion = (): DraftQuestion => ({ key: newKey(), kind: "single", prompt: "", required: false, options: ["", ""] });

/** An ISO instant as a datetime-local input's value, in this browser's time zone. */
function localInput(iso: string | null): string {
  if (!iso) return "";
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
/** A datetime-local value (local time) as ISO 8601 UTC; null when empty or not a time. */
function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

type Problems = Record<string, string>;

/** A problem's message, the builder's own wording first. */
function problemMessage(t: TFunction, path: string, problem: string): string {
  const field = path.replace(/^questions\.\d+\.options\.\d+$/, "question.option").replace(/^questions\.\d+\./, "question.");
  const code = normaliseProblem(problem);
  return t([`surveys.builder.errors.${field}.${code}`, `errors.field.${code}`, "errors.field.invalid"]);
}

export function SurveyBuilder({ groupId, survey, onSaved }: { groupId: string; survey?: Survey; onSaved: (saved: Survey, created: boolean) => void }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState(survey?.title ?? "");
  const [description, setDescription] = useState(survey?.description ?? "");
  const [anonymous, setAnonymous] = useState(survey?.anonymous ?? false);
  const [opensAt, setOpensAt] = useState(localInput(survey?.opensAt ?? null));
  const [closesAt, setClosesAt] = useState(localInput(survey?.closesAt ?? null));
  const [questions, setQuestions] = useState<DraftQuestion[]>(
    survey ? survey.questions.map((q) => ({ key: newKey(), kind: q.kind, prompt: q.prompt, required: q.required, options: q.options })) : [blankQuestion()],
  );
  const [problems, setProblems] = useState<{ fields: Problems; error: unknown }>({ fields: {}, error: null });
  const [focusKey, setFocusKey] = useState(0);
  const [moved, setMoved] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const canQuestions = survey ? survey.abilities.editQuestions : true;
  const canAnonymity = survey ? survey.abilities.changeAnonymity : true;
  const canClose = survey ? survey.state !== "closed" : true;
  const ids = {
    title: "survey-title",
    description: "survey-description",
    opensAt: "survey-opens",
    closesAt: "survey-closes",
    questions: "survey-questions",
  };
  const idOf = (path: string): string | undefined => {
    const m = /^questions\.(\d+)(?:\.(\w+)(?:\.(\d+))?)?$/.exec(path);
    if (!m) return ids[path as keyof typeof ids];
    const q = questions[Number(m[1])];
    if (!q) return ids.questions;
    if (m[2] === "options") return m[3] !== undefined ? `${q.key}-option-${m[3]}` : `${q.key}-option-0`;
    return m[2] === "kind" ? `${q.key}-kind` : `${q.key}-prompt`;
  };
  const errors: FormErrors = {
    ...(problems.error ? { message: errorMessage(t, problems.error) } : {}),
    fields: Object.fromEntries(Object.entries(problems.fields).map(([path, p]) => [path, problemMessage(t, path, p)])),
  };
  const fieldIds = Object.fromEntries(Object.keys(problems.fields).map((path) => [path, idOf(path)]));
  const errorAt = (path: string) => errors.fields[path];

  const change = (key: string, patch: Partial<DraftQuestion>) => setQuestions((qs) => qs.map((q) => (q.key === key ? { ...q, ...patch } : q)));
  const move = (index: number, by: -1 | 1) => {
    const target = index + by;
    if (target < 0 || target >= questions.length) return;
    const next = [...questions];
    [next[index], next[target]] = [next[target]!, next[index]!];
    setQuestions(next);
    setMoved(t("surveys.builder.moved", { position: target + 1 }));
    // Focus stays on the question's own button at its new place (or the other one at the edge).
    const q = questions[index]!;
    const edge = (by === -1 && target === 0) || (by === 1 && target === questions.length - 1);
    requestAnimationFrame(() => document.getElementById(`${q.key}-${edge ? (by === -1 ? "down" : "up") : by === -1 ? "up" : "down"}`)?.focus());
  };
  const addQuestion = () => {
    const q = blankQuestion();
    setQuestions((qs) => [...qs, q]);
    requestAnimationFrame(() => document.getElementById(`${q.key}-prompt`)?.focus());
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    const questionBody = questions.map((q) => ({ kind: q.kind, prompt: q.prompt, required: q.required, options: isChoiceKind(q.kind) ? q.options : [] }));
    const body = {
      title,
      description,
      ...(canAnonymity ? { anonymous, opensAt: fromLocalInput(opensAt) } : {}),
      ...(canQuestions ? { questions: questionBody } : {}),
      ...(canClose ? { closesAt: fromLocalInput(closesAt) } : {}),
    };
    const checked = (survey ? UpdateSurveyBody : CreateSurveyBody).safeParse(body);
    if (!checked.success) {
      const fields: Problems = {};
      for (const issue of checked.error.issues) {
        const path = issue.path.map(String).join(".") || "questions";
        fields[path] ??= fieldProblemOf(issue);
      }
      setProblems({ fields, error: null });
      setFocusKey((k) => k + 1);
      return;
    }
    setProblems({ fields: {}, error: null });
    setPending(true);
    try {
      const saved = survey ? await updateSurvey(survey.id, body) : await createSurvey(groupId, { ...body, questions: questionBody });
      onSaved(saved, !survey);
    } catch (error) {
      const fields = error instanceof ApiError ? { ...error.fields } : {};
      const byField = error instanceof ApiError && error.code === "validation" && Object.keys(fields).length > 0;
      setProblems({ fields, error: byField ? null : error });
      setFocusKey((k) => k + 1);
    } finally {
      setPending(false);
    }
  };

  return (
    <form className="form survey-builder" noValidate onSubmit={(event) => void submit(event)}>
      <ErrorSummary errors={errors} fieldIds={fieldIds} focusKey={focusKey} />
      <Field id={ids.title} label={t("surveys.builder.title")} autoComplete="off" maxLength={SURVEY_TITLE_MAX_LENGTH} value={title} onChange={(e) => setTitle(e.target.value)} error={errorAt("title")} />
      <TextAreaField
        id={ids.description}
        label={t("surveys.builder.description")}
        hint={t("surveys.builder.descriptionHint")}
        maxLength={SURVEY_DESCRIPTION_MAX_LENGTH}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        error={errorAt("description")}
      />
      <fieldset className="fieldset" disabled={!canAnonymity}>
        <legend className="fieldset-legend">{t("surveys.builder.privacy")}</legend>
        <CheckboxField
          id="survey-anonymous"
          label={t("surveys.builder.anonymous")}
          hint={
            <>
              {t("surveys.builder.anonymousHint", { k: SURVEY_K })}
              {!canAnonymity ? <> {t("surveys.builder.anonymityLocked")}</> : null}
            </>
          }
          checked={anonymous}
          onChange={setAnonymous}
        />
      </fieldset>
      <div className="survey-dates-row">
        <Field
          id={ids.opensAt}
          type="datetime-local"
          label={t("surveys.builder.opensAt")}
          hint={canAnonymity ? t("surveys.builder.opensAtHint") : t("surveys.builder.opensAtLocked")}
          value={opensAt}
          disabled={!canAnonymity}
          onChange={(e) => setOpensAt(e.target.value)}
          error={errorAt("opensAt")}
        />
        <Field
          id={ids.closesAt}
          type="datetime-local"
          label={t("surveys.builder.closesAt")}
          hint={t("surveys.builder.closesAtHint")}
          value={closesAt}
          disabled={!canClose}
          onChange={(e) => setClosesAt(e.target.value)}
          error={errorAt("closesAt")}
        />
      </div>

      <section className="survey-builder-questions" aria-labelledby={ids.questions}>
        <h3 id={ids.questions} tabIndex={-1}>
          {t("surveys.builder.questions")}
        </h3>
        {!canQuestions ? <p className="muted">{t("surveys.builder.questionsLocked")}</p> : null}
        {errorAt("questions") ? <p className="field-error">{errorAt("questions")}</p> : null}
        <LiveStatus tone="info" message={moved} />
        <ol className="survey-builder-list">
          {questions.map((q, i) => (
            <li key={q.key} className="survey-builder-question">
              <QuestionEditor
                q={q}
                index={i}
                count={questions.length}
                locked={!canQuestions}
                errorAt={(rest) => errorAt(`questions.${i}${rest}`)}
                onChange={(patch) => change(q.key, patch)}
                onMove={(by) => move(i, by)}
                onRemove={() => setQuestions((qs) => qs.filter((x) => x.key !== q.key))}
              />
            </li>
          ))}
        </ol>
        {canQuestions && questions.length < MAX_SURVEY_QUESTIONS ? (
          <button type="button" className="button" onClick={addQuestion}>
            <Plus size={18} aria-hidden="true" />
            {t("surveys.builder.addQuestion")}
          </button>
        ) : null}
      </section>
      <div className="form-actions">
        <button type="submit" className={pending ? "button button-primary is-busy" : "button button-primary"} aria-disabled={pending}>
          {survey ? t("surveys.builder.save") : t("surveys.builder.create")}
        </button>
      </div>
    </form>
  );
}

function QuestionEditor(props: {
  q: DraftQuestion;
  index: number;
  count: number;
  locked: boolean;
  errorAt: (rest: string) => string | undefined;
  onChange: (patch: Partial<DraftQuestion>) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const { q, index, locked } = props;
  const number = index + 1;
  const setOption = (j: number, value: string) => props.onChange({ options: q.options.map((o, k) => (k === j ? value : o)) });
  return (
    <fieldset className="fieldset survey-question-fieldset" disabled={locked}>
      <legend className="fieldset-legend">{t("surveys.builder.questionN", { n: number })}</legend>
      <div className="survey-question-row">
        <SelectField
          id={`${q.key}-kind`}
          label={t("surveys.builder.kind")}
          value={q.kind}
          options={SURVEY_QUESTION_KINDS.map((kind) => ({ value: kind, label: t(`surveys.kind.${kind}`) }))}
          onChange={(e) => {
            const kind = e.target.value as SurveyQuestionKind;
            props.onChange({ kind, options: isChoiceKind(kind) && q.options.length < 2 ? ["", ""] : q.options });
          }}
          error={props.errorAt(".kind")}
        />
        <CheckboxField id={`${q.key}-required`} label={t("surveys.builder.required")} checked={q.required} onChange={(required) => props.onChange({ required })} />
      </div>
      <Field
        id={`${q.key}-prompt`}
        label={t("surveys.builder.prompt")}
        autoComplete="off"
        maxLength={SURVEY_PROMPT_MAX_LENGTH}
        value={q.prompt}
        onChange={(e) => props.onChange({ prompt: e.target.value })}
        error={props.errorAt(".prompt")}
      />
      {isChoiceKind(q.kind) ? (
        <div className="survey-options" role="group" aria-labelledby={`${q.key}-options-label`}>
          <p className="field-label" id={`${q.key}-options-label`}>
            {t("surveys.builder.options")}
          </p>
          {props.errorAt(".options") ? <p className="field-error">{props.errorAt(".options")}</p> : null}
          <ol className="survey-option-list">
            {q.options.map((option, j) => (
              <li key={j} className="survey-option-row">
                <Field
                  id={`${q.key}-option-${j}`}
                  label={t("surveys.builder.optionN", { n: j + 1 })}
                  autoComplete="off"
                  maxLength={SURVEY_OPTION_MAX_LENGTH}
                  value={option}
                  onChange={(e) => setOption(j, e.target.value)}
                  error={props.errorAt(`.options.${j}`)}
                />
                {q.options.length > 2 && !locked ? (
                  <button
                    type="button"
                    className="button button-quiet"
                    aria-label={t("surveys.builder.removeOption", { n: j + 1, question: number })}
                    onClick={() => props.onChange({ options: q.options.filter((_, k) => k !== j) })}
                  >
                    <X size={18} aria-hidden="true" />
                  </button>
                ) : null}
              </li>
            ))}
          </ol>
          {q.options.length < MAX_SURVEY_OPTIONS && !locked ? (
            <button
              type="button"
              className="button button-quiet"
              onClick={() => {
                props.onChange({ options: [...q.options, ""] });
                requestAnimationFrame(() => document.getElementById(`${q.key}-option-${q.options.length}`)?.focus());
              }}
            >
              <Plus size={18} aria-hidden="true" />
              {t("surveys.builder.addOption")}
            </button>
          ) : null}
        </div>
      ) : q.kind === "scale" ? (
        <p className="muted small">{t("surveys.builder.scaleHint")}</p>
      ) : null}
      {!locked ? (
        <div className="survey-question-actions">
          <button type="button" id={`${q.key}-up`} className="button button-quiet" disabled={index === 0} aria-label={t("surveys.builder.moveUp", { n: number })} onClick={() => props.onMove(-1)}>
            <ArrowUp size={18} aria-hidden="true" />
            {t("surveys.builder.up")}
          </button>
          <button
            type="button"
            id={`${q.key}-down`}
            className="button button-quiet"
            disabled={index === props.count - 1}
            aria-label={t("surveys.builder.moveDown", { n: number })}
            onClick={() => props.onMove(1)}
          >
            <ArrowDown size={18} aria-hidden="true" />
            {t("surveys.builder.down")}
          </button>
          {props.count > 1 ? (
            <button type="button" className="button button-quiet button-danger" aria-label={t("surveys.builder.removeQuestion", { n: number })} onClick={props.onRemove}>
              <Trash2 size={18} aria-hidden="true" />
              {t("surveys.builder.remove")}
            </button>
          ) : null}
        </div>
      ) : null}
    </fieldset>
  );
}
