/**
 * The database as the application sees it, after normalisation (db/normalise.ts): timestamps
 * are ISO 8601 strings, booleans are booleans, counts are numbers — on both dialects.
 */
import type { ColumnType, Insertable, Selectable, Updateable } from "kysely";
import type { PrivacyPolicyTables } from "./tables/privacy-policy.js";
import type { RetentionTables } from "./tables/retention.js";
import type { SafeguardingTables } from "./tables/safeguarding.js";
import type { CrashReportsTables } from "./tables/crash-reports.js";
import type { DataExportsTables } from "./tables/data-exports.js";
import type { ErasureTables } from "./tables/erasure.js";
import type { IdentitiesTables } from "./tables/identities.js";
import type { StorageTables } from "./tables/storage.js";

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
  /** How the session began: a password, or a provider's sign-in (OpenID Connect). */
  sign_in_method: "password" | "oidc";
  /** The provider's Google Workspace domain (`hd`) of a provider sign-in, if any. */
  hosted_domain: string | null;
  /** When the person last proved it is them again at the provider (before erasing the account). */
  reauthenticated_at: Timestamp | null;
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
  /** IANA time zone; check-ins and digests are scheduled in it. */
  time_zone: string;
  /** k: the fewest distinct senders whose anonymous loops a statistic may show (3–50). */
  statistics_min_senders: number;
  /** The retention period new groups start with (ISO 8601 duration, shared/schemas/retention.ts). */
  default_retention_period: string;
  /** The purpose text new groups start with. */
  default_retention_purpose: string;
  /** How a leader's comment names its author in a member's data export: by role title or by name. */
  export_comment_authors: "role" | "name";
  /** What happens to an erased account's comments on others' loops: kept as "deleted user", or removed. */
  erased_user_comments: "keep" | "remove";
  /** Members may sign in with a password (issue 8). */
  is_password_sign_in_enabled: boolean;
  /** Members may sign in with the configured provider (Google by default). */
  is_oidc_sign_in_enabled: boolean;
  /** A provider sign-in of a member must carry this Google Workspace domain (`hd`); null: any. */
  required_oidc_domain: string | null;
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
  /** How long the group keeps loops, comments, posts and surveys (ISO 8601 duration, shared/schemas/retention.ts). */
  retention_period: string;
  /** Why the group keeps that data, shown to every member. */
  retention_purpose: string;
  /** When the period was set or shortened: nothing is removed sooner than 14 days after it. */
  retention_changed_at: Timestamp | null;
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

export interface Database extends PrivacyPolicyTables, RetentionTables, SafeguardingTables, CrashReportsTables, DataExportsTables, ErasureTables, IdentitiesTables, StorageTables {
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
  loop_activity_weeks: LoopActivityWeeksTable;
  loop_activity_group_weeks: LoopActivityGroupWeeksTable;
  loop_activity_member_bits: LoopActivityMemberBitsTable;
  loop_activity_person_bits: LoopActivityPersonBitsTable;
  attachments: AttachmentsTable;
  loop_reads: LoopReadsTable;
  comments: CommentsTable;
  comment_bank: CommentBankTable;
  posts: PostsTable;
  post_attachments: PostAttachmentsTable;
  post_views: PostViewsTable;
  surveys: SurveysTable;
  survey_questions: SurveyQuestionsTable;
  survey_responses: SurveyResponsesTable;
  survey_answers: SurveyAnswersTable;
  checkins: CheckinsTable;
  checkin_occurrences: CheckinOccurrencesTable;
  notifications: NotificationsTable;
  notification_preferences: NotificationPreferencesTable;
  notification_keys: NotificationKeysTable;
}

/** Loops per group, week (the Monday of their listed_on) and sender, kept by the loops module with every insert and delete. */
export interface LoopActivityWeeksTable {
  organisation_id: string;
  group_id: string;
  week: string;
  sender_id: string;
  named_loops: number;
  anonymous_loops: number;
}

/** Derived from loop_activity_weeks per group and week (loops/activity-bits.ts), kept with it. */
export interface LoopActivityGroupWeeksTable {
  organisation_id: string;
  group_id: string;
  week: string;
  named_loops: number;
  anonymous_loops: number;
  named_senders: number;
  anonymous_senders: number;
}

/** A person's weeks with a named loop in a group, per block of 50 weeks, as bits (loops/activity-bits.ts). */
export interface LoopActivityMemberBitsTable {
  organisation_id: string;
  group_id: string;
  sender_id: string;
  block: number;
  /** bigint below 2^50: a number on both dialects. */
  weeks: number;
}

/** A person's weeks with a named loop in any group of the organisation, per block of 50 weeks, as bits. */
export interface LoopActivityPersonBitsTable {
  organisation_id: string;
  sender_id: string;
  block: number;
  weeks: number;
}

export interface LoopTagsTable {
  organisation_id: string;
  loop_id: string;
  tag_id: string;
  /** The loop's unchanging facts, copied for the statistics (migration 0005; loops/commands loopTagRows). */
  group_id: string;
  listed_on: string;
  sender_id: string;
  task_id: string | null;
  is_anonymous: boolean;
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
  /** created_at, or for an anonymous loop the start of its local day (listed_on): what lists sort by. */
  listed_at: Timestamp;
  /** The organisation-local day (YYYY-MM-DD) it was sent on, fixed when sent: statistics, the export and period filters use it. */
  listed_on: string;
  edited_at: Timestamp | null;
  approved_at: Timestamp | null;
  approved_by: string | null;
  comment_count: number;
  last_comment_at: Timestamp | null;
  is_answered: boolean;
  /** When it first got an answer (is_answered became true); null while unanswered. */
  answered_at: Timestamp | null;
  /** The check-in occurrence this loop answers, or null. */
  checkin_occurrence_id: string | null;
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
export type LoopActivityWeekRow = Selectable<LoopActivityWeeksTable>;
export type AttachmentRow = Selectable<AttachmentsTable>;
export type CommentRow = Selectable<CommentsTable>;
export type CommentBankRow = Selectable<CommentBankTable>;

// ---- issue 5: information posts, surveys, check-ins, the feed ----

export interface PostsTable {
  id: string;
  organisation_id: string;
  group_id: string;
  author_id: string | null;
  title: string;
  /** Plain text: paragraphs separated by blank lines; links are recognised when shown. */
  body: string;
  created_at: Timestamp;
  edited_at: Timestamp | null;
}

/** A post's file: the same columns as a loop's attachment, under its post. */
export type PostAttachmentsTable = Omit<AttachmentsTable, "loop_id"> & { post_id: string };

export interface PostViewsTable {
  organisation_id: string;
  post_id: string;
  user_id: string;
  seen_at: Timestamp;
}

export interface SurveysTable {
  id: string;
  organisation_id: string;
  group_id: string;
  title: string;
  description: string;
  is_anonymous: boolean;
  opens_at: Timestamp | null;
  closes_at: Timestamp | null;
  closed_at: Timestamp | null;
  is_announced: boolean;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type SurveyQuestionKind = "single" | "multiple" | "scale" | "text";

export interface SurveyQuestionsTable {
  id: string;
  organisation_id: string;
  survey_id: string;
  position: number;
  kind: SurveyQuestionKind;
  prompt: string;
  is_required: boolean;
  /** JSON array of choice labels. */
  options: string;
}

export interface SurveyResponsesTable {
  id: string;
  organisation_id: string;
  survey_id: string;
  /** Null once its respondent's account was erased and the survey was closed and anonymous (migration 0012). */
  user_id: string | null;
  submitted_at: Timestamp;
  updated_at: Timestamp;
}

export interface SurveyAnswersTable {
  organisation_id: string;
  response_id: string;
  question_id: string;
  /** JSON: index, index array, 1–5 or text. */
  value: string;
}

export interface CheckinsTable {
  id: string;
  organisation_id: string;
  group_id: string;
  prompt: string;
  /** ISO weekday 1 (Monday) … 7 (Sunday). */
  weekday: number;
  /** "HH:MM" in the organisation's time zone. */
  time_of_day: string;
  /** JSON array of tag ids. */
  tag_ids: string;
  is_active: boolean;
  next_occurrence_at: Timestamp | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CheckinOccurrencesTable {
  id: string;
  organisation_id: string;
  group_id: string;
  checkin_id: string;
  prompt: string;
  occurs_at: Timestamp;
  created_at: Timestamp;
}

export type NotificationEmailStatus = "none" | "immediate" | "digest" | "sent";

export interface NotificationsTable {
  id: string;
  organisation_id: string;
  user_id: string;
  /** One of NOTIFICATION_KINDS (shared/schemas/notifications.ts). */
  kind: string;
  group_id: string | null;
  actor_id: string | null;
  loop_id: string | null;
  comment_id: string | null;
  task_id: string | null;
  post_id: string | null;
  survey_id: string | null;
  occurrence_id: string | null;
  title: string | null;
  created_at: Timestamp;
  read_at: Timestamp | null;
  email_status: NotificationEmailStatus;
}

export interface NotificationPreferencesTable {
  user_id: string;
  kind: string;
  delivery: "immediate" | "digest" | "off";
}

export interface NotificationKeysTable {
  user_id: string;
  unsubscribe_key: string;
  created_at: Timestamp;
}

export type PostRow = Selectable<PostsTable>;
export type PostAttachmentRow = Selectable<PostAttachmentsTable>;
export type SurveyRow = Selectable<SurveysTable>;
export type SurveyQuestionRow = Selectable<SurveyQuestionsTable>;
export type CheckinRow = Selectable<CheckinsTable>;
export type CheckinOccurrenceRow = Selectable<CheckinOccurrencesTable>;
export type NotificationRow = Selectable<NotificationsTable>;
