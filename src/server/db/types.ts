/**
 * The database as the application sees it, after normalisation (db/normalise.ts): timestamps
 * are ISO 8601 strings, booleans are booleans, counts are numbers — on both dialects.
 */
import type { ColumnType, Insertable, Selectable, Updateable } from "kysely";

/** ISO 8601 UTC string in and out (timestamptz on PostgreSQL, TEXT on SQLite). */
export type Timestamp = string;

export interface UsersTable {
  id: string;
  email: string;
  /** Lower-cased e-mail: the unique key, so addresses compare case-insensitively. */
  email_normalized: string;
  name: string;
  password_hash: string | null;
  language: "en" | "sv";
  picture_key: string | null;
  is_instance_admin: boolean;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SessionsTable {
  /** Public id, used to list and revoke; never the cookie value. */
  id: string;
  user_id: string;
  /** SHA-256 of the cookie token: a database copy cannot be replayed as a cookie. */
  token_hash: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  /** Absolute end of the session, whatever the activity. */
  expires_at: Timestamp;
  browser: string | null;
  browser_version: string | null;
  os: string | null;
  os_version: string | null;
  device_type: string | null;
}

export interface AuthTokensTable {
  id: string;
  user_id: string;
  kind: "password_reset" | "email_change";
  token_hash: string;
  /** For e-mail change: the address to confirm. */
  new_email: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface InstanceStateTable {
  id: number;
  /** Set once, when the first account claims the instance administrator role. */
  admin_claimed_at: Timestamp | null;
}

export interface AuditEventsTable {
  id: string;
  organisation_id: string | null;
  actor_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  /** Client address of the request, when there was one. */
  ip: string | null;
  /** success, or denied (a refused authorization) / failure (e.g. a wrong password). */
  outcome: "success" | "denied" | "failure";
  /** JSON text: never passwords, tokens, names or e-mail addresses. */
  data: string;
  created_at: ColumnType<Timestamp, Timestamp, never>;
}

export type OrganisationType = "school" | "municipality" | "employer" | "other";

export interface OrganisationsTable {
  id: string;
  name: string;
  type: OrganisationType;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A user's standing in an organisation; group members other than tutors have a row too. */
export interface OrganisationMembersTable {
  organisation_id: string;
  user_id: string;
  is_admin: boolean;
  is_group_creator: boolean;
  created_at: Timestamp;
}

export type GroupType = "hierarchical" | "flat";
export type GroupRole = "leader" | "tutor" | "sender";

export interface GroupsTable {
  id: string;
  organisation_id: string;
  name: string;
  description: string;
  type: GroupType;
  /** "The members are students (minors may be among them)". */
  has_student_members: boolean;
  leader_title_en: string;
  leader_title_sv: string;
  sender_title_en: string;
  sender_title_sv: string;
  owner_id: string;
  is_active: boolean;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface GroupMembersTable {
  organisation_id: string;
  group_id: string;
  user_id: string;
  role: GroupRole;
  created_at: Timestamp;
}

export type JoinCodePurpose = "group_creator" | "sender" | "leader";

export interface JoinCodesTable {
  code: string;
  organisation_id: string;
  /** Null for the organisation's group-creator code. */
  group_id: string | null;
  purpose: JoinCodePurpose;
  is_enabled: boolean;
  expires_at: Timestamp | null;
  created_at: Timestamp;
}

export type InvitationPurpose = "group_creator" | GroupRole;

export interface InvitationsTable {
  id: string;
  organisation_id: string;
  group_id: string | null;
  purpose: InvitationPurpose;
  email: string;
  email_normalized: string;
  token_hash: string;
  invited_by: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  accepted_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface Database {
  users: UsersTable;
  organisations: OrganisationsTable;
  organisation_members: OrganisationMembersTable;
  groups: GroupsTable;
  group_members: GroupMembersTable;
  join_codes: JoinCodesTable;
  invitations: InvitationsTable;
  sessions: SessionsTable;
  auth_tokens: AuthTokensTable;
  instance_state: InstanceStateTable;
  audit_events: AuditEventsTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type AuthTokenRow = Selectable<AuthTokensTable>;
export type OrganisationRow = Selectable<OrganisationsTable>;
export type OrganisationMemberRow = Selectable<OrganisationMembersTable>;
export type GroupRow = Selectable<GroupsTable>;
export type GroupMemberRow = Selectable<GroupMembersTable>;
export type JoinCodeRow = Selectable<JoinCodesTable>;
export type InvitationRow = Selectable<InvitationsTable>;
