/** Route schemas of the check-ins API. */
import { z } from "zod";
import { ErrorBody } from "../../../shared/errors.js";
import { GroupParams } from "../../../shared/schemas/groups.js";
import * as C from "../../../shared/schemas/checkins.js";

const security = [{ session: [] }];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 429: ErrorBody };
const noContent = z.null().meta({ description: "No content." });
const tags = ["checkins"];

export const listCheckins = {
  tags,
  summary: "The group's recurring check-ins (leaders), with the organisation's time zone",
  security,
  params: GroupParams,
  response: { 200: C.CheckinList, ...errors },
};
export const createCheckin = {
  tags,
  summary: "Set up a weekly check-in: a prompt, a weekday and time in the organisation's time zone, suggested tags (leaders)",
  security,
  params: GroupParams,
  body: C.CreateCheckinBody,
  response: { 201: C.CheckinEnvelope, ...errors },
};
export const updateCheckin = {
  tags,
  summary: "Edit a check-in's prompt, weekday, time or tags, or pause / resume it (leaders)",
  security,
  params: C.CheckinParams,
  body: C.UpdateCheckinBody,
  response: { 200: C.CheckinEnvelope, ...errors },
};
export const deleteCheckin = {
  tags,
  summary: "Delete a check-in and its occurrences (leaders); the loops that answered stay, unlinked",
  security,
  params: C.CheckinParams,
  response: { 204: noContent, ...errors },
};
export const listOccurrences = {
  tags,
  summary: "A check-in's occurrences, newest first, each with its answer count and emoji spread (leaders)",
  security,
  params: C.CheckinParams,
  querystring: C.OccurrenceListQuery,
  response: { 200: C.OccurrenceList, ...errors },
};
export const getOccurrence = {
  tags,
  summary: "One check-in occurrence: its prompt and suggested tags, for the loop composer",
  security,
  params: C.OccurrenceParams,
  response: { 200: C.CheckinOccurrenceEnvelope, ...errors },
};
