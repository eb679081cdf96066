/** The organisations API: one function per endpoint, typed with the shared zod schemas. */
import type { z } from "zod";
import type {
  AuditEventList,
  AuditQuery,
  CreateOrganisationBody,
  GrantResult,
  Organisation,
  OrganisationList,
  OrganisationMemberList,
  SignInRuleChange,
  UpdatedOrganisation,
  UpdateOrganisationBody,
} from "../../shared/schemas/organisations.js";
import type { CreateGroupBody, Group, InvitationList, UpdateJoinCodeBody } from "../../shared/schemas/groups.js";
import { apiRequest } from "./client.js";
import type { JoinCode } from "./groups.js";

export type OrganisationMember = z.infer<typeof OrganisationMemberList>["members"][number];
export type AuditEvent = z.infer<typeof AuditEventList>["events"][number];
export type AuditFilter = z.input<typeof AuditQuery>;
export type Invitation = z.infer<typeof InvitationList>["invitations"][number];
export type GrantOutcome = z.infer<typeof GrantResult>["outcome"];

type OrganisationEnvelope = { organisation: Organisation };

const base = (orgId: string) => `/organisations/${encodeURIComponent(orgId)}`;

/** The organisations the signed-in user belongs to. */
export async function listOrganisations(): Promise<Organisation[]> {
  return (await apiRequest<z.infer<typeof OrganisationList>>("GET", "/organisations")).organisations;
}

export async function createOrganisation(body: z.input<typeof CreateOrganisationBody>): Promise<Organisation> {
  return (await apiRequest<OrganisationEnvelope>("POST", "/organisations", { json: body })).organisation;
}

export async function getOrganisation(orgId: string): Promise<Organisation> {
  return (await apiRequest<OrganisationEnvelope>("GET", base(orgId))).organisation;
}

export async function updateOrganisation(orgId: string, body: z.input<typeof UpdateOrganisationBody>): Promise<Organisation> {
  return (await apiRequest<OrganisationEnvelope>("PATCH", base(orgId), { json: body })).organisation;
}

/** Changes the organisation's sign-in rule; says how many members' sessions it ended. */
export async function updateSignInRule(orgId: string, signIn: z.input<typeof SignInRuleChange>): Promise<z.infer<typeof UpdatedOrganisation>> {
  return apiRequest<z.infer<typeof UpdatedOrganisation>>("PATCH", base(orgId), { json: { signIn } });
}

export async function listOrganisationMembers(orgId: string): Promise<OrganisationMember[]> {
  return (await apiRequest<z.infer<typeof OrganisationMemberList>>("GET", `${base(orgId)}/members`)).members;
}

export function addAdmin(orgId: string, email: string): Promise<void> {
  return apiRequest<void>("POST", `${base(orgId)}/admins`, { json: { email } });
}

export function removeAdmin(orgId: string, userId: string): Promise<void> {
  return apiRequest<void>("DELETE", `${base(orgId)}/admins/${encodeURIComponent(userId)}`);
}

/** "granted" when the address has an account, "invited" when an invitation e-mail went out. */
export async function addGroupCreator(orgId: string, email: string): Promise<GrantOutcome> {
  return (await apiRequest<z.infer<typeof GrantResult>>("POST", `${base(orgId)}/group-creators`, { json: { email } })).outcome;
}

export function removeGroupCreator(orgId: string, userId: string): Promise<void> {
  return apiRequest<void>("DELETE", `${base(orgId)}/group-creators/${encodeURIComponent(userId)}`);
}

export function getInviteCode(orgId: string): Promise<JoinCode> {
  return apiRequest<JoinCode>("GET", `${base(orgId)}/invite-code`);
}

export function rotateInviteCode(orgId: string): Promise<JoinCode> {
  return apiRequest<JoinCode>("POST", `${base(orgId)}/invite-code/rotate`);
}

export function updateInviteCode(orgId: string, body: z.input<typeof UpdateJoinCodeBody>): Promise<JoinCode> {
  return apiRequest<JoinCode>("PATCH", `${base(orgId)}/invite-code`, { json: body });
}

/** Pending invitations to become a group creator. */
export async function listOrganisationInvitations(orgId: string): Promise<Invitation[]> {
  return (await apiRequest<z.infer<typeof InvitationList>>("GET", `${base(orgId)}/invitations`)).invitations;
}

export function withdrawOrganisationInvitation(orgId: string, invitationId: string): Promise<void> {
  return apiRequest<void>("DELETE", `${base(orgId)}/invitations/${encodeURIComponent(invitationId)}`);
}

export async function listAuditEvents(orgId: string, filter: AuditFilter): Promise<AuditEvent[]> {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (value !== undefined && value !== "") query.set(key, String(value));
  }
  const search = query.size > 0 ? `?${query.toString()}` : "";
  return (await apiRequest<z.infer<typeof AuditEventList>>("GET", `${base(orgId)}/audit${search}`)).events;
}

export async function createGroup(orgId: string, body: z.input<typeof CreateGroupBody>): Promise<Group> {
  return (await apiRequest<{ group: Group }>("POST", `${base(orgId)}/groups`, { json: body })).group;
}
