/** The crash-reports module's scheduled work: deleting reports older than 90 days. */
import type { AppContext } from "../../app.js";
import { purgeCrashReports } from "./commands.js";

export const PURGE_JOB = "crash-reports.purge";
/**
 * Hourly, though the promise is daily: the timers restart with the process, and a daily timer
 * in a process restarted more often than daily would never fire. A run finds what is due itself.
 */
const PURGE_EVERY_MS = 60 * 60 * 1000;

/** Registers `crash-reports.purge` (app.ts). */
export function registerCrashReportJobs(ctx: AppContext): void {
  ctx.jobs.every(PURGE_JOB, PURGE_EVERY_MS, async () => {
    const deleted = await purgeCrashReports(ctx);
    if (deleted > 0) ctx.log.info({ deleted }, "crash reports older than 90 days deleted");
  });
}
