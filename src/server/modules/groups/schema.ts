/** Route schemas of the groups API. */
import { z } from "zod";
import { ErrorBody } from "../../../shared/errors.js";
import * as G from "../../../shared/schemas/groups.js";

const security = [{ session: [] }];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 429: ErrorBody };
const noContent = z.null().meta({ description: "No content." });
const tags = ["groups"];
const P = G.GroupParams;

export const listMine = { tags, summary: "My groups (and, for administrators, their organisations' groups)", security, response: { 200: G.GroupList, ...errors } };
export const get = { tags, summary: "One group", security, params: P, response: { 200: G.GroupEnvelope, ...errors } };
export const update = { tags, summary: "Change a group's name, description, type, student flag or role titles", security, params: P, body: G.UpdateGroupBody, response: { 200: G.GroupEnvelope, ...errors } };
export const inactivate = { tags, summary: "Inactivate a group (hidden from members, read-only)", security, params: P, response: { 200: G.GroupEnvelope, ...errors } };
export const reactivate = { tags, summary: "Reactivate a group", security, params: P, response: { 200: G.GroupEnvelope, ...errors } };
export const transfer = { tags, summary: "Hand the group to another leader", security, params: P, body: G.TransferBody, response: { 200: G.GroupEnvelope, ...errors } };
export const members = { tags, summary: "The group's members and roles", security, params: P, response: { 200: G.GroupMemberList, ...errors } };
export const changeRole = { tags, summary: "Change a member's role (owner)", security, params: G.GroupMemberParams, body: G.ChangeRoleBody, response: { 204: noContent, ...errors } };
export const removeMember = { tags, summary: "Remove a member (owner); the owner transfers first", security, params: G.GroupMemberParams, response: { 204: noContent, ...errors } };
export const leave = { tags, summary: "Leave the group (the owner transfers first)", security, params: P, response: { 204: noContent, ...errors } };
export const codes = { tags, summary: "The group's join codes and links", security, params: P, response: { 200: G.JoinCodeList, ...errors } };
export const rotateCode = { tags, summary: "Replace a join code with a new one", security, params: G.CodePurposeParams, response: { 200: G.JoinCode, ...errors } };
export const updateCode = { tags, summary: "Switch a join code on or off, or set its expiry", security, params: G.CodePurposeParams, body: G.UpdateJoinCodeBody, response: { 200: G.JoinCode, ...errors } };
export const codeQr = {
  tags,
  summary: "The join link as a QR code (image/svg+xml), for a classroom projector",
  security,
  params: G.CodePurposeParams,
  response: { 200: z.any().meta({ description: "image/svg+xml" }), ...errors },
};
export const invitations = { tags, summary: "Pending e-mail invitations of the group", security, params: P, response: { 200: G.InvitationList, ...errors } };
export const invite = { tags, summary: "Invite someone by e-mail with a role", security, params: P, body: G.InviteBody, response: { 201: G.Invitation, ...errors } };
export const revokeInvitation = { tags, summary: "Withdraw a pending invitation", security, params: G.InvitationParams, response: { 204: noContent, ...errors } };
export const join = {
  tags: ["joining"],
  summary: "Join with a code (a group's sender or leader code, or an organisation's group-creator code)",
  description: "Idempotent. A wrong, expired or switched-off code gets 400 invalid_code; repeated tries get 429.",
  security,
  body: G.JoinBody,
  response: { 200: G.JoinResult, ...errors },
};
export const acceptInvitation = { tags: ["joining"], summary: "Accept an e-mail invitation with the signed-in account", security, body: G.AcceptInvitationBody, response: { 200: G.JoinResult, ...errors } };
