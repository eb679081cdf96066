/**
 * Issue 7 (data-exports): "download my data". One row per requested export: who asked, whose or
 * which group's data, its state, the blob of the finished ZIP and when it expires. A person's own
 * export spans organisations, so organisation_id is null for it; an administrator's export of a
 * member and a group owner's export of a group carry their organisation (design.md §5).
 */
import { sql, type Kysely } from "kysely";
import type { Dialect } from "../index.js";
import { columnTypes } from "./columns.js";

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const t = columnTypes(dialect);
  await db.schema
    .createTable("data_exports")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.references("organisations.id").onDelete("cascade"))
    /** self (my own data), member (an administrator's export of a member), group (an owner's export of a group). */
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('self', 'member', 'group')`))
    /** Who asked: the only person who may download it. */
    .addColumn("requested_by", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    /** Whose data (self, member). */
    .addColumn("subject_user_id", "text", (c) => c.references("users.id").onDelete("cascade"))
    /** Which group (group). */
    .addColumn("group_id", "text", (c) => c.references("groups.id").onDelete("cascade"))
    .addColumn("language", "text", (c) => c.notNull())
    /** pending → ready → expired (blob deleted), or failed. */
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('pending', 'ready', 'failed', 'expired')`))
    .addColumn("blob_key", "text")
    .addColumn("size", "integer")
    .addColumn("requested_at", t.timestamp, (c) => c.notNull())
    .addColumn("ready_at", t.timestamp)
    .addColumn("expires_at", t.timestamp)
    .execute();
  // "My exports", and the one-per-24-hours check.
  await db.schema.createIndex("data_exports_requester_idx").on("data_exports").columns(["requested_by", "requested_at"]).execute();
  // The expiry sweep.
  await db.schema.createIndex("data_exports_expiry_idx").on("data_exports").columns(["status", "expires_at"]).execute();
}
