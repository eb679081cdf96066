/**
 * A survey's results for its leaders: per question a bar chart (drawn with HTML, hidden from
 * screen readers) and, always visible, the same numbers as a table; free-text answers as a list;
 * for an identified survey who answered what. An anonymous survey's results wait, in calm words,
 * until it has closed with enough answers. The CSV download carries the same.
 */
import { useTranslation } from "react-i18next";
import { useQuery } from "@tanstack/react-query";
import { Download, EyeOff } from "lucide-react";
import { SURVEY_K, type AnswerValue, type QuestionResult, type SurveyQuestion } from "../../shared/schemas/surveys.js";
import { getSurveyResults, surveyCsvUrl, surveyResultsKey, type Survey, type SurveyResults as Results } from "../api/surveys.js";
import { currentLanguage } from "../i18n/index.js";
import { formatDateTime, formattingLocale } from "../lib/format.js";
import { QueryView } from "./Messages.js";

export function SurveyResults({ survey }: { survey: Survey }) {
  const { t } = useTranslation();
  const results = useQuery({ queryKey: surveyResultsKey(survey.groupId, survey.id), queryFn: () => getSurveyResults(survey.id) });
  return (
    <section className="card survey-results" aria-labelledby="survey-results-title">
      <div className="card-header survey-results-header">
        <h2 id="survey-results-title">{t("surveys.results.title")}</h2>
        {survey.abilities.export ? (
          <a className="button" href={surveyCsvUrl(survey.id, currentLanguage())} download>
            <Download size={18} aria-hidden="true" />
            {t("surveys.results.csv")}
          </a>
        ) : null}
      </div>
      <QueryView query={results}>{(r) => <ResultsBody survey={survey} results={r} />}</QueryView>
    </section>
  );
}

function ResultsBody({ survey, results }: { survey: Survey; results: Results }) {
  const { t } = useTranslation();
  const locale = formattingLocale(currentLanguage());
  return (
    <div className="stack">
      <p>{t("surveys.respondents", { count: results.respondentCount, members: results.answererCount })}</p>
      {results.hidden ? (
        <div className="empty-state survey-hidden">
          <span className="empty-state-icon" aria-hidden="true">
            <EyeOff size={28} />
          </span>
          <p>
            {results.hidden === "too_few"
              ? t("surveys.results.tooFew", { k: results.k, count: results.respondentCount })
              : t("surveys.results.untilClosed", { k: results.k, count: results.respondentCount })}
          </p>
        </div>
      ) : results.respondentCount === 0 ? (
        <p className="muted">{t("surveys.results.none")}</p>
      ) : (
        <>
          <ol className="survey-result-list">
            {results.questions.map((q, i) => (
              <li key={q.id} className="survey-result">
                <QuestionResultView q={q} number={i + 1} locale={locale} anonymous={results.anonymous} />
              </li>
            ))}
          </ol>
          {results.responses ? <PerPerson survey={survey} responses={results.responses} locale={locale} /> : null}
        </>
      )}
    </div>
  );
}

function QuestionResultView({ q, number, locale, anonymous }: { q: QuestionResult; number: number; locale: string; anonymous: boolean }) {
  const { t } = useTranslation();
  const headingId = `result-${q.id}`;
  const percent = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId}>
        <span className="survey-question-number">{t("surveys.answer.questionN", { n: number })}</span> {q.prompt}
      </h3>
      <p className="muted small">
        {t("surveys.results.answered", { count: q.answeredCount })}
        {q.average !== null ? ` · ${t("surveys.results.average", { value: percent.format(q.average) })}` : null}
      </p>
      {q.hidden ? (
        <p className="muted">{t("surveys.results.questionHidden", { k: SURVEY_K })}</p>
      ) : q.kind === "text" ? (
        q.textAnswers.length === 0 ? null : (
          <ul className="survey-text-answers">
            {q.textAnswers.map((a, i) => (
              <li key={i}>
                {a.respondent ? <span className="survey-text-author">{a.respondent.name}: </span> : null}
                <span className="survey-text">{a.text}</span>
              </li>
            ))}
          </ul>
        )
      ) : (
        <>
          <div className="survey-bars" aria-hidden="true">
            {q.distribution.map((d) => (
              <div key={d.value} className="survey-bar-row">
                <span className="survey-bar-label">{d.label}</span>
                {/* SVG attributes, not a style attribute: the CSP allows no inline styles. */}
                <svg className="survey-bar-track" viewBox="0 0 100 10" preserveAspectRatio="none" focusable="false">
                  <rect className="survey-bar" x="0" y="0" width={d.percent} height="10" />
                </svg>
                <span className="survey-bar-value">{d.count}</span>
              </div>
            ))}
          </div>
          <div className="table-scroll">
            <table className="table survey-table">
              <caption className="visually-hidden">{t("surveys.results.tableCaption", { question: q.prompt })}</caption>
              <thead>
                <tr>
                  <th scope="col">{q.kind === "scale" ? t("surveys.results.value") : t("surveys.results.choice")}</th>
                  <th scope="col">{t("surveys.results.count")}</th>
                  <th scope="col">{t("surveys.results.percent")}</th>
                </tr>
              </thead>
              <tbody>
                {q.distribution.map((d) => (
                  <tr key={d.value}>
                    <th scope="row">{d.label}</th>
                    <td>{d.count}</td>
                    <td>{percent.format(d.percent)} %</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {q.kind === "multiple" ? <p className="muted small">{t("surveys.results.multipleNote")}</p> : null}
        </>
      )}
      {anonymous && q.kind === "text" && !q.hidden ? <p className="muted small">{t("surveys.results.textOrder")}</p> : null}
    </section>
  );
}

function answerText(q: SurveyQuestion, v: AnswerValue | undefined): string {
  if (v === undefined) return "";
  if (q.kind === "single" && typeof v === "number") return q.options[v] ?? "";
  if (q.kind === "multiple" && Array.isArray(v)) return v.map((i) => q.options[i] ?? "").join(", ");
  return String(v);
}

function PerPerson({ survey, responses, locale }: { survey: Survey; responses: NonNullable<Results["responses"]>; locale: string }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="survey-per-person">
      <h3 id="survey-per-person">{t("surveys.results.perPerson")}</h3>
      {/* Wider than a phone: the region scrolls, and takes focus so a keyboard can scroll it. */}
      <div className="table-scroll" role="region" aria-labelledby="survey-per-person" tabIndex={0}>
        <table className="table survey-table survey-table-wide">
          <thead>
            <tr>
              <th scope="col">{t("surveys.results.name")}</th>
              {survey.questions.map((q, i) => (
                <th scope="col" key={q.id}>
                  {t("surveys.answer.questionN", { n: i + 1 })}
                  <span className="visually-hidden">: {q.prompt}</span>
                </th>
              ))}
              <th scope="col">{t("surveys.results.changedAt")}</th>
            </tr>
          </thead>
          <tbody>
            {responses.map((r) => (
              <tr key={r.respondent.id}>
                <th scope="row">{r.respondent.name}</th>
                {survey.questions.map((q) => (
                  <td key={q.id}>{answerText(q, r.answers[q.id])}</td>
                ))}
                <td>{formatDateTime(r.updatedAt, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
