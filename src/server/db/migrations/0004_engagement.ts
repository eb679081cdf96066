/**
 * Issue 5: the feed and e-mail notifications, information posts, surveys and recurring
 * check-ins; the organisation's time zone (schedules and digests run in it). Every tenant table
 * carries organisation_id and its foreign keys include it where the dialects allow (design.md §5).
 */
import { sql, type Kysely } from "kysely";
import type { Dialect } from "../index.js";
import { columnTypes } from "./columns.js";

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const t = columnTypes(dialect);
  const toGroup = ["organisation_id", "group_id"] as const;

  // IANA name; check-ins and digests are scheduled in it.
  await db.schema.alterTable("organisations").addColumn("time_zone", "text", (c) => c.notNull().defaultTo("Europe/Stockholm")).execute();

  // ---- information posts ----
  await db.schema
    .createTable("posts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull())
    .addColumn("group_id", "text", (c) => c.notNull())
    .addColumn("author_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addColumn("edited_at", t.timestamp)
    .addUniqueConstraint("posts_org_id_uq", ["organisation_id", "id"])
    .addForeignKeyConstraint("posts_group_fk", [...toGroup], "groups", ["organisation_id", "id"], (fk) => fk.onDelete("cascade"))
    .execute();
  await db.schema.createIndex("posts_group_idx").on("posts").columns(["organisation_id", "group_id", "created_at", "id"]).execute();

  await db.schema
    .createTable("post_attachments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull())
    .addColumn("post_id", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('image', 'pdf', 'document', 'text', 'audio', 'video')`))
    .addColumn("mime", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("width", "integer")
    .addColumn("height", "integer")
    .addColumn("blob_key", "text", (c) => c.notNull())
    .addColumn("thumbnail_key", "text")
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addForeignKeyConstraint("post_attachments_post_fk", ["organisation_id", "post_id"], "posts", ["organisation_id", "id"], (fk) => fk.onDelete("cascade"))
    .execute();
  await db.schema.createIndex("post_attachments_post_idx").on("post_attachments").columns(["post_id", "position"]).execute();

  await db.schema
    .createTable("post_views")
    .addColumn("organisation_id", "text", (c) => c.notNull())
    .addColumn("post_id", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("seen_at", t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint("post_views_pk", ["post_id", "user_id"])
    .addForeignKeyConstraint("post_views_post_fk", ["organisation_id", "post_id"], "posts", ["organisation_id", "id"], (fk) => fk.onDelete("cascade"))
    .execute();

  // ---- surveys ----
  await db.schema
    .createTable("surveys")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull())
    .addColumn("group_id", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("is_anonymous", t.boolean, (c) => c.notNull())
    // Null: a draft. In the future: scheduled. Answers are taken from opens_at until closes_at / closed_at.
    .addColumn("opens_at", t.timestamp)
    .addColumn("closes_at", t.timestamp)
    .addColumn("closed_at", t.timestamp)
    // Members have been told it opened (feed, e-mail): done once, by the command or the job.
    .addColumn("is_announced", t.boolean, (c) => c.notNull().defaultTo(t.false))
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addColumn("updated_at", t.timestamp, (c) => c.notNull())
    .addUniqueConstraint("surveys_org_id_uq", ["organisation_id", "id"])
    .addForeignKeyConstraint("surveys_group_fk", [...toGroup], "groups", ["organisation_id", "id"], (fk) => fk.onDelete("cascade"))
    .execute();
  await db.schema.createIndex("surveys_group_idx").on("surveys").columns(["organisation_id", "group_id", "created_at"]).execute();
  await db.schema.createIndex("surveys_announce_idx").on("surveys").columns(["is_announced", "opens_at"]).execute();

  await db.schema
    .createTable("survey_questions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull())
    .addColumn("survey_id", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('single', 'multiple', 'scale', 'text')`))
    .addColumn("prompt", "text", (c) => c.notNull())
    .addColumn("is_required", t.boolean, (c) => c.notNull())
    /** JSON array of the choices' labels (single and multiple choice); [] otherwise. */
    .addColumn("options", "text", (c) => c.notNull().defaultTo("[]"))
    .addUniqueConstraint("survey_questions_org_id_uq", ["organisation_id", "id"])
    .addForeignKeyConstraint("survey_questions_survey_fk", ["organisation_id", "survey_id"], "surveys", ["organisation_id", "id"], (fk) => fk.onDelete("cascade"))
    .execute();
  await db.schema.createIndex("survey_questions_survey_idx").on("survey_questions").columns(["survey_id", "position"]).execute();

  // One response per member and survey (changeable until the survey closes).
  await db.schema
    .createTable("survey_responses")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull())
    .addColumn("survey_id", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("submitted_at", t.timestamp, (c) => c.notNull())
    .addColumn("updated_at", t.timestamp, (c) => c.notNull())
    .addUniqueConstraint("survey_responses_org_id_uq", ["organisation_id", "id"])
    .addUniqueConstraint("survey_responses_once_uq", ["survey_id", "user_id"])
    .addForeignKeyConstraint("survey_responses_survey_fk", ["organisation_id", "survey_id"], "surveys", ["organisation_id", "id"], (fk) => fk.onDelete("cascade"))
    .execute();

  await db.schema
    .createTable("survey_answers")
    .addColumn("organisation_id", "text", (c) => c.notNull())
    .addColumn("response_id", "text", (c) => c.notNull())
    .addColumn("question_id", "text", (c) => c.notNull())
    /** JSON: a choice index (single), an array of indexes (multiple), 1–5 (scale) or a string (text). */
    .addColumn("value", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("survey_answers_pk", ["response_id", "question_id"])
    .addForeignKeyConstraint("survey_answers_response_fk", ["organisation_id", "response_id"], "survey_responses", ["organisation_id", "id"], (fk) => fk.onDelete("cascade"))
    .addForeignKeyConstraint("survey_answers_question_fk", ["organisation_id", "question_id"], "survey_questions", ["organisation_id", "id"], (fk) => fk.onDelete("cascade"))
    .execute();
  await db.schema.createIndex("survey_answers_question_idx").on("survey_answers").column("question_id").execute();

  // ---- recurring check-ins ----
  await db.schema
    .createTable("checkins")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull())
    .addColumn("group_id", "text", (c) => c.notNull())
    .addColumn("prompt", "text", (c) => c.notNull())
    /** ISO weekday: 1 Monday … 7 Sunday, in the organisation's time zone. */
    .addColumn("weekday", "integer", (c) => c.notNull().check(sql`weekday between 1 and 7`))
    /** "HH:MM", local time in the organisation's time zone. */
    .addColumn("time_of_day", "text", (c) => c.notNull())
    /** JSON array of tag ids of the group, suggested in the composer. */
    .addColumn("tag_ids", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("is_active", t.boolean, (c) => c.notNull())
    /** The next instant the scheduler creates an occurrence (UTC); null while paused. */
    .addColumn("next_occurrence_at", t.timestamp)
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addColumn("updated_at", t.timestamp, (c) => c.notNull())
    .addUniqueConstraint("checkins_org_id_uq", ["organisation_id", "id"])
    .addForeignKeyConstraint("checkins_group_fk", [...toGroup], "groups", ["organisation_id", "id"], (fk) => fk.onDelete("cascade"))
    .execute();
  await db.schema.createIndex("checkins_due_idx").on("checkins").columns(["is_active", "next_occurrence_at"]).execute();
  await db.schema.createIndex("checkins_group_idx").on("checkins").columns(["organisation_id", "group_id"]).execute();

  await db.schema
    .createTable("checkin_occurrences")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull())
    .addColumn("group_id", "text", (c) => c.notNull())
    .addColumn("checkin_id", "text", (c) => c.notNull())
    /** The prompt as it was asked (the check-in may be edited later). */
    .addColumn("prompt", "text", (c) => c.notNull())
    .addColumn("occurs_at", t.timestamp, (c) => c.notNull())
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addUniqueConstraint("checkin_occurrences_org_id_uq", ["organisation_id", "id"])
    // Two processes running the scheduler cannot create the same occurrence twice.
    .addUniqueConstraint("checkin_occurrences_once_uq", ["checkin_id", "occurs_at"])
    .addForeignKeyConstraint("checkin_occurrences_checkin_fk", ["organisation_id", "checkin_id"], "checkins", ["organisation_id", "id"], (fk) => fk.onDelete("cascade"))
    .execute();
  await db.schema.createIndex("checkin_occurrences_group_idx").on("checkin_occurrences").columns(["organisation_id", "group_id", "occurs_at"]).execute();

  // A loop answering a check-in occurrence. SQLite cannot add a composite foreign key to an
  // existing table, so this one names the occurrence's primary key alone; the loops module
  // checks the occurrence's tenant and group when it links a loop, and the check-ins module
  // unlinks loops (through the loops module) before it deletes occurrences.
  await db.schema.alterTable("loops").addColumn("checkin_occurrence_id", "text", (c) => c.references("checkin_occurrences.id")).execute();
  await db.schema.createIndex("loops_occurrence_idx").on("loops").columns(["checkin_occurrence_id", "emoji"]).execute();

  // ---- the feed and e-mail notifications ----
  await db.schema
    .createTable("notifications")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    /** The recipient. */
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("group_id", "text")
    /** Who acted; null when they must stay unknown (an anonymous loop's sender) or for the system. */
    .addColumn("actor_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("loop_id", "text")
    .addColumn("comment_id", "text")
    .addColumn("task_id", "text")
    .addColumn("post_id", "text")
    .addColumn("survey_id", "text")
    .addColumn("occurrence_id", "text")
    /** Leader-written display text (a task's, post's or survey's title, a check-in prompt) — never a loop's or comment's text. */
    .addColumn("title", "text")
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addColumn("read_at", t.timestamp)
    /** none | immediate (to be sent now) | digest (waits for the daily digest) | sent. */
    .addColumn("email_status", "text", (c) => c.notNull().check(sql`email_status in ('none', 'immediate', 'digest', 'sent')`))
    // What a notification points at goes, and the notification with it.
    .addForeignKeyConstraint("notifications_group_fk", [...toGroup], "groups", ["organisation_id", "id"], (fk) => fk.onDelete("cascade"))
    .addForeignKeyConstraint("notifications_loop_fk", ["organisation_id", "loop_id"], "loops", ["organisation_id", "id"], (fk) => fk.onDelete("cascade"))
    .addForeignKeyConstraint("notifications_task_fk", ["organisation_id", "task_id"], "tasks", ["organisation_id", "id"], (fk) => fk.onDelete("cascade"))
    .addForeignKeyConstraint("notifications_post_fk", ["organisation_id", "post_id"], "posts", ["organisation_id", "id"], (fk) => fk.onDelete("cascade"))
    .addForeignKeyConstraint("notifications_survey_fk", ["organisation_id", "survey_id"], "surveys", ["organisation_id", "id"], (fk) => fk.onDelete("cascade"))
    .addForeignKeyConstraint("notifications_occurrence_fk", ["organisation_id", "occurrence_id"], "checkin_occurrences", ["organisation_id", "id"], (fk) => fk.onDelete("cascade"))
    .execute();
  await db.schema.createIndex("notifications_user_idx").on("notifications").columns(["user_id", "created_at", "id"]).execute();
  await db.schema.createIndex("notifications_unread_idx").on("notifications").columns(["user_id", "read_at"]).execute();
  await db.schema.createIndex("notifications_email_idx").on("notifications").columns(["email_status", "organisation_id"]).execute();
  await db.schema.createIndex("notifications_loop_idx").on("notifications").column("loop_id").execute();

  // A row only where the user chose something other than the kind's default.
  await db.schema
    .createTable("notification_preferences")
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("delivery", "text", (c) => c.notNull().check(sql`delivery in ('immediate', 'digest', 'off')`))
    .addPrimaryKeyConstraint("notification_preferences_pk", ["user_id", "kind"])
    .execute();

  // The per-user key that signs unsubscribe links (HMAC of user and kind): a link turns off one kind only.
  await db.schema
    .createTable("notification_keys")
    .addColumn("user_id", "text", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
    .addColumn("unsubscribe_key", "text", (c) => c.notNull())
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .execute();
}
