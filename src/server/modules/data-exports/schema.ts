/** Route schemas of data exports ("download my data", issue 7). */
import { z } from "zod";
import { ErrorBody } from "../../../shared/errors.js";
import { GroupParams } from "../../../shared/schemas/groups.js";
import * as D from "../../../shared/schemas/data-exports.js";

const security = [{ session: [] }];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 429: ErrorBody };
const tags = ["data exports"];
const tooSoon = "One export per 24 hours per requester and subject: a second is 429 saying when the next is possible (Retry-After).";

export const list = {
  tags,
  summary: "The exports I requested, newest first, and when I may next export my own data",
  security,
  response: { 200: D.DataExportList, ...errors },
};
export const requestMine = {
  tags,
  summary: "Request an export of all my data (a ZIP built in the background; I am told in the feed and by e-mail when it is ready)",
  description: `${tooSoon} The file can be downloaded for 48 hours, with my own session only; then it is deleted.`,
  security,
  response: { 202: D.DataExportEnvelope, ...errors },
};
export const requestMember = {
  tags,
  summary: "Export a member's data in this organisation, on their request (administrators)",
  description: `Their loops (not anonymous ones), comments, survey answers (not anonymous surveys) and memberships in this organisation. ${tooSoon}`,
  security,
  params: D.OrgMemberParams,
  response: { 202: D.DataExportEnvelope, ...errors },
};
export const requestGroup = {
  tags,
  summary: "Export the whole group's information (its owner): loops (anonymous ones without sender), comments, tasks, posts and survey results",
  description: tooSoon,
  security,
  params: GroupParams,
  response: { 202: D.DataExportEnvelope, ...errors },
};
export const download = {
  tags,
  summary: "Download a ready export (only its requester, while it is valid)",
  security,
  params: D.DataExportParams,
  response: { 200: z.any().meta({ description: "The ZIP file." }), ...errors },
};
