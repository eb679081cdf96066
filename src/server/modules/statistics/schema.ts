/** Route schemas of the statistics API. */
import { ErrorBody } from "../../../shared/errors.js";
import { GroupParams } from "../../../shared/schemas/groups.js";
import { OrgParams } from "../../../shared/schemas/organisations.js";
import * as S from "../../../shared/schemas/statistics.js";

const security = [{ session: [] }];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const tags = ["statistics"];
const anonymity =
  "Whole weeks (Monday–Sunday) in the organisation's time zone. Anonymous loops count only through weekly atoms that come from at least " +
  "`minSenders` distinct people; a figure that leaves one out says `withheld`.";

export const group = {
  tags,
  summary: "The group dashboard (leaders and tutors): loops, comments, answers, emoji, tags, tasks and participation of a period",
  description: anonymity,
  security,
  params: GroupParams,
  querystring: S.GroupStatisticsQuery,
  response: { 200: S.GroupStatistics, ...errors },
};
export const mine = {
  tags,
  summary: "My own loops over a period (optionally in one group), anonymous ones included, and my task progress",
  security,
  querystring: S.MyStatisticsQuery,
  response: { 200: S.MyStatistics, ...errors },
};
export const organisation = {
  tags,
  summary: "The organisation dashboard (administrators): groups, members and loops per week, counts only",
  description: anonymity,
  security,
  params: OrgParams,
  querystring: S.StatisticsQuery,
  response: { 200: S.OrganisationStatistics, ...errors },
};
