/** Request and response schemas of the groups and joining API (shared by server and web app). */
import { z } from "zod";
import { Email, Id, Instant, NO_CONTROL_CHARACTERS, NO_CONTROL_CHARACTERS_MULTILINE } from "./accounts.js";
import { Retention, RetentionChange } from "./retention.js";

export const GROUP_NAME_MAX_LENGTH = 120;
export const GROUP_DESCRIPTION_MAX_LENGTH = 2000;
export const ROLE_TITLE_MAX_LENGTH = 40;

export const GroupType = z.enum(["hierarchical", "flat"]).meta({
  description: "hierarchical: leaders and senders, senders see only their own loops; flat: peers who see each other's loops.",
});
export const GroupRole = z.enum(["leader", "tutor", "sender"]).meta({
  description: "leader (teacher), tutor (external leader of this group only) or sender (student/co-worker).",
});

const Title = z.string().trim().min(1).max(ROLE_TITLE_MAX_LENGTH).regex(NO_CONTROL_CHARACTERS);
const GroupName = z.string().trim().min(1).max(GROUP_NAME_MAX_LENGTH).regex(NO_CONTROL_CHARACTERS);
const GroupDescription = z.string().trim().max(GROUP_DESCRIPTION_MAX_LENGTH).regex(NO_CONTROL_CHARACTERS_MULTILINE);
export const RoleTitles = z
  .object({
    leader: z.object({ en: Title, sv: Title }),
    sender: z.object({ en: Title, sv: Title }),
  })
  .meta({ description: "What the group calls its leaders and senders, in English and Swedish." });
export type RoleTitles = z.infer<typeof RoleTitles>;

/** Titles a group gets when its creator does not choose (the wizard shows them): school words for student groups. */
export function defaultRoleTitles(hasStudentMembers: boolean): RoleTitles {
  return hasStudentMembers
    ? { leader: { en: "Teacher", sv: "Lärare" }, sender: { en: "Student", sv: "Elev" } }
    : { leader: { en: "Leader", sv: "Ledare" }, sender: { en: "Co-worker", sv: "Medarbetare" } };
}

export const GroupAbilities = z.object({
  update: z.boolean(),
  readMembers: z.boolean(),
  manageMembers: z.boolean(),
  inviteLeaders: z.boolean().meta({ description: "May hand out the leader code and invite leaders and tutors." }),
  invite: z.boolean(),
  transfer: z.boolean(),
  setActive: z.boolean(),
  leave: z.boolean(),
  manageTasks: z.boolean().meta({ description: "May create, edit, order and publish tasks and tags." }),
  sendLoop: z.boolean().meta({ description: "May send loops in this group." }),
  sendAnonymous: z.boolean().meta({ description: "May send anonymous free loops (the group allows them)." }),
  readLoops: z.boolean().meta({ description: "Sees the group's loops in the inbox (leaders and tutors; in a flat group every member)." }),
  publish: z.boolean().meta({ description: "May post information, run surveys and set recurring check-ins for the whole group (leaders)." }),
  readPosts: z.boolean().meta({ description: "Reads the group's information posts, surveys and check-ins (every member)." }),
  readStatistics: z.boolean().meta({ description: "Sees the group's statistics (leaders and tutors of an active group)." }),
  readRetentionQueue: z.boolean().meta({ description: "Sees what the retention period removes in the next 14 days (leaders, the owner among them)." }),
  exportGroup: z.boolean().meta({ description: "May download the whole group's information (its owner)." }),
});

export const Group = z
  .object({
    id: Id,
    organisationId: Id,
    organisationName: z.string(),
    name: z.string(),
    description: z.string(),
    type: GroupType,
    hasStudentMembers: z.boolean(),
    roleTitles: RoleTitles,
    active: z.boolean(),
    anonymousLoopsAllowed: z.boolean().meta({ description: "Free loops may be sent anonymously." }),
    retention: Retention.meta({ description: "How long the group keeps loops, comments, posts and surveys, and why: shown to every member." }),
    ownerId: Id,
    myRole: GroupRole.nullable().meta({ description: "The actor's role in the group, or null (e.g. an organisation administrator)." }),
    isOwner: z.boolean(),
    createdAt: z.string(),
    abilities: GroupAbilities,
  })
  .meta({ id: "Group" });
export type Group = z.infer<typeof Group>;

export const GroupEnvelope = z.object({ group: Group });
export const GroupList = z.object({ groups: z.array(Group) });

export const CreateGroupBody = z.object({
  name: GroupName,
  description: GroupDescription.default(""),
  type: GroupType,
  hasStudentMembers: z.boolean().meta({ description: "The members are students (minors may be among them)." }),
  roleTitles: RoleTitles.optional().meta({ description: "Defaults: Teacher/Student when hasStudentMembers, else Leader/Co-worker." }),
  anonymousLoopsAllowed: z.boolean().default(true).meta({ description: "Free loops may be sent anonymously (default on)." }),
  packageId: z
    .string()
    .max(100)
    .regex(/^(builtin:[a-z0-9-]+:[a-z]{2}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/)
    .optional()
    .meta({ description: "Start from a content package (builtin:<slug>:<language> or an organisation's package id): its tasks (as drafts), tags and, unless roleTitles is given, role titles." }),
});

export const UpdateGroupBody = z.object({
  name: GroupName.optional(),
  description: GroupDescription.optional(),
  type: GroupType.optional(),
  hasStudentMembers: z.boolean().optional(),
  roleTitles: RoleTitles.optional(),
  anonymousLoopsAllowed: z.boolean().optional(),
  retention: RetentionChange.optional().meta({ description: "The retention period and/or purpose (audited as group.retention_changed)." }),
});

export const GroupParams = z.object({ groupId: Id });
export const GroupMemberParams = z.object({ groupId: Id, userId: Id });

export const GroupMember = z
  .object({
    userId: Id,
    name: z.string(),
    pictureUrl: z.string().nullable(),
    role: GroupRole,
    owner: z.boolean(),
    joinedAt: z.string(),
    abilities: z.object({ changeRole: z.boolean(), remove: z.boolean() }),
  })
  .meta({ id: "GroupMember" });
export const GroupMemberList = z.object({ members: z.array(GroupMember) });

export const ChangeRoleBody = z.object({ role: GroupRole });
export const TransferBody = z.object({ userId: Id.meta({ description: "A leader of the group who becomes its owner." }) });

export const JoinCode = z
  .object({
    purpose: z.enum(["sender", "leader", "group_creator"]),
    code: z.string().meta({ description: "Formatted for reading, e.g. ABCD-EFGH; typed in any case, with or without the dash." }),
    enabled: z.boolean(),
    expiresAt: z.string().nullable(),
    joinUrl: z.string().meta({ description: "A link that carries the code." }),
  })
  .meta({ id: "JoinCode" });
export const JoinCodeList = z.object({ codes: z.array(JoinCode) });
export const UpdateJoinCodeBody = z.object({
  enabled: z.boolean().optional(),
  expiresAt: Instant.nullable().optional().meta({ description: "ISO 8601; null for never." }),
});
export const CodePurposeParams = z.object({ groupId: Id, purpose: z.enum(["sender", "leader"]) });

export const JoinBody = z.object({ code: z.string().trim().min(4).max(20).meta({ description: "A join code, in any case, dashes allowed." }) });
export const JoinResult = z.object({
  kind: z.enum(["group", "organisation"]),
  organisationId: Id,
  groupId: Id.nullable(),
  role: z.enum(["sender", "leader", "tutor", "group_creator"]),
});

export const Invitation = z
  .object({
    id: Id,
    email: z.string(),
    role: z.enum(["sender", "leader", "tutor", "group_creator"]),
    createdAt: z.string(),
    expiresAt: z.string(),
    abilities: z.object({ withdraw: z.boolean() }),
  })
  .meta({ id: "Invitation" });
export const InvitationList = z.object({ invitations: z.array(Invitation) });
export const InviteBody = z.object({ email: Email, role: GroupRole });
export const InvitationParams = z.object({ groupId: Id, invitationId: Id });
export const AcceptInvitationBody = z.object({ token: z.string().min(16).max(200) });
