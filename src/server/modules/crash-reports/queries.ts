/** Reads of the crash-reports module. `crashReportSettingOf` is the data export's door to a person's choice. */
import type { DbOrTx } from "../../db/index.js";

/** A person's crash-report setting: off, with no time, until they chose. */
export async function crashReportSettingOf(db: DbOrTx, userId: string): Promise<{ enabled: boolean; updatedAt: string | null }> {
  const row = await db.selectFrom("crash_report_settings").select(["reports_enabled", "updated_at"]).where("user_id", "=", userId).executeTakeFirst();
  return { enabled: row?.reports_enabled ?? false, updatedAt: row?.updated_at ?? null };
}

/** Reports newest first, keyset-paged on (received_at, id); one more than `limit` tells there is a next page. */
export function listCrashReports(db: DbOrTx, cursor: { at: string; id: string } | null, limit: number) {
  let q = db
    .selectFrom("crash_reports")
    .select(["id", "received_at", "consent", "source", "message", "app_version", "route", "os", "os_version", "browser", "browser_version", "device_type"]);
  if (cursor) q = q.where((eb) => eb.or([eb("received_at", "<", cursor.at), eb.and([eb("received_at", "=", cursor.at), eb("id", "<", cursor.id)])]));
  return q.orderBy("received_at", "desc").orderBy("id", "desc").limit(limit + 1).execute();
}

export function findCrashReport(db: DbOrTx, id: string) {
  return db.selectFrom("crash_reports").selectAll().where("id", "=", id).executeTakeFirst();
}
