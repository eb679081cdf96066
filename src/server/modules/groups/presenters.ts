/** The only place that shapes groups output. */
import type { Actor } from "../../policies/index.js";
import type { GroupMemberRow } from "../../db/types.js";
import type { Group } from "../../../shared/schemas/groups.js";
import { pictureUrl } from "../accounts/presenters.js";
import { groupPolicy, memberPolicy, type GroupAccess } from "./policy.js";

export function presentGroup(actor: Actor, access: GroupAccess): Group {
  const { read: _read, ...abilities } = groupPolicy.abilities(actor, access);
  const g = access.group;
  return {
    id: g.id,
    organisationId: g.organisation_id,
    organisationName: access.organisationName,
    name: g.name,
    description: g.description,
    type: g.type,
    hasStudentMembers: g.has_student_members,
    roleTitles: { leader: { en: g.leader_title_en, sv: g.leader_title_sv }, sender: { en: g.sender_title_en, sv: g.sender_title_sv } },
    active: g.is_active,
    anonymousLoopsAllowed: g.anonymous_loops_enabled,
    retention: { period: g.retention_period, purpose: g.retention_purpose },
    ownerId: g.owner_id,
    myRole: access.role,
    isOwner: g.owner_id === actor.userId,
    createdAt: g.created_at,
    abilities,
  };
}

export function presentGroupMember(
  actor: Actor,
  access: GroupAccess,
  member: GroupMemberRow,
  card: { name: string; picture_key: string | null } | undefined,
) {
  const { read: _read, ...abilities } = memberPolicy.abilities(actor, { access, member });
  return {
    userId: member.user_id,
    name: card?.name ?? "",
    pictureUrl: card ? pictureUrl({ id: member.user_id, picture_key: card.picture_key }) : null,
    role: member.role,
    owner: member.user_id === access.group.owner_id,
    joinedAt: member.created_at,
    abilities,
  };
}
