/** The groups and joining API: one function per endpoint, typed with the shared zod schemas. */
import type { z } from "zod";
import type {
  Group,
  GroupList,
  GroupMemberList,
  GroupRole,
  InvitationList,
  InviteBody,
  JoinCode,
  JoinCodeList,
  JoinResult,
  UpdateGroupBody,
  UpdateJoinCodeBody,
} from "../../shared/schemas/groups.js";
import { API_BASE, apiRequest } from "./client.js";
import type { Invitation } from "./organisations.js";

export type GroupMember = z.infer<typeof GroupMemberList>["members"][number];
export type GroupRoleName = z.infer<typeof GroupRole>;
export type JoinCode = z.infer<typeof JoinCode>;
export type JoinResult = z.infer<typeof JoinResult>;
/** The codes a group hands out: one that makes senders, one that makes leaders. */
export type GroupCodePurpose = "sender" | "leader";

type GroupEnvelope = { group: Group };

const base = (groupId: string) => `/groups/${encodeURIComponent(groupId)}`;

/** My groups; organisation administrators also get their organisations' groups. */
export async function listGroups(): Promise<Group[]> {
  return (await apiRequest<z.infer<typeof GroupList>>("GET", "/groups")).groups;
}

export async function getGroup(groupId: string): Promise<Group> {
  return (await apiRequest<GroupEnvelope>("GET", base(groupId))).group;
}

export async function updateGroup(groupId: string, body: z.input<typeof UpdateGroupBody>): Promise<Group> {
  return (await apiRequest<GroupEnvelope>("PATCH", base(groupId), { json: body })).group;
}

export async function setGroupActive(groupId: string, active: boolean): Promise<Group> {
  return (await apiRequest<GroupEnvelope>("POST", `${base(groupId)}/${active ? "reactivate" : "inactivate"}`)).group;
}

export async function transferGroup(groupId: string, userId: string): Promise<Group> {
  return (await apiRequest<GroupEnvelope>("POST", `${base(groupId)}/transfer`, { json: { userId } })).group;
}

export async function listGroupMembers(groupId: string): Promise<GroupMember[]> {
  return (await apiRequest<z.infer<typeof GroupMemberList>>("GET", `${base(groupId)}/members`)).members;
}

export function changeMemberRole(groupId: string, userId: string, role: GroupRoleName): Promise<void> {
  return apiRequest<void>("PATCH", `${base(groupId)}/members/${encodeURIComponent(userId)}`, { json: { role } });
}

export function removeMember(groupId: string, userId: string): Promise<void> {
  return apiRequest<void>("DELETE", `${base(groupId)}/members/${encodeURIComponent(userId)}`);
}

export function leaveGroup(groupId: string): Promise<void> {
  return apiRequest<void>("POST", `${base(groupId)}/leave`);
}

export async function listJoinCodes(groupId: string): Promise<JoinCode[]> {
  return (await apiRequest<z.infer<typeof JoinCodeList>>("GET", `${base(groupId)}/codes`)).codes;
}

/** Replaces the code (creating it when the group has none for this purpose). */
export function rotateJoinCode(groupId: string, purpose: GroupCodePurpose): Promise<JoinCode> {
  return apiRequest<JoinCode>("POST", `${base(groupId)}/codes/${purpose}/rotate`);
}

export function updateJoinCode(groupId: string, purpose: GroupCodePurpose, body: z.input<typeof UpdateJoinCodeBody>): Promise<JoinCode> {
  return apiRequest<JoinCode>("PATCH", `${base(groupId)}/codes/${purpose}`, { json: body });
}

/**
 * The join link as a QR image from our own origin. The code is added to the address so that a
 * rotated code makes the browser fetch the new picture instead of reusing the old one.
 */
export function joinCodeQrUrl(groupId: string, purpose: GroupCodePurpose, code: string): string {
  return `${API_BASE}${base(groupId)}/codes/${purpose}/qr.svg?v=${encodeURIComponent(code)}`;
}

export async function listGroupInvitations(groupId: string): Promise<Invitation[]> {
  return (await apiRequest<z.infer<typeof InvitationList>>("GET", `${base(groupId)}/invitations`)).invitations;
}

export function inviteToGroup(groupId: string, body: z.input<typeof InviteBody>): Promise<Invitation> {
  return apiRequest<Invitation>("POST", `${base(groupId)}/invitations`, { json: body });
}

export function withdrawGroupInvitation(groupId: string, invitationId: string): Promise<void> {
  return apiRequest<void>("DELETE", `${base(groupId)}/invitations/${encodeURIComponent(invitationId)}`);
}

/** Joins what a code opens (a group, or the organisation as group creator). */
export function joinWithCode(code: string): Promise<JoinResult> {
  return apiRequest<JoinResult>("POST", "/join", { json: { code } });
}

export function acceptInvitation(token: string): Promise<JoinResult> {
  return apiRequest<JoinResult>("POST", "/invitations/accept", { json: { token } });
}
