/**
 * Issue 7 (crash-reports): the web app's crash reports and each person's standing choice to send
 * them. A report names no one: it has no user, no organisation and no address (instance
 * administrators read it to mend the program; it is about the program, not a person), so it is
 * no tenant's data and carries no organisation_id. Reports are deleted 90 days after arrival.
 */
import { sql, type Kysely } from "kysely";
import type { Dialect } from "../index.js";
import { columnTypes } from "./columns.js";

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const t = columnTypes(dialect);

  // A row only for those who turned the setting on (or off again): no row means off.
  await db.schema
    .createTable("crash_report_settings")
    .addColumn("user_id", "text", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
    .addColumn("reports_enabled", t.boolean, (c) => c.notNull().defaultTo(t.false))
    .addColumn("updated_at", t.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("crash_reports")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("received_at", t.timestamp, (c) => c.notNull())
    .addColumn("consent", "text", (c) => c.notNull().check(sql`consent in ('setting', 'once')`))
    .addColumn("source", "text", (c) => c.notNull().check(sql`source in ('boundary', 'error', 'rejection')`))
    .addColumn("message", "text", (c) => c.notNull())
    .addColumn("stack", "text")
    .addColumn("app_version", "text", (c) => c.notNull())
    .addColumn("route", "text", (c) => c.notNull())
    .addColumn("os", "text")
    .addColumn("os_version", "text")
    .addColumn("browser", "text")
    .addColumn("browser_version", "text")
    .addColumn("device_type", "text")
    .execute();
  // The list (newest first) and the purge (oldest first) both walk this.
  await db.schema.createIndex("crash_reports_received_idx").on("crash_reports").columns(["received_at", "id"]).execute();
}
