/** Route schemas of the surveys API. */
import { z } from "zod";
import { ErrorBody } from "../../../shared/errors.js";
import { GroupParams } from "../../../shared/schemas/groups.js";
import * as S from "../../../shared/schemas/surveys.js";

const security = [{ session: [] }];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const noContent = z.null().meta({ description: "No content." });
const tags = ["surveys"];
const params = S.SurveyParams;

export const list = {
  tags,
  summary: "The group's surveys, newest first: open and closed ones for members, drafts and scheduled ones too for leaders",
  security,
  params: GroupParams,
  response: { 200: S.SurveyList, ...errors },
};
export const create = {
  tags,
  summary: "Create a survey (leaders): a draft, or scheduled by opensAt",
  security,
  params: GroupParams,
  body: S.CreateSurveyBody,
  response: { 201: S.SurveyEnvelope, ...errors },
};
export const get = { tags, summary: "One survey with its questions and my own answers", security, params, response: { 200: S.SurveyEnvelope, ...errors } };
export const update = {
  tags,
  summary: "Change a survey (leaders); 409 survey_locked for questions once answered, anonymity and opening once open",
  security,
  params,
  body: S.UpdateSurveyBody,
  response: { 200: S.SurveyEnvelope, ...errors },
};
export const remove = { tags, summary: "Delete a survey with its answers (leaders)", security, params, response: { 204: noContent, ...errors } };
export const open = {
  tags,
  summary: "Open the survey now (leaders); reopens a closed identified survey; 409 survey_closed for a closed anonymous one",
  security,
  params,
  response: { 200: S.SurveyEnvelope, ...errors },
};
export const close = { tags, summary: "Close the survey now (leaders); 409 survey_not_open before it opened", security, params, response: { 200: S.SurveyEnvelope, ...errors } };
export const answer = {
  tags,
  summary: "Give or replace my answers while the survey is open; 409 survey_not_open / survey_closed otherwise",
  security,
  params,
  body: S.AnswerSurveyBody,
  response: { 200: S.SurveyEnvelope, ...errors },
};
export const results = {
  tags,
  summary: "The results per question (leaders); an anonymous survey's only once closed with at least SURVEY_K respondents, and never per person",
  security,
  params,
  response: { 200: S.SurveyResults, ...errors },
};
export const resultsCsv = {
  tags,
  summary: "The results as CSV (leaders): one row per respondent for an identified survey, the aggregate table for an anonymous one",
  security,
  params,
  querystring: S.SurveyCsvQuery,
  response: { 200: z.any().meta({ description: "text/csv (UTF-8 with BOM), as a download." }), ...errors },
};
