/**
 * Issue 7 (privacy-policy): the instance's privacy policy versions, who accepted which, closed
 * banners and the e-mail about a significant version. The policy belongs to the instance, not to
 * an organisation, so these tables carry no organisation_id. Published versions are immutable:
 * the database refuses UPDATE and DELETE on them, as on the audit log ("we will keep prior
 * versions of this privacy policy in an archive").
 */
import { sql, type Kysely } from "kysely";
import type { Dialect } from "../index.js";
import { columnTypes } from "./columns.js";

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const t = columnTypes(dialect);

  await db.schema
    .createTable("privacy_policy_versions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("significance", "text", (c) => c.notNull().check(sql`significance in ('minor', 'significant')`))
    .addColumn("summary_en", "text", (c) => c.notNull())
    .addColumn("summary_sv", "text", (c) => c.notNull())
    .addColumn("body_en", "text", (c) => c.notNull())
    .addColumn("body_sv", "text", (c) => c.notNull())
    .addColumn("published_at", t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("privacy_policy_versions_published_idx").on("privacy_policy_versions").columns(["published_at", "id"]).execute();

  if (dialect === "postgres") {
    await sql`create function privacy_policy_versions_immutable() returns trigger language plpgsql as $$
      begin raise exception 'privacy_policy_versions are immutable'; end $$`.execute(db);
    await sql`create trigger privacy_policy_versions_no_change before update or delete on privacy_policy_versions
      for each row execute function privacy_policy_versions_immutable()`.execute(db);
  } else {
    await sql`create trigger privacy_policy_versions_no_update before update on privacy_policy_versions
      begin select raise(abort, 'privacy_policy_versions are immutable'); end`.execute(db);
    await sql`create trigger privacy_policy_versions_no_delete before delete on privacy_policy_versions
      begin select raise(abort, 'privacy_policy_versions are immutable'); end`.execute(db);
  }

  await db.schema
    .createTable("privacy_policy_acceptances")
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("version_id", "text", (c) => c.notNull().references("privacy_policy_versions.id"))
    .addColumn("accepted_at", t.timestamp, (c) => c.notNull())
    .addColumn("how", "text", (c) => c.notNull().check(sql`how in ('sign_up', 'acknowledged')`))
    .addPrimaryKeyConstraint("privacy_policy_acceptances_pk", ["user_id", "version_id"])
    .execute();

  await db.schema
    .createTable("privacy_policy_dismissals")
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("version_id", "text", (c) => c.notNull().references("privacy_policy_versions.id"))
    .addColumn("dismissed_at", t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint("privacy_policy_dismissals_pk", ["user_id", "version_id"])
    .execute();

  await db.schema
    .createTable("privacy_policy_mailings")
    .addColumn("version_id", "text", (c) => c.primaryKey().references("privacy_policy_versions.id"))
    .addColumn("cursor", "text")
    .addColumn("done_at", t.timestamp)
    .execute();
}
