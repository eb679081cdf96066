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
  /** Free loops may be sent anonymously. */
  anonymous_loops_enabled: boolean;
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
  content_packages: ContentPackagesTable;
  tasks: TasksTable;
  tags: TagsTable;
  loops: LoopsTable;
  loop_tags: LoopTagsTable;
  attachments: AttachmentsTable;
  loop_reads: LoopReadsTable;
  comments: CommentsTable;
  comment_bank: CommentBankTable;
}

export interface LoopTagsTable {
  organisation_id: string;
  loop_id: string;
  tag_id: string;
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

export interface ContentPackagesTable {
  id: string;
  organisation_id: string;
  name: string;
  description: string;
  language: "en" | "sv";
  /** JSON text of PackageContent (shared/schemas/tasks.ts). */
  content: string;
  created_by: string | null;
  created_at: Timestamp;
}

export interface TasksTable {
  id: string;
  organisation_id: string;
  group_id: string;
  title: string;
  /** Plain text: paragraphs separated by blank lines; links are recognised when shown. */
  instructions: string;
  position: number;
  is_published: boolean;
  due_at: Timestamp | null;
  published_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TagsTable {
  id: string;
  organisation_id: string;
  group_id: string;
  name: string;
  /** One of the palette names (shared/schemas/tasks.ts TAG_COLOURS), or null. */
  colour: string | null;
  position: number;
  is_archived: boolean;
  created_at: Timestamp;
}

export interface LoopsTable {
  id: string;
  organisation_id: string;
  group_id: string;
  sender_id: string;
  task_id: string | null;
  /** 1 (very bad) … 5 (very good). */
  emoji: number;
  text: string;
  is_anonymous: boolean;
  created_at: Timestamp;
  /** created_at, or for an anonymous loop the start of its UTC day: what lists sort by. */
  listed_at: Timestamp;
  edited_at: Timestamp | null;
  approved_at: Timestamp | null;
  approved_by: string | null;
  comment_count: number;
  last_comment_at: Timestamp | null;
  is_answered: boolean;
}

export type AttachmentKind = "image" | "pdf" | "document" | "text" | "audio" | "video";

export interface AttachmentsTable {
  id: string;
  organisation_id: string;
  loop_id: string;
  position: number;
  kind: AttachmentKind;
  mime: string;
  /** A server-made name for images and anonymous loops; otherwise the sender's file name, cleaned. */
  name: string;
  size: number;
  width: number | null;
  height: number | null;
  blob_key: string;
  thumbnail_key: string | null;
  created_at: Timestamp;
}

export interface LoopReadsTable {
  organisation_id: string;
  loop_id: string;
  user_id: string;
  read_at: Timestamp;
}

export interface CommentsTable {
  id: string;
  organisation_id: string;
  loop_id: string;
  author_id: string | null;
  text: string;
  created_at: Timestamp;
  edited_at: Timestamp | null;
  deleted_at: Timestamp | null;
}

export interface CommentBankTable {
  id: string;
  organisation_id: string;
  /** Null: the owner's own, usable in all their groups of the organisation. */
  group_id: string | null;
  owner_id: string;
  text: string;
  created_at: Timestamp;
}

export type ContentPackageRow = Selectable<ContentPackagesTable>;
export type TaskRow = Selectable<TasksTable>;
export type TagRow = Selectable<TagsTable>;
export type LoopRow = Selectable<LoopsTable>;
export type AttachmentRow = Selectable<AttachmentsTable>;
export type CommentRow = Selectable<CommentsTable>;
export type CommentBankRow = Selectable<CommentBankTable>;
