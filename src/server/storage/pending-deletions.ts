/**
 * Files to delete after a commit. A command that deletes rows owning files (an erasure, a
 * retention purge) writes the files' keys here in its own transaction; once it has committed, it
 * deletes the files and then their rows. A crash or a failing store in between leaves the keys
 * here, and the sweep (`storage.pending_deletions`, every 15 minutes) finishes the work. Rows go
 * before files, never the reverse: nothing that must be kept is ever lost, and nothing stays.
 */
import type { AppContext } from "../app.js";
import type { DbOrTx } from "../db/index.js";

export const BLOB_SWEEP_JOB = "storage.pending_deletions";
const SWEEP_EVERY_MS = 15 * 60_000;

/** Queues the files in the caller's transaction (a key queued twice is kept once). */
export async function queueBlobDeletions(tx: DbOrTx, keys: readonly string[], at: Date): Promise<void> {
  if (keys.length === 0) return;
  await tx
    .insertInto("pending_blob_deletions")
    .values([...new Set(keys)].map((blob_key) => ({ blob_key, queued_at: at.toISOString() })))
    .onConflict((oc) => oc.column("blob_key").doNothing())
    .execute();
}

/** Deletes the given queued files (after their transaction committed), or every queued one: the file, then its row. */
export async function deleteQueuedBlobs(ctx: Pick<AppContext, "db" | "blobs" | "log">, keys?: readonly string[]): Promise<void> {
  const rows = keys ? keys.map((blob_key) => ({ blob_key })) : await ctx.db.selectFrom("pending_blob_deletions").select("blob_key").execute();
  for (const { blob_key } of rows) {
    try {
      await ctx.blobs.delete(blob_key);
      await ctx.db.deleteFrom("pending_blob_deletions").where("blob_key", "=", blob_key).execute();
    } catch (err) {
      // Kept queued: the sweep tries again.
      ctx.log.error({ err, key: blob_key }, "could not delete a file; the sweep tries again");
    }
  }
}

/** Registers the sweep (app.ts). */
export function registerBlobSweep(ctx: AppContext): void {
  ctx.jobs.every(BLOB_SWEEP_JOB, SWEEP_EVERY_MS, () => deleteQueuedBlobs(ctx));
}
