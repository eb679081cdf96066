/** Route schemas of erasure ("delete my account", issue 7). */
import { z } from "zod";
import { ErrorBody } from "../../../shared/errors.js";
import { OrgMemberParams } from "../../../shared/schemas/data-exports.js";
import * as E from "../../../shared/schemas/erasure.js";

const security = [{ session: [] }];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 429: ErrorBody };
const tags = ["erasure"];
const handOver = "409 owner_must_transfer naming the groups the person owns, or 409 last_admin naming the organisations whose only administrator they are: those are handed over first.";

export const preview = {
  tags,
  summary: "What deleting my account would erase and keep, and what I must hand over first",
  security,
  response: { 200: E.ErasurePreview, ...errors },
};
export const eraseMe = {
  tags,
  summary: "Delete my account: my profile, picture, e-mail, sessions, loops with their files and threads, survey answers, feed and settings are erased",
  description: `Needs the current password (400 wrong_password on the field; tries count against the account's sign-in limit, 429) and confirm: true. Every session ends at once. My comments on other people's loops are kept as "Deleted user" or removed, as each organisation chose; answers to closed anonymous surveys are detached from me instead of deleted. ${handOver}`,
  security,
  body: E.EraseMeBody,
  response: { 200: z.object({ erased: z.literal(true) }), ...errors },
};
export const eraseMember = {
  tags,
  summary: "Erase a member's data in this organisation (administrators; audited)",
  description: `Their loops, comments (kept as "Deleted user" or removed, per the organisation's setting), survey answers, feed and memberships here. When they belong to no other organisation or group, their whole account is erased. ${handOver}`,
  security,
  params: OrgMemberParams,
  body: E.EraseMemberBody,
  response: { 200: E.MemberErasure, ...errors },
};
