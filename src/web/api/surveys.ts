/** The surveys API: one function per endpoint, typed with the shared zod schemas. */
import type { z } from "zod";
import type { Language } from "../../shared/schemas/accounts.js";
import type {
  AnswerSurveyBody,
  CreateSurveyBody,
  Survey,
  SurveyList,
  SurveyResults,
  SurveySummary,
  UpdateSurveyBody,
} from "../../shared/schemas/surveys.js";
import { API_BASE, apiRequest } from "./client.js";

export type { Survey, SurveyResults, SurveySummary };

// Under the group's key, so refreshing a group refreshes its surveys too.
export const surveysKey = (groupId: string) => ["groups", groupId, "surveys"] as const;
export const surveyKey = (groupId: string, surveyId: string) => ["groups", groupId, "surveys", surveyId] as const;
export const surveyResultsKey = (groupId: string, surveyId: string) => ["groups", groupId, "surveys", surveyId, "results"] as const;

const survey = (surveyId: string) => `/surveys/${encodeURIComponent(surveyId)}`;

export async function listSurveys(groupId: string): Promise<SurveySummary[]> {
  return (await apiRequest<z.infer<typeof SurveyList>>("GET", `/groups/${encodeURIComponent(groupId)}/surveys`)).surveys;
}

export async function createSurvey(groupId: string, body: CreateSurveyBody): Promise<Survey> {
  return (await apiRequest<{ survey: Survey }>("POST", `/groups/${encodeURIComponent(groupId)}/surveys`, { json: body })).survey;
}

export async function getSurvey(surveyId: string): Promise<Survey> {
  return (await apiRequest<{ survey: Survey }>("GET", survey(surveyId))).survey;
}

export async function updateSurvey(surveyId: string, body: UpdateSurveyBody): Promise<Survey> {
  return (await apiRequest<{ survey: Survey }>("PATCH", survey(surveyId), { json: body })).survey;
}

export function deleteSurvey(surveyId: string): Promise<void> {
  return apiRequest<void>("DELETE", survey(surveyId));
}

export async function openSurvey(surveyId: string): Promise<Survey> {
  return (await apiRequest<{ survey: Survey }>("POST", `${survey(surveyId)}/open`)).survey;
}

export async function closeSurvey(surveyId: string): Promise<Survey> {
  return (await apiRequest<{ survey: Survey }>("POST", `${survey(surveyId)}/close`)).survey;
}

/** Gives or replaces my answers (question id → answer). */
export async function answerSurvey(surveyId: string, answers: AnswerSurveyBody["answers"]): Promise<Survey> {
  return (await apiRequest<{ survey: Survey }>("PUT", `${survey(surveyId)}/response`, { json: { answers } })).survey;
}

export function getSurveyResults(surveyId: string): Promise<SurveyResults> {
  return apiRequest<SurveyResults>("GET", `${survey(surveyId)}/results`);
}

/** The CSV download's address (a plain link: the browser sends the session cookie). */
export const surveyCsvUrl = (surveyId: string, language: Language) => `${API_BASE}${survey(surveyId)}/results.csv?language=${language}`;
