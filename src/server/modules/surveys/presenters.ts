/**
 * The only place that shapes surveys and their results for output. Results of an anonymous
 * survey name no one and are shown only once it has closed with at least SURVEY_K respondents;
 * a question fewer than SURVEY_K answered is hidden on its own; free texts come in an order that
 * depends on the texts alone (not on who wrote them, nor when).
 */
import { createHash } from "node:crypto";
import type { SurveyQuestionRow } from "../../db/types.js";
import type { Actor } from "../../policies/index.js";
import type { Person } from "../../../shared/schemas/loops.js";
import {
  SCALE_MAX,
  SCALE_MIN,
  SURVEY_K,
  type AnswerValue,
  type MyResponse,
  type QuestionResult,
  type Survey,
  type SurveyQuestion,
  type SurveyResults,
  type SurveySummary,
} from "../../../shared/schemas/surveys.js";
import { surveyPolicy, type SurveyAccess } from "./policy.js";
import type { SurveyAnswerRow, SurveyResponseRow } from "./queries.js";

export interface SummaryFacts {
  questionCount: number;
  answered: boolean;
  /** Members who may answer; only passed for those who read the results. */
  answererCount: number | null;
}

export function presentSurveySummary(actor: Actor, sa: SurveyAccess, facts: SummaryFacts): SurveySummary {
  const { read: _read, ...abilities } = surveyPolicy.abilities(actor, sa);
  const row = sa.survey;
  return {
    id: row.id,
    groupId: row.group_id,
    title: row.title,
    anonymous: row.is_anonymous,
    state: sa.state,
    opensAt: row.opens_at,
    closesAt: row.closes_at,
    closedAt: row.closed_at,
    createdAt: row.created_at,
    questionCount: facts.questionCount,
    answered: facts.answered,
    respondentCount: abilities.readResults ? (sa.respondents ?? 0) : null,
    answererCount: abilities.readResults ? facts.answererCount : null,
    abilities,
  };
}

export const presentQuestion = (q: SurveyQuestionRow): SurveyQuestion => ({
  id: q.id,
  kind: q.kind,
  prompt: q.prompt,
  required: q.is_required,
  options: JSON.parse(q.options) as string[],
});

const answersOf = (rows: readonly SurveyAnswerRow[]) => Object.fromEntries(rows.map((a) => [a.question_id, JSON.parse(a.value) as AnswerValue]));

export function presentSurvey(
  actor: Actor,
  sa: SurveyAccess,
  facts: { questions: SurveyQuestionRow[]; mine: { response: SurveyResponseRow; answers: SurveyAnswerRow[] } | undefined; answererCount: number | null },
): Survey {
  const mine: MyResponse | null = facts.mine
    ? { answers: answersOf(facts.mine.answers), submittedAt: facts.mine.response.submitted_at, updatedAt: facts.mine.response.updated_at }
    : null;
  return {
    ...presentSurveySummary(actor, sa, { questionCount: facts.questions.length, answered: mine !== null, answererCount: facts.answererCount }),
    description: sa.survey.description,
    questions: facts.questions.map(presentQuestion),
    myResponse: mine,
  };
}

const percent = (count: number, of: number) => (of === 0 ? 0 : Math.round((count / of) * 1000) / 10);
/** A stable order that depends on the question and the text only. */
const shuffleKey = (questionId: string, text: string) => createHash("sha256").update(`${questionId}\n${text}`).digest("hex");

export interface ResultsInput {
  sa: SurveyAccess;
  questions: SurveyQuestionRow[];
  responses: SurveyResponseRow[];
  answers: SurveyAnswerRow[];
  answererCount: number;
  /** Respondents' cards (identified surveys only). */
  people: Map<string, Person>;
}

/** The results as the survey's leaders see them (design.md §7.3, §7.4 for anonymous surveys). */
export function presentResults({ sa, questions, responses, answers, answererCount, people }: ResultsInput): SurveyResults {
  const anonymous = sa.survey.is_anonymous;
  const respondentCount = responses.length;
  const hidden = !anonymous ? null : respondentCount < SURVEY_K ? "too_few" : sa.state !== "closed" ? "until_closed" : null;
  const base = { surveyId: sa.survey.id, anonymous, state: sa.state, k: SURVEY_K, respondentCount, answererCount };
  if (hidden) return { ...base, hidden, questions: [], responses: null };

  const responseById = new Map(responses.map((r) => [r.id, r]));
  const byQuestion = new Map<string, Array<{ value: AnswerValue; userId: string | null }>>(questions.map((q) => [q.id, []]));
  for (const a of answers) {
    const response = responseById.get(a.response_id);
    if (response) byQuestion.get(a.question_id)?.push({ value: JSON.parse(a.value) as AnswerValue, userId: response.user_id });
  }
  const results = questions.map((q): QuestionResult => {
    const given = byQuestion.get(q.id) ?? [];
    const question = presentQuestion(q);
    const answeredCount = given.length;
    const questionHidden = anonymous && answeredCount < SURVEY_K;
    const empty = { ...question, answeredCount, hidden: questionHidden, distribution: [], average: null, textAnswers: [] };
    if (questionHidden) return empty;
    if (q.kind === "text") {
      const texts = given.map((g) => ({ text: String(g.value), respondent: anonymous || !g.userId ? null : (people.get(g.userId) ?? null) }));
      if (anonymous) texts.sort((a, b) => shuffleKey(q.id, a.text).localeCompare(shuffleKey(q.id, b.text)));
      else texts.sort((a, b) => (a.respondent?.name ?? "").localeCompare(b.respondent?.name ?? ""));
      return { ...empty, textAnswers: texts };
    }
    const scale = q.kind === "scale";
    const values = scale ? Array.from({ length: SCALE_MAX - SCALE_MIN + 1 }, (_, i) => SCALE_MIN + i) : question.options.map((_, i) => i);
    const counts = new Map(values.map((v) => [v, 0]));
    for (const g of given) for (const v of Array.isArray(g.value) ? g.value : [g.value]) if (typeof v === "number" && counts.has(v)) counts.set(v, counts.get(v)! + 1);
    const distribution = values.map((value) => ({ value, label: scale ? String(value) : question.options[value]!, count: counts.get(value)!, percent: percent(counts.get(value)!, answeredCount) }));
    const sum = scale ? given.reduce((s, g) => s + (typeof g.value === "number" ? g.value : 0), 0) : 0;
    return { ...empty, distribution, average: scale && answeredCount > 0 ? Math.round((sum / answeredCount) * 10) / 10 : null };
  });
  const answersByResponse = new Map<string, SurveyAnswerRow[]>();
  for (const a of answers) answersByResponse.set(a.response_id, [...(answersByResponse.get(a.response_id) ?? []), a]);
  const perPerson = anonymous
    ? null
    : responses
        .map((r) => ({
          // An identified survey's responses always have their person (only anonymous ones are ever detached).
          respondent: people.get(r.user_id ?? "") ?? { id: r.user_id ?? "", name: "", pictureUrl: null },
          submittedAt: r.submitted_at,
          updatedAt: r.updated_at,
          answers: answersOf(answersByResponse.get(r.id) ?? []),
        }))
        .sort((a, b) => a.respondent.name.localeCompare(b.respondent.name));
  return { ...base, hidden: null, questions: results, responses: perPerson };
}
