/** Accounts, sessions, one-time tokens, instance state and the append-only audit log. */
import { sql, type Kysely } from "kysely";
import type { Dialect } from "../index.js";
import { columnTypes } from "./columns.js";

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const t = columnTypes(dialect);

  await db.schema
    .createTable("users")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("email_normalized", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("password_hash", "text")
    .addColumn("language", "text", (c) => c.notNull().check(sql`language in ('en', 'sv')`))
    .addColumn("picture_key", "text")
    .addColumn("is_instance_admin", t.boolean, (c) => c.notNull().defaultTo(t.false))
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addColumn("updated_at", t.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addColumn("last_seen_at", t.timestamp, (c) => c.notNull())
    .addColumn("expires_at", t.timestamp, (c) => c.notNull())
    .addColumn("browser", "text")
    .addColumn("browser_version", "text")
    .addColumn("os", "text")
    .addColumn("os_version", "text")
    .addColumn("device_type", "text")
    .execute();
  await db.schema.createIndex("sessions_user_id_idx").on("sessions").column("user_id").execute();

  await db.schema
    .createTable("auth_tokens")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('password_reset', 'email_change')`))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("new_email", "text")
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addColumn("expires_at", t.timestamp, (c) => c.notNull())
    .addColumn("used_at", t.timestamp)
    .execute();
  await db.schema.createIndex("auth_tokens_user_id_idx").on("auth_tokens").column("user_id").execute();

  await db.schema
    .createTable("instance_state")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("admin_claimed_at", t.timestamp)
    .execute();
  await sql`insert into instance_state (id, admin_claimed_at) values (1, null)`.execute(db);

  await db.schema
    .createTable("audit_events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text")
    .addColumn("actor_id", "text")
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("subject_type", "text", (c) => c.notNull())
    .addColumn("subject_id", "text")
    .addColumn("ip", "text")
    .addColumn("outcome", "text", (c) => c.notNull().check(sql`outcome in ('success', 'denied', 'failure')`))
    .addColumn("data", "text", (c) => c.notNull())
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("audit_events_org_created_idx")
    .on("audit_events")
    .columns(["organisation_id", "created_at"])
    .execute();

  // The audit log is append-only: the database itself refuses UPDATE and DELETE.
  if (dialect === "postgres") {
    await sql`create function audit_events_append_only() returns trigger language plpgsql as $$
      begin raise exception 'audit_events is append-only'; end $$`.execute(db);
    await sql`create trigger audit_events_no_update before update or delete on audit_events
      for each row execute function audit_events_append_only()`.execute(db);
  } else {
    await sql`create trigger audit_events_no_update before update on audit_events
      begin select raise(abort, 'audit_events is append-only'); end`.execute(db);
    await sql`create trigger audit_events_no_delete before delete on audit_events
      begin select raise(abort, 'audit_events is append-only'); end`.execute(db);
  }
}
