/** Route schemas of the organisations API. */
import { z } from "zod";
import { ErrorBody } from "../../../shared/errors.js";
import * as O from "../../../shared/schemas/organisations.js";
import * as G from "../../../shared/schemas/groups.js";
import { Language } from "../../../shared/schemas/accounts.js";

const security = [{ session: [] }];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 429: ErrorBody };
const noContent = z.null().meta({ description: "No content." });
const tags = ["organisations"];

export const listMine = { tags, summary: "My organisations", security, response: { 200: O.OrganisationList, ...errors } };
export const create = {
  tags,
  summary: "Create an organisation (the creator becomes its administrator)",
  description: "With ORG_CREATION=admin only the instance administrator may create organisations (403 otherwise).",
  security,
  body: O.CreateOrganisationBody,
  response: { 201: O.OrganisationEnvelope, ...errors },
};
export const get = { tags, summary: "One organisation", security, params: O.OrgParams, response: { 200: O.OrganisationEnvelope, ...errors } };
export const update = {
  tags,
  summary: "Change an organisation's settings (administrators)",
  description:
    "signIn changes the sign-in rule: at least one method stays on; the provider alone or a required domain needs a configured provider (400 naming the field); " +
    "the administrator's own session must meet the new rule (400 sign_in_method_not_allowed on signIn); members' sessions that break it end (sessionsEnded).",
  security,
  params: O.OrgParams,
  body: O.UpdateOrganisationBody,
  response: { 200: O.UpdatedOrganisation, ...errors },
};
export const members = { tags, summary: "Members with their groups and roles (administrators)", security, params: O.OrgParams, response: { 200: O.OrganisationMemberList, ...errors } };
export const addAdmin = { tags, summary: "Make an existing account an administrator", security, params: O.OrgParams, body: O.EmailBody, response: { 204: noContent, ...errors } };
export const removeAdmin = { tags, summary: "Remove an administrator (never the last one: 409 last_admin)", security, params: O.OrgUserParams, response: { 204: noContent, ...errors } };
export const addGroupCreator = {
  tags,
  summary: "Give the group-creator right by e-mail",
  description: "An existing account gets it at once; an unknown address gets an invitation e-mail.",
  security,
  params: O.OrgParams,
  body: O.EmailBody,
  response: { 200: O.GrantResult, ...errors },
};
export const removeGroupCreator = { tags, summary: "Take the group-creator right away", security, params: O.OrgUserParams, response: { 204: noContent, ...errors } };
export const getInviteCode = { tags, summary: "The organisation's group-creator invitation code", security, params: O.OrgParams, response: { 200: G.JoinCode, ...errors } };
export const rotateInviteCode = { tags, summary: "Replace the invitation code with a new one", security, params: O.OrgParams, response: { 200: G.JoinCode, ...errors } };
export const updateInviteCode = { tags, summary: "Switch the invitation code on or off, or set its expiry", security, params: O.OrgParams, body: G.UpdateJoinCodeBody, response: { 200: G.JoinCode, ...errors } };
export const listInvitations = { tags, summary: "Pending group-creator invitations", security, params: O.OrgParams, response: { 200: G.InvitationList, ...errors } };
export const revokeInvitation = { tags, summary: "Withdraw a pending group-creator invitation", security, params: z.object({ orgId: O.OrgParams.shape.orgId, invitationId: G.InvitationParams.shape.invitationId }), response: { 204: noContent, ...errors } };
export const audit = { tags, summary: "The organisation's audit log (administrators)", security, params: O.OrgParams, querystring: O.AuditQuery, response: { 200: O.AuditEventList, ...errors } };
export const auditCsv = {
  tags,
  summary: "The organisation's audit log as CSV (UTF-8 with BOM), as a download (administrators; the export is audited)",
  description: "Every event the filters match, newest first. Text that a spreadsheet would read as a formula starts with an apostrophe.",
  security,
  params: O.OrgParams,
  querystring: O.AuditQuery.omit({ limit: true }).extend({ language: Language.default("en").meta({ description: "The language of the headings." }) }),
  response: { 200: z.any().meta({ description: "text/csv (UTF-8 with BOM), as a download." }), ...errors },
};
export const createGroup = { tags: ["groups"], summary: "Create a group in the organisation (group creators)", security, params: O.OrgParams, body: G.CreateGroupBody, response: { 201: G.GroupEnvelope, ...errors } };
