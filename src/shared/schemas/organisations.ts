/** Request and response schemas of the organisations API (shared by server and web app). */
import { z } from "zod";
import { Email, Id, Instant, NO_CONTROL_CHARACTERS } from "./accounts.js";
import { MinSenders } from "./statistics.js";
import { Retention, RetentionChange } from "./retention.js";

export const ORGANISATION_NAME_MAX_LENGTH = 120;
export const ORGANISATION_TYPES = ["school", "municipality", "employer", "other"] as const;
export const OrganisationType = z.enum(ORGANISATION_TYPES).meta({ description: "What kind of organisation this is." });

export const OrganisationName = z
  .string()
  .trim()
  .min(1)
  .max(ORGANISATION_NAME_MAX_LENGTH)
  .regex(NO_CONTROL_CHARACTERS)
  .meta({ description: "Name shown to members.", example: "Demoskolan" });

export const OrganisationAbilities = z.object({
  update: z.boolean(),
  manageAdmins: z.boolean(),
  manageGroupCreators: z.boolean(),
  readMembers: z.boolean(),
  readAudit: z.boolean(),
  createGroup: z.boolean(),
  readStatistics: z.boolean().meta({ description: "Sees the organisation's statistics dashboard (administrators)." }),
});

/**
 * In a member's data export, how a leader's comment on the member's loop names its author: by the
 * group's role title only ("Teacher", the default), or by name when the organisation chooses.
 */
export const ExportCommentAuthors = z.enum(["role", "name"]).meta({
  description: "In a member's data export, a leader's comment names its author by role title (role, the default) or by name (name).",
});
/**
 * When an account is erased, what becomes of its comments on other people's loops: kept under
 * "deleted user" (keep, the default: the thread still reads) or removed.
 */
export const ErasedUserComments = z.enum(["keep", "remove"]).meta({
  description: "When an account is erased, its comments on others' loops stay as \"deleted user\" (keep, the default) or are removed (remove).",
});

/** The longest DNS name (RFC 1035). */
export const WORKSPACE_DOMAIN_MAX_LENGTH = 253;
/** Dot-separated DNS labels, the last one starting with a letter (no IP address, no @, no scheme). */
const DNS_NAME = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** A Google Workspace domain (the `hd` claim), stored lower-case. */
export const WorkspaceDomain = z
  .string()
  .trim()
  .toLowerCase()
  .max(WORKSPACE_DOMAIN_MAX_LENGTH)
  .regex(DNS_NAME)
  .meta({ description: "A DNS name such as skolan.se (no @, no https://), compared case-insensitively.", example: "skolan.se" });

/**
 * An organisation's sign-in rule (issue 8): which ways in its members may use. Every live session
 * of a member must meet it; a session that does not is ended.
 */
export const SignInRule = z
  .object({
    password: z.boolean().meta({ description: "Members may sign in with a password." }),
    oidc: z.boolean().meta({ description: "Members may sign in with the instance's provider (Google by default)." }),
    requiredDomain: z.string().nullable().meta({ description: "A provider sign-in must carry this Google Workspace domain (hd claim); null: any account." }),
  })
  .meta({ id: "SignInRule" });
export type SignInRule = z.infer<typeof SignInRule>;

/** A change of the sign-in rule: only the parts sent change. */
export const SignInRuleChange = z.object({
  /** Members may sign in with a password. */
  password: z.boolean().optional(),
  /** Members may sign in with the provider; on alone it needs a configured provider. */
  oidc: z.boolean().optional(),
  /** A Workspace domain provider sign-ins must carry, or null for none; needs a configured provider. Dropped when the provider is switched off. */
  requiredDomain: WorkspaceDomain.nullable().optional(),
});
export type SignInRuleChange = z.infer<typeof SignInRuleChange>;

export const Organisation = z
  .object({
    id: Id,
    name: z.string(),
    type: OrganisationType,
    timeZone: z.string().meta({ description: "IANA time zone of schedules, digests and statistics." }),
    minSenders: MinSenders,
    retentionDefaults: Retention.meta({ description: "The retention period and purpose new groups start with (administrators set them)." }),
    exportCommentAuthors: ExportCommentAuthors,
    erasedUserComments: ErasedUserComments,
    signIn: SignInRule.optional().meta({ description: "The sign-in rule; present for those who may change the settings (administrators)." }),
    createdAt: z.string(),
    /** The actor's own standing. */
    myRoles: z.object({ admin: z.boolean(), groupCreator: z.boolean() }),
    abilities: OrganisationAbilities,
  })
  .meta({ id: "Organisation" });
export type Organisation = z.infer<typeof Organisation>;

export const OrganisationEnvelope = z.object({ organisation: Organisation });
export const UpdatedOrganisation = OrganisationEnvelope.extend({
  sessionsEnded: z.number().int().min(0).optional().meta({ description: "How many members' sessions the new sign-in rule ended (when signIn was sent)." }),
});
export const OrganisationList = z.object({ organisations: z.array(Organisation) });

/** Whether the runtime knows an IANA time zone name. */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: name });
    return name.length > 0;
  } catch {
    return false;
  }
}

export const DEFAULT_TIME_ZONE = "Europe/Stockholm";

export const TimeZone = z
  .string()
  .trim()
  .max(64)
  .refine(isTimeZone, { message: "Not a known IANA time zone." })
  .meta({ description: "IANA time zone (e.g. Europe/Stockholm): check-ins, digests and statistics run in it." });

export const CreateOrganisationBody = z.object({ name: OrganisationName, type: OrganisationType, timeZone: TimeZone.default(DEFAULT_TIME_ZONE) });
export const UpdateOrganisationBody = z.object({
  name: OrganisationName.optional(),
  type: OrganisationType.optional(),
  timeZone: TimeZone.optional(),
  minSenders: MinSenders.optional(),
  retentionDefaults: RetentionChange.optional().meta({ description: "The retention period and/or purpose new groups start with; existing groups keep theirs." }),
  exportCommentAuthors: ExportCommentAuthors.optional(),
  erasedUserComments: ErasedUserComments.optional(),
  signIn: SignInRuleChange.optional().meta({ description: "The sign-in rule (issue 8); members' sessions that break the new rule end. The administrator's own session must meet it (400 sign_in_method_not_allowed)." }),
});

export const OrgParams = z.object({ orgId: Id });
export const OrgUserParams = z.object({ orgId: Id, userId: Id });

export const EmailBody = z.object({ email: Email });

export const OrganisationMember = z
  .object({
    userId: Id,
    name: z.string(),
    email: z.string(),
    admin: z.boolean(),
    groupCreator: z.boolean(),
    groups: z.array(z.object({ groupId: Id, name: z.string(), role: z.enum(["leader", "tutor", "sender"]), owner: z.boolean() })),
  })
  .meta({ id: "OrganisationMember" });
export const OrganisationMemberList = z.object({ members: z.array(OrganisationMember) });

export const GrantResult = z.object({
  outcome: z.enum(["granted", "invited"]).meta({ description: "granted: the account had it at once; invited: an invitation e-mail went out." }),
});


export const AuditQuery = z.object({
  action: z.string().max(60).optional().meta({ description: "Only actions starting with this, e.g. group. or invitation.created" }),
  actorId: Id.optional(),
  // Normalised to the stored form (milliseconds, Z): SQLite compares timestamps as text.
  from: Instant.optional().meta({ description: "ISO 8601, inclusive." }),
  to: Instant.optional().meta({ description: "ISO 8601, exclusive." }),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const AuditEvent = z
  .object({
    id: Id,
    at: z.string(),
    action: z.string(),
    outcome: z.enum(["success", "denied", "failure"]),
    actor: z.object({ id: z.string(), name: z.string() }).nullable(),
    subjectType: z.string(),
    subjectId: z.string().nullable(),
    ip: z.string().nullable(),
    data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  })
  .meta({ id: "AuditEvent" });
export const AuditEventList = z.object({ events: z.array(AuditEvent) });
