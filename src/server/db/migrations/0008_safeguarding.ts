/**
 * Issue 7 (safeguarding): the organisation's designated safeguarding contacts, loops flagged
 * "requires reporting" by a leader, and each flag's history of what was done.
 *
 * A contact is a member of the organisation: the foreign key to organisation_members removes the
 * designation when the person leaves it. A flag outlives its loop: when the sender deletes the
 * loop, or retention or erasure removes it, `loop_id` becomes null and the record of what the
 * school did (reason, notes, steps) stays; the loop's own content goes with the loop.
 */
import { sql, type Kysely } from "kysely";
import type { Dialect } from "../index.js";
import { columnTypes } from "./columns.js";

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const t = columnTypes(dialect);

  await db.schema
    .createTable("safeguarding_contacts")
    .addColumn("organisation_id", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull())
    /** The administrator who designated them (null once that account is gone). */
    .addColumn("added_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint("safeguarding_contacts_pk", ["organisation_id", "user_id"])
    .addForeignKeyConstraint("safeguarding_contacts_member_fk", ["organisation_id", "user_id"], "organisation_members", ["organisation_id", "user_id"], (fk) =>
      fk.onDelete("cascade"),
    )
    .execute();
  await db.schema.createIndex("safeguarding_contacts_user_idx").on("safeguarding_contacts").column("user_id").execute();

  await db.schema
    .createTable("safeguarding_flags")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    // Single-column keys: a composite one would null organisation_id too on SET NULL.
    .addColumn("group_id", "text", (c) => c.references("groups.id").onDelete("set null"))
    .addColumn("loop_id", "text", (c) => c.references("loops.id").onDelete("set null"))
    .addColumn("flagged_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("reason", "text", (c) => c.notNull().check(sql`reason in ('abuse', 'risk', 'other')`))
    .addColumn("note", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('open', 'forwarded_social_services', 'forwarded_other', 'closed')`))
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addColumn("updated_at", t.timestamp, (c) => c.notNull())
    .addUniqueConstraint("safeguarding_flags_org_id_uq", ["organisation_id", "id"])
    .execute();
  await db.schema.createIndex("safeguarding_flags_org_idx").on("safeguarding_flags").columns(["organisation_id", "status", "created_at"]).execute();
  await db.schema.createIndex("safeguarding_flags_loop_idx").on("safeguarding_flags").column("loop_id").execute();
  await db.schema.createIndex("safeguarding_flags_group_idx").on("safeguarding_flags").column("group_id").execute();
  await db.schema.createIndex("safeguarding_flags_flagger_idx").on("safeguarding_flags").column("flagged_by").execute();

  await db.schema
    .createTable("safeguarding_steps")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull())
    .addColumn("flag_id", "text", (c) => c.notNull())
    .addColumn("actor_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('open', 'forwarded_social_services', 'forwarded_other', 'closed')`))
    .addColumn("note", "text", (c) => c.notNull())
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addForeignKeyConstraint("safeguarding_steps_flag_fk", ["organisation_id", "flag_id"], "safeguarding_flags", ["organisation_id", "id"], (fk) => fk.onDelete("cascade"))
    .execute();
  await db.schema.createIndex("safeguarding_steps_flag_idx").on("safeguarding_steps").columns(["flag_id", "created_at"]).execute();
  await db.schema.createIndex("safeguarding_steps_actor_idx").on("safeguarding_steps").column("actor_id").execute();
}
