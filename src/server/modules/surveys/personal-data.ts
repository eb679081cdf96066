/**
 * The surveys module's part of a data export (issue 7): a person's own answers, and a group's
 * survey results as its leaders see them (anonymous surveys under the same k rule).
 */
import type { DbOrTx } from "../../db/index.js";
import type { Actor } from "../../policies/index.js";
import type { GroupAccess } from "../groups/policy.js";
import { listUserCards } from "../accounts/queries.js";
import { pictureUrl } from "../accounts/presenters.js";
import { listAnswererIds } from "./commands.js";
import type { SurveyAccess } from "./policy.js";
import { presentResults } from "./presenters.js";
import { listQuestions, listSurveys, loadResponses, surveyAccessOf } from "./queries.js";

/** The survey's questions and results as its leaders see them (the results page, its CSV and the group export). */
export async function surveyResultsOf(db: DbOrTx, sa: SurveyAccess) {
  const { survey } = sa;
  const [questions, { responses, answers }, answerers] = await Promise.all([
    listQuestions(db, survey.organisation_id, [survey.id]),
    loadResponses(db, survey),
    listAnswererIds(db, sa.access.group),
  ]);
  // Names only for an identified survey: an anonymous one's results never look anyone up.
  const cards = survey.is_anonymous ? [] : await listUserCards(db, responses.flatMap((r) => (r.user_id ? [r.user_id] : [])));
  const people = new Map(cards.map((c) => [c.id, { id: c.id, name: c.name, pictureUrl: pictureUrl(c) }]));
  const rows = questions.get(survey.id) ?? [];
  return { rows, results: presentResults({ sa: { ...sa, respondents: responses.length }, questions: rows, responses, answers, answererCount: answerers.length, people }) };
}

/** Every survey of the group with its results, as the group's owner sees them. */
export async function groupSurveyResultsOf(db: DbOrTx, actor: Actor, access: GroupAccess, now: Date) {
  const surveys = await listSurveys(db, access.group.organisation_id, access.group.id);
  const out = [];
  for (const survey of surveys) {
    const sa = await surveyAccessOf(db, actor, access, survey, now);
    const { rows, results } = await surveyResultsOf(db, sa);
    out.push({ survey, questions: rows, results });
  }
  return out;
}

/** The person's own survey responses (optionally in one organisation): the survey, its questions and their answers. */
export async function surveyAnswersOf(db: DbOrTx, userId: string, organisationId?: string) {
  let q = db
    .selectFrom("survey_responses as r")
    .innerJoin("surveys as s", (j) => j.onRef("s.id", "=", "r.survey_id").onRef("s.organisation_id", "=", "r.organisation_id"))
    .select(["r.id as response_id", "r.organisation_id", "r.submitted_at", "r.updated_at", "s.id as survey_id", "s.title", "s.group_id", "s.is_anonymous"])
    .where("r.user_id", "=", userId);
  if (organisationId) q = q.where("r.organisation_id", "=", organisationId);
  const responses = await q.orderBy("r.submitted_at").execute();
  const out = [];
  for (const r of responses) {
    const [questions, answers] = await Promise.all([
      listQuestions(db, r.organisation_id, [r.survey_id]),
      db.selectFrom("survey_answers").select(["question_id", "value"]).where("organisation_id", "=", r.organisation_id).where("response_id", "=", r.response_id).execute(),
    ]);
    const byQuestion = new Map(answers.map((a) => [a.question_id, JSON.parse(a.value) as unknown]));
    out.push({
      ...r,
      answers: (questions.get(r.survey_id) ?? []).map((question) => ({
        prompt: question.prompt,
        kind: question.kind,
        options: JSON.parse(question.options) as string[],
        answer: byQuestion.has(question.id) ? byQuestion.get(question.id) : null,
      })),
    });
  }
  return out;
}
