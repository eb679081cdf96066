/**
 * Who may do what in a group. The resource carries the actor's own role in the group and their
 * organisation standing, loaded once per request.
 */
import { and, definePolicy, type Rule } from "../../policies/index.js";
import type { GroupMemberRow, GroupRow } from "../../db/types.js";

export interface GroupAccess {
  group: GroupRow;
  organisationName: string;
  /** The actor's role in this group, or null. */
  role: GroupMemberRow["role"] | null;
  /** The actor administers the group's organisation. */
  isOrgAdmin: boolean;
}

export const GROUP_ACTIONS = ["read", "update", "readMembers", "manageMembers", "invite", "inviteLeaders", "transfer", "setActive", "leave", "manageTasks", "sendLoop", "sendAnonymous", "readLoops", "publish", "readPosts", "readStatistics", "readRetentionQueue", "exportGroup"] as const;
export type GroupAction = (typeof GROUP_ACTIONS)[number];
export const groupPolicy = definePolicy<GroupAccess, GroupAction>("group", GROUP_ACTIONS, (g) => ({
  id: g.group.id,
  organisationId: g.group.organisation_id,
}));

const isOwner: Rule<GroupAccess> = (actor, g) => g.group.owner_id === actor.userId;
const isOrgAdmin: Rule<GroupAccess> = (_actor, g) => g.isOrgAdmin;
const isActive: Rule<GroupAccess> = (_actor, g) => g.group.is_active;
const isMember: Rule<GroupAccess> = (_actor, g) => g.role !== null;
const isLeader: Rule<GroupAccess> = (_actor, g) => g.role === "leader" || g.role === "tutor";
const isFlatPeer: Rule<GroupAccess> = (_actor, g) => g.group.type === "flat" && g.role !== null;

// An inactive group disappears for its members; its owner and the organisation's
// administrators still see it, to reactivate it.
groupPolicy.allow("read", and(isMember, isActive));
groupPolicy.allow("read", isOwner);
groupPolicy.allow("read", isOrgAdmin);

groupPolicy.allow("update", and(isActive, isOwner));
groupPolicy.allow("update", and(isActive, (a, g) => g.role === "leader"));
groupPolicy.allow("readMembers", and(isActive, isLeader));
groupPolicy.allow("readMembers", and(isActive, isFlatPeer));
groupPolicy.allow("readMembers", isOwner);
groupPolicy.allow("readMembers", isOrgAdmin);
groupPolicy.allow("manageMembers", and(isActive, isOwner));
groupPolicy.allow("invite", and(isActive, isOwner));
groupPolicy.allow("invite", and(isActive, (a, g) => g.role === "leader"));
// Leader codes and leader/tutor invitations make leaders: the owner's to hand out and withdraw.
groupPolicy.allow("inviteLeaders", and(isActive, isOwner));
groupPolicy.allow("transfer", isOwner);
groupPolicy.allow("transfer", isOrgAdmin);
groupPolicy.allow("setActive", isOwner);
groupPolicy.allow("setActive", isOrgAdmin);
// Any member may ask to leave; the owner is told to hand the group over first (409 owner_must_transfer, in the command).
groupPolicy.allow("leave", isMember);

// Loops are between a sender and the group's leaders: an organisation administrator outside the
// group sees none of them. Leaders (not tutors, who are guests) shape the tasks and tags.
groupPolicy.allow("manageTasks", and(isActive, (a, g) => g.role === "leader"));
groupPolicy.allow("sendLoop", and(isActive, (a, g) => g.role === "sender"));
groupPolicy.allow("sendLoop", and(isActive, isFlatPeer));
groupPolicy.allow("sendAnonymous", (actor, g) => g.group.anonymous_loops_enabled && groupPolicy.can(actor, "sendLoop", g));
groupPolicy.allow("readLoops", and(isActive, isLeader));
groupPolicy.allow("readLoops", and(isActive, isFlatPeer));
// Leaders reach the whole group: information posts, surveys and recurring check-ins (issue 5).
groupPolicy.allow("publish", and(isActive, (a, g) => g.role === "leader"));
// Every member (tutors too) reads the group's information posts and sees its surveys and check-ins.
groupPolicy.allow("readPosts", and(isActive, isMember));
// The group's statistics (issue 6): its leaders and tutors — not flat peers, not administrators
// outside the group (they have the organisation's dashboard), not while the group is inactive.
groupPolicy.allow("readStatistics", and(isActive, isLeader));
// What the retention period removes soon (issue 7): the group's leaders, who may want to keep a
// copy or change the period; not tutors (guests), not administrators outside the group.
groupPolicy.allow("readRetentionQueue", and(isActive, (a, g) => g.role === "leader"));
// The whole group's information (issue 7): "each group owner has the opportunity to request this information at any time".
groupPolicy.allow("exportGroup", isOwner);

/** One membership of a group, as the actor sees it. */
export interface MemberAccess {
  access: GroupAccess;
  member: GroupMemberRow;
}
export const memberPolicy = definePolicy<MemberAccess, "read" | "changeRole" | "remove">("group_member", ["read", "changeRole", "remove"], (m) => ({
  id: m.member.user_id,
  organisationId: m.access.group.organisation_id,
}));
memberPolicy.allow("read", (actor, m) => groupPolicy.can(actor, "readMembers", m.access));
// The owner stays a leader and stays in the group until they hand it over.
const notTheOwner = (m: MemberAccess) => m.member.user_id !== m.access.group.owner_id;
memberPolicy.allow("changeRole", (actor, m) => groupPolicy.can(actor, "manageMembers", m.access) && notTheOwner(m));
memberPolicy.allow("remove", (actor, m) => groupPolicy.can(actor, "manageMembers", m.access) && notTheOwner(m));
