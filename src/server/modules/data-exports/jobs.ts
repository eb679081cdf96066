/**
 * The data-exports module's background work: building a requested export (queued), deleting
 * expired ones, and picking up exports a stopped process left pending (both scheduled).
 */
import type { AppContext } from "../../app.js";
import { BUILD_EXPORT_JOB, buildExport, expireExports } from "./commands.js";
import { listPending } from "./queries.js";

export const EXPIRE_EXPORTS_JOB = "data-exports.expire";
export const SWEEP_EXPORTS_JOB = "data-exports.sweep";
/** A pending export older than this was lost by a stopped process: build it again. */
const LOST_AFTER_MS = 10 * 60_000;

export function registerDataExportJobs(ctx: AppContext): void {
  ctx.jobs.handle<{ exportId: string }>(BUILD_EXPORT_JOB, ({ exportId }) => buildExport(ctx, exportId));
  ctx.jobs.every(EXPIRE_EXPORTS_JOB, 15 * 60_000, async () => void (await expireExports(ctx)));
  ctx.jobs.every(SWEEP_EXPORTS_JOB, 5 * 60_000, async () => {
    const lost = await listPending(ctx.db, new Date(ctx.clock().getTime() - LOST_AFTER_MS).toISOString());
    for (const row of lost) await buildExport(ctx, row.id);
  });
}
