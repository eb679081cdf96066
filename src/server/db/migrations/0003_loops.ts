/**
 * Tasks, tags and content packages; loops with their tags, attachments and read state; comment
 * threads and the leaders' comment bank. Every table carries organisation_id and its foreign
 * keys to tenant tables include it (design.md §5). Ids are random UUIDs: a loop's id says
 * nothing about when it was sent or by whom.
 */
import { sql, type Kysely } from "kysely";
import type { Dialect } from "../index.js";
import { columnTypes } from "./columns.js";

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const t = columnTypes(dialect);
  const toGroup = ["organisation_id", "group_id"] as const;

  // Free loops may be anonymous unless the group says otherwise (default on, issue 4).
  await db.schema.alterTable("groups").addColumn("anonymous_loops_enabled", t.boolean, (c) => c.notNull().defaultTo(t.true)).execute();

  // An organisation's own packages; the built-in library lives in code (modules/tasks/library).
  await db.schema
    .createTable("content_packages")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("language", "text", (c) => c.notNull().check(sql`language in ('en', 'sv')`))
    /** JSON: { tasks: [{title, instructions}], tags: [{name, colour}], roleTitles? } */
    .addColumn("content", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("content_packages_org_idx").on("content_packages").column("organisation_id").execute();

  await db.schema
    .createTable("tasks")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull())
    .addColumn("group_id", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("instructions", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("is_published", t.boolean, (c) => c.notNull())
    .addColumn("due_at", t.timestamp)
    .addColumn("published_at", t.timestamp)
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addColumn("updated_at", t.timestamp, (c) => c.notNull())
    .addUniqueConstraint("tasks_org_id_uq", ["organisation_id", "id"])
    .addForeignKeyConstraint("tasks_group_fk", [...toGroup], "groups", ["organisation_id", "id"], (fk) => fk.onDelete("cascade"))
    .execute();
  await db.schema.createIndex("tasks_group_idx").on("tasks").columns(["group_id", "position"]).execute();

  await db.schema
    .createTable("tags")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull())
    .addColumn("group_id", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("colour", "text")
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("is_archived", t.boolean, (c) => c.notNull().defaultTo(t.false))
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addUniqueConstraint("tags_org_id_uq", ["organisation_id", "id"])
    .addForeignKeyConstraint("tags_group_fk", [...toGroup], "groups", ["organisation_id", "id"], (fk) => fk.onDelete("cascade"))
    .execute();
  await db.schema.createIndex("tags_group_idx").on("tags").columns(["group_id", "position"]).execute();

  await db.schema
    .createTable("loops")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull())
    .addColumn("group_id", "text", (c) => c.notNull())
    .addColumn("sender_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("task_id", "text")
    .addColumn("emoji", "integer", (c) => c.notNull().check(sql`emoji between 1 and 5`))
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("is_anonymous", t.boolean, (c) => c.notNull())
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    // The instant lists sort by: the sending time, or for an anonymous loop the start of its day,
    // so its place in a leader's inbox tells no more than its date does.
    .addColumn("listed_at", t.timestamp, (c) => c.notNull())
    .addColumn("edited_at", t.timestamp)
    .addColumn("approved_at", t.timestamp)
    .addColumn("approved_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("comment_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_comment_at", t.timestamp)
    // A leader or (flat group) a peer has answered: the inbox's "unanswered" filter.
    .addColumn("is_answered", t.boolean, (c) => c.notNull().defaultTo(t.false))
    .addUniqueConstraint("loops_org_id_uq", ["organisation_id", "id"])
    .addForeignKeyConstraint("loops_group_fk", [...toGroup], "groups", ["organisation_id", "id"], (fk) => fk.onDelete("cascade"))
    .addForeignKeyConstraint("loops_task_fk", ["organisation_id", "task_id"], "tasks", ["organisation_id", "id"])
    .addCheckConstraint("loops_anonymous_free_ck", sql`not (is_anonymous and task_id is not null)`)
    .execute();
  // The inbox: tenant, group, then newest first (bench/RESULTS.md measured the difference).
  await db.schema.createIndex("loops_group_listed_idx").on("loops").columns(["organisation_id", "group_id", "listed_at", "id"]).execute();
  await db.schema.createIndex("loops_sender_idx").on("loops").columns(["sender_id", "created_at"]).execute();
  await db.schema.createIndex("loops_task_idx").on("loops").columns(["task_id", "sender_id"]).execute();

  await db.schema
    .createTable("loop_tags")
    .addColumn("organisation_id", "text", (c) => c.notNull())
    .addColumn("loop_id", "text", (c) => c.notNull())
    .addColumn("tag_id", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("loop_tags_pk", ["loop_id", "tag_id"])
    .addForeignKeyConstraint("loop_tags_loop_fk", ["organisation_id", "loop_id"], "loops", ["organisation_id", "id"], (fk) => fk.onDelete("cascade"))
    .addForeignKeyConstraint("loop_tags_tag_fk", ["organisation_id", "tag_id"], "tags", ["organisation_id", "id"])
    .execute();
  await db.schema.createIndex("loop_tags_tag_idx").on("loop_tags").columns(["tag_id", "loop_id"]).execute();

  await db.schema
    .createTable("attachments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull())
    .addColumn("loop_id", "text", (c) => c.notNull())
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
    .addForeignKeyConstraint("attachments_loop_fk", ["organisation_id", "loop_id"], "loops", ["organisation_id", "id"], (fk) => fk.onDelete("cascade"))
    .execute();
  await db.schema.createIndex("attachments_loop_idx").on("attachments").columns(["loop_id", "position"]).execute();

  // When a person last opened a loop's thread: the inbox's unread state and the read receipts.
  await db.schema
    .createTable("loop_reads")
    .addColumn("organisation_id", "text", (c) => c.notNull())
    .addColumn("loop_id", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("read_at", t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint("loop_reads_pk", ["loop_id", "user_id"])
    .addForeignKeyConstraint("loop_reads_loop_fk", ["organisation_id", "loop_id"], "loops", ["organisation_id", "id"], (fk) => fk.onDelete("cascade"))
    .execute();
  await db.schema.createIndex("loop_reads_user_idx").on("loop_reads").columns(["user_id", "loop_id"]).execute();

  await db.schema
    .createTable("comments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull())
    .addColumn("loop_id", "text", (c) => c.notNull())
    .addColumn("author_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addColumn("edited_at", t.timestamp)
    .addColumn("deleted_at", t.timestamp)
    .addForeignKeyConstraint("comments_loop_fk", ["organisation_id", "loop_id"], "loops", ["organisation_id", "id"], (fk) => fk.onDelete("cascade"))
    .execute();
  await db.schema.createIndex("comments_loop_idx").on("comments").columns(["loop_id", "created_at"]).execute();

  // Saved answers: a leader's own (group_id null, usable in every group of the organisation) or shared with a group's leaders.
  await db.schema
    .createTable("comment_bank")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("group_id", "text")
    .addColumn("owner_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addForeignKeyConstraint("comment_bank_group_fk", [...toGroup], "groups", ["organisation_id", "id"], (fk) => fk.onDelete("cascade"))
    .execute();
  await db.schema.createIndex("comment_bank_owner_idx").on("comment_bank").columns(["organisation_id", "owner_id"]).execute();
  await db.schema.createIndex("comment_bank_group_idx").on("comment_bank").column("group_id").execute();
}
