/**
 * Crash reports: receiving one (scrubbed, with the device read from the User-Agent), a person's
 * standing choice, and the purge of reports older than 90 days.
 */
import { randomUUID } from "node:crypto";
import type { CommandBase } from "../../app.js";
import { recordAudit } from "../../audit/index.js";
import type { DeviceInfo } from "../../auth/device.js";
import { forbidden } from "../../http/errors.js";
import type { Actor } from "../../policies/index.js";
import { CRASH_MESSAGE_MAX_LENGTH, CRASH_STACK_MAX_LENGTH, routePattern, scrubCrashText } from "../../../shared/crash-reports.js";
import type { CreateCrashReportBody } from "../../../shared/schemas/crash-reports.js";
import { crashReportSettingOf } from "./queries.js";

/** Reports are kept this long, then deleted by the `crash-reports.purge` job. */
export const CRASH_REPORT_RETENTION_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Stores one report if it carries consent: `once` (approved when asked), or `setting` with the
 * sender's stored setting on. Nothing of the sender is kept: no user id, no address.
 */
export async function receiveCrashReport({ ctx, actor, body, device }: CommandBase & { actor: Actor | null; body: CreateCrashReportBody; device: DeviceInfo }): Promise<void> {
  if (body.consent === "setting" && !(actor && (await crashReportSettingOf(ctx.db, actor.userId)).enabled)) {
    throw forbidden("A crash report needs your consent: approve this report, or turn on sending crash reports in your profile.");
  }
  const stack = body.stack ? scrubCrashText(body.stack, CRASH_STACK_MAX_LENGTH) : null;
  await ctx.db
    .insertInto("crash_reports")
    .values({
      id: randomUUID(),
      received_at: ctx.clock().toISOString(),
      consent: body.consent,
      source: body.source,
      message: scrubCrashText(body.message, CRASH_MESSAGE_MAX_LENGTH),
      stack: stack || null,
      app_version: body.appVersion,
      route: routePattern(body.route),
      os: device.os,
      os_version: device.os_version,
      // The browser's major version is enough to read a stack; the rest would only narrow down the device.
      browser: device.browser,
      browser_version: device.browser_version?.split(".")[0] ?? null,
      device_type: device.device_type,
    })
    .execute();
}

/** Turns the person's standing consent on or off; the change is audited (when and from where they chose). */
export async function setCrashReportSetting({ ctx, ip, actor, enabled }: CommandBase & { actor: Actor; enabled: boolean }): Promise<{ enabled: boolean }> {
  const at = ctx.clock();
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .insertInto("crash_report_settings")
      .values({ user_id: actor.userId, reports_enabled: enabled, updated_at: at.toISOString() })
      .onConflict((oc) => oc.column("user_id").doUpdateSet({ reports_enabled: enabled, updated_at: at.toISOString() }))
      .execute();
    await recordAudit(tx, { action: "crash_reports.setting_changed", actorId: actor.userId, subjectType: "user", subjectId: actor.userId, ip, data: { enabled }, at });
  });
  return { enabled };
}

/** Deletes every report received more than CRASH_REPORT_RETENTION_DAYS ago; returns how many. */
export async function purgeCrashReports(ctx: CommandBase["ctx"]): Promise<number> {
  const cutoff = new Date(ctx.clock().getTime() - CRASH_REPORT_RETENTION_DAYS * DAY_MS).toISOString();
  const result = await ctx.db.deleteFrom("crash_reports").where("received_at", "<", cutoff).executeTakeFirst();
  return Number(result.numDeletedRows);
}
