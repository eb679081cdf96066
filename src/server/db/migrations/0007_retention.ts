/**
 * Issue 7 (retention): how long a group keeps its data and why, the organisation's defaults for
 * new groups, and two organisation settings read by the export and erasure features.
 *
 * - groups: `retention_period` (ISO 8601 duration: P3M, P6M, P12M, P24M, P36M or P<n>D),
 *   `retention_purpose` (free text shown to every member) and `retention_changed_at` (when the
 *   period was set or shortened: nothing is removed sooner than 14 days after it, so members are
 *   warned first). Groups that exist before this migration get the default (3 months) with
 *   `retention_changed_at` = now: an upgrade never removes data without that notice.
 * - organisations: the defaults of new groups, `export_comment_authors` ("role" | "name") and
 *   `erased_user_comments` ("keep" | "remove").
 * - retention_group_state: per group, the day of its last completed purge and its last warning.
 * - retention_pending_blobs: blob keys whose rows a purge batch deleted, written in the batch's
 *   transaction and removed once the blob is gone, so a crash between the commit and the file
 *   deletion leaves nothing behind: the next run deletes them.
 */
import { sql, type Kysely } from "kysely";
import type { Dialect } from "../index.js";
import { columnTypes } from "./columns.js";

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const t = columnTypes(dialect);
  const now = new Date().toISOString();

  await db.schema.alterTable("groups").addColumn("retention_period", "text", (c) => c.notNull().defaultTo("P3M")).execute();
  await db.schema.alterTable("groups").addColumn("retention_purpose", "text", (c) => c.notNull().defaultTo("")).execute();
  await db.schema.alterTable("groups").addColumn("retention_changed_at", t.timestamp).execute();
  await sql`update groups set retention_changed_at = ${now}`.execute(db);

  await db.schema.alterTable("organisations").addColumn("default_retention_period", "text", (c) => c.notNull().defaultTo("P3M")).execute();
  await db.schema.alterTable("organisations").addColumn("default_retention_purpose", "text", (c) => c.notNull().defaultTo("")).execute();
  await db.schema
    .alterTable("organisations")
    .addColumn("export_comment_authors", "text", (c) => c.notNull().defaultTo("role").check(sql`export_comment_authors in ('role', 'name')`))
    .execute();
  await db.schema
    .alterTable("organisations")
    .addColumn("erased_user_comments", "text", (c) => c.notNull().defaultTo("keep").check(sql`erased_user_comments in ('keep', 'remove')`))
    .execute();

  await db.schema
    .createTable("retention_group_state")
    .addColumn("organisation_id", "text", (c) => c.notNull())
    .addColumn("group_id", "text", (c) => c.primaryKey())
    // The UTC day (YYYY-MM-DD) of the last completed purge: the job purges a group once a day.
    .addColumn("purged_on", "text")
    // What the purge under way has removed so far (JSON counts), so one audit event per purge
    // counts every batch even when a crash split it across runs.
    .addColumn("purge_counts", "text")
    // The last retention_warning sent to the group's members, and the horizon it covered: what
    // goes by then has been announced.
    .addColumn("warned_at", t.timestamp)
    .addColumn("warned_until", t.timestamp)
    .addForeignKeyConstraint("retention_group_state_group_fk", ["organisation_id", "group_id"], "groups", ["organisation_id", "id"], (fk) => fk.onDelete("cascade"))
    .execute();

  await db.schema
    .createTable("retention_pending_blobs")
    .addColumn("blob_key", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull())
    .addColumn("queued_at", t.timestamp, (c) => c.notNull())
    .execute();
}
