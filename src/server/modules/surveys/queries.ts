/** Reads of the surveys module's tables. Every query after the first lookup by id carries the tenant key. */
import type { Selectable } from "kysely";
import type { DbOrTx } from "../../db/index.js";
import type { Actor } from "../../policies/index.js";
import type { SurveyAnswersTable, SurveyQuestionRow, SurveyResponsesTable, SurveyRow } from "../../db/types.js";
import type { SurveyState } from "../../../shared/schemas/surveys.js";
import { groupPolicy, type GroupAccess } from "../groups/policy.js";
import { loadGroupAccess } from "../groups/queries.js";
import type { SurveyAccess } from "./policy.js";

export type SurveyResponseRow = Selectable<SurveyResponsesTable>;
export type SurveyAnswerRow = Selectable<SurveyAnswersTable>;

/** The survey's state at `now`: a closing time reached closes it as surely as the button. */
export function surveyState(s: Pick<SurveyRow, "opens_at" | "closes_at" | "closed_at">, now: Date): SurveyState {
  if (s.opens_at === null) return "draft";
  const at = now.toISOString();
  if (s.closed_at !== null || (s.closes_at !== null && s.closes_at <= at)) return "closed";
  return s.opens_at > at ? "scheduled" : "open";
}

export function findSurvey(db: DbOrTx, surveyId: string): Promise<SurveyRow | undefined> {
  return db.selectFrom("surveys").selectAll().where("id", "=", surveyId).executeTakeFirst();
}

/** The survey with the viewer's standing in its group; respondents are counted for its leaders. */
export async function loadSurveyAccess(db: DbOrTx, surveyId: string, actor: Actor, now: Date): Promise<SurveyAccess | undefined> {
  const survey = await findSurvey(db, surveyId);
  const access = survey && (await loadGroupAccess(db, survey.group_id, actor.userId));
  if (!survey || !access) return undefined;
  return surveyAccessOf(db, actor, access, survey, now);
}

/** The policy's resource for a survey of a group already loaded. */
export async function surveyAccessOf(db: DbOrTx, actor: Actor, access: GroupAccess, survey: SurveyRow, now: Date, counts?: Map<string, number>): Promise<SurveyAccess> {
  const leads = groupPolicy.can(actor, "publish", access);
  const respondents = !leads ? undefined : ((counts ?? (await countRespondents(db, survey.organisation_id, [survey.id]))).get(survey.id) ?? 0);
  return { survey, access, state: surveyState(survey, now), respondents };
}

/** The group's surveys, newest first. */
export function listSurveys(db: DbOrTx, organisationId: string, groupId: string): Promise<SurveyRow[]> {
  return db
    .selectFrom("surveys")
    .selectAll()
    .where("organisation_id", "=", organisationId)
    .where("group_id", "=", groupId)
    .orderBy("created_at", "desc")
    .orderBy("id")
    .execute();
}

/** The questions of the surveys, in order, by survey id. */
export async function listQuestions(db: DbOrTx, organisationId: string, surveyIds: readonly string[]): Promise<Map<string, SurveyQuestionRow[]>> {
  const bySurvey = new Map<string, SurveyQuestionRow[]>(surveyIds.map((id) => [id, []]));
  if (surveyIds.length === 0) return bySurvey;
  const rows = await db
    .selectFrom("survey_questions")
    .selectAll()
    .where("organisation_id", "=", organisationId)
    .where("survey_id", "in", [...new Set(surveyIds)])
    .orderBy("position")
    .execute();
  for (const q of rows) bySurvey.get(q.survey_id)?.push(q);
  return bySurvey;
}

/** Distinct respondents per survey (one response row per member and survey). */
export async function countRespondents(db: DbOrTx, organisationId: string, surveyIds: readonly string[]): Promise<Map<string, number>> {
  if (surveyIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("survey_responses")
    .select(["survey_id", (eb) => eb.fn.countAll<number>().as("count")])
    .where("organisation_id", "=", organisationId)
    .where("survey_id", "in", [...new Set(surveyIds)])
    .groupBy("survey_id")
    .execute();
  return new Map(rows.map((r) => [r.survey_id, Number(r.count)]));
}

/** Which of the surveys the user has answered. */
export async function answeredBy(db: DbOrTx, organisationId: string, surveyIds: readonly string[], userId: string): Promise<Set<string>> {
  if (surveyIds.length === 0) return new Set();
  const rows = await db
    .selectFrom("survey_responses")
    .select("survey_id")
    .where("organisation_id", "=", organisationId)
    .where("survey_id", "in", [...new Set(surveyIds)])
    .where("user_id", "=", userId)
    .execute();
  return new Set(rows.map((r) => r.survey_id));
}

/** The user's own response to the survey with its answers, or undefined. */
export async function findMyResponse(db: DbOrTx, survey: SurveyRow, userId: string): Promise<{ response: SurveyResponseRow; answers: SurveyAnswerRow[] } | undefined> {
  const response = await db
    .selectFrom("survey_responses")
    .selectAll()
    .where("organisation_id", "=", survey.organisation_id)
    .where("survey_id", "=", survey.id)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  if (!response) return undefined;
  const answers = await db.selectFrom("survey_answers").selectAll().where("organisation_id", "=", survey.organisation_id).where("response_id", "=", response.id).execute();
  return { response, answers };
}

/** Every response of the survey and every answer in them (for the results). */
export async function loadResponses(db: DbOrTx, survey: SurveyRow): Promise<{ responses: SurveyResponseRow[]; answers: SurveyAnswerRow[] }> {
  const responses = await db
    .selectFrom("survey_responses")
    .selectAll()
    .where("organisation_id", "=", survey.organisation_id)
    .where("survey_id", "=", survey.id)
    .orderBy("id")
    .execute();
  const answers = await db
    .selectFrom("survey_answers as a")
    .innerJoin("survey_responses as r", (j) => j.onRef("r.id", "=", "a.response_id").onRef("r.organisation_id", "=", "a.organisation_id"))
    .selectAll("a")
    .where("r.organisation_id", "=", survey.organisation_id)
    .where("r.survey_id", "=", survey.id)
    .execute();
  return { responses, answers };
}

/** Surveys whose opening time has come and whose members have not been told yet. */
export function listDueAnnouncements(db: DbOrTx, now: Date, limit = 100): Promise<SurveyRow[]> {
  return db
    .selectFrom("surveys")
    .selectAll()
    .where("is_announced", "=", false)
    .where("opens_at", "is not", null)
    .where("opens_at", "<=", now.toISOString())
    .orderBy("opens_at")
    .limit(limit)
    .execute();
}
