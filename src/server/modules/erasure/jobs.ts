/**
 * The erasure module's scheduled work: `erasure.blobs` deletes the files a committed erasure
 * could not delete at once (a crash or a failing store between the commit and the deletion).
 */
import type { AppContext } from "../../app.js";
import { deletePendingErasureBlobs } from "./commands.js";

export const ERASURE_BLOBS_JOB = "erasure.blobs";
const EVERY_MS = 15 * 60_000;

/** Registers `erasure.blobs` (app.ts). */
export function registerErasureJobs(ctx: AppContext): void {
  ctx.jobs.every(ERASURE_BLOBS_JOB, EVERY_MS, () => deletePendingErasureBlobs(ctx));
}
