/**
 * Organisations, their members and roles; groups and their members; join codes and e-mail
 * invitations. Every tenant table carries organisation_id, and foreign keys between tenant
 * tables include it (design.md §5).
 */
import { sql, type Kysely } from "kysely";
import type { Dialect } from "../index.js";
import { columnTypes } from "./columns.js";

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const t = columnTypes(dialect);

  await db.schema
    .createTable("organisations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull().check(sql`type in ('school', 'municipality', 'employer', 'other')`))
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addColumn("updated_at", t.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("organisation_members")
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("is_admin", t.boolean, (c) => c.notNull().defaultTo(t.false))
    .addColumn("is_group_creator", t.boolean, (c) => c.notNull().defaultTo(t.false))
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint("organisation_members_pk", ["organisation_id", "user_id"])
    .execute();
  await db.schema.createIndex("organisation_members_user_idx").on("organisation_members").column("user_id").execute();

  await db.schema
    .createTable("groups")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull().check(sql`type in ('hierarchical', 'flat')`))
    .addColumn("has_student_members", t.boolean, (c) => c.notNull().defaultTo(t.false))
    .addColumn("leader_title_en", "text", (c) => c.notNull())
    .addColumn("leader_title_sv", "text", (c) => c.notNull())
    .addColumn("sender_title_en", "text", (c) => c.notNull())
    .addColumn("sender_title_sv", "text", (c) => c.notNull())
    .addColumn("owner_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("is_active", t.boolean, (c) => c.notNull())
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addColumn("updated_at", t.timestamp, (c) => c.notNull())
    .addUniqueConstraint("groups_org_id_uq", ["organisation_id", "id"])
    .execute();
  await db.schema.createIndex("groups_org_idx").on("groups").column("organisation_id").execute();

  await db.schema
    .createTable("group_members")
    .addColumn("organisation_id", "text", (c) => c.notNull())
    .addColumn("group_id", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("role", "text", (c) => c.notNull().check(sql`role in ('leader', 'tutor', 'sender')`))
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint("group_members_pk", ["group_id", "user_id"])
    .addForeignKeyConstraint("group_members_group_fk", ["organisation_id", "group_id"], "groups", ["organisation_id", "id"], (fk) =>
      fk.onDelete("cascade"),
    )
    .execute();
  await db.schema.createIndex("group_members_user_idx").on("group_members").column("user_id").execute();

  // One table of codes for every kind, so a person types a code without saying what it is for.
  await db.schema
    .createTable("join_codes")
    .addColumn("code", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("group_id", "text")
    .addColumn("purpose", "text", (c) => c.notNull().check(sql`purpose in ('group_creator', 'sender', 'leader')`))
    .addColumn("is_enabled", t.boolean, (c) => c.notNull())
    .addColumn("expires_at", t.timestamp)
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addForeignKeyConstraint("join_codes_group_fk", ["organisation_id", "group_id"], "groups", ["organisation_id", "id"], (fk) =>
      fk.onDelete("cascade"),
    )
    .execute();
  await db.schema
    .createIndex("join_codes_target_uq")
    .on("join_codes")
    .columns(["organisation_id", "group_id", "purpose"])
    .unique()
    .execute();

  await db.schema
    .createTable("invitations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("group_id", "text")
    .addColumn("purpose", "text", (c) => c.notNull().check(sql`purpose in ('group_creator', 'sender', 'leader', 'tutor')`))
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("email_normalized", "text", (c) => c.notNull())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("invited_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addColumn("expires_at", t.timestamp, (c) => c.notNull())
    .addColumn("accepted_at", t.timestamp)
    .addColumn("revoked_at", t.timestamp)
    .addForeignKeyConstraint("invitations_group_fk", ["organisation_id", "group_id"], "groups", ["organisation_id", "id"], (fk) =>
      fk.onDelete("cascade"),
    )
    .execute();
  await db.schema.createIndex("invitations_org_group_idx").on("invitations").columns(["organisation_id", "group_id"]).execute();
  await db.schema.createIndex("invitations_email_idx").on("invitations").column("email_normalized").execute();
}
