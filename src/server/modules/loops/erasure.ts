/**
 * The loops module's part of erasing a person (issue 7; the erasure module orchestrates): their
 * own loops go, with the tags, reads, comment threads (everyone's comments on them), attachments
 * and feed items under them (ON DELETE CASCADE), each uncounted from the statistics roll-ups
 * exactly as a sender's own deletion does; their read marks on other people's loops go too.
 */
import type { DbOrTx } from "../../db/index.js";
import type { ErasureScope } from "../erasure/scope.js";
import { uncountLoopActivity } from "./commands/activity.js";
import { blobKeysOf } from "./commands/purge.js";

/** Loops deleted per statement: bounded, so a prolific sender's erasure stays within parameter limits. */
const BATCH = 200;

/** Deletes the person's loops in scope in the caller's transaction; returns how many and the blob keys to delete after its commit. */
export async function eraseLoopsOf(tx: DbOrTx, scope: ErasureScope): Promise<{ loops: number; blobKeys: string[] }> {
  let count = 0;
  const blobKeys: string[] = [];
  for (;;) {
    let q = tx
      .selectFrom("loops")
      .select(["id", "organisation_id", "group_id", "sender_id", "listed_on", "is_anonymous"])
      .where("sender_id", "=", scope.userId);
    if (scope.organisationId) q = q.where("organisation_id", "=", scope.organisationId);
    const loops = await q.orderBy("id").limit(BATCH).execute();
    if (loops.length === 0) break;
    const ids = loops.map((l) => l.id);
    const files = await tx.selectFrom("attachments").select(["blob_key", "thumbnail_key"]).where("loop_id", "in", ids).execute();
    blobKeys.push(...blobKeysOf(files));
    await tx.deleteFrom("loops").where("id", "in", ids).execute();
    for (const loop of loops) await uncountLoopActivity(tx, loop);
    count += loops.length;
  }
  let reads = tx.deleteFrom("loop_reads").where("user_id", "=", scope.userId);
  if (scope.organisationId) reads = reads.where("organisation_id", "=", scope.organisationId);
  await reads.execute();
  // Who approved a report is the approver's data; the report itself is its sender's.
  let approved = tx.updateTable("loops").set({ approved_by: null }).where("approved_by", "=", scope.userId);
  if (scope.organisationId) approved = approved.where("organisation_id", "=", scope.organisationId);
  await approved.execute();
  return { loops: count, blobKeys };
}

/** The groups the person sent loops in (within the scope): their exports hold the person's loops. */
export async function groupsSentInBy(db: DbOrTx, scope: ErasureScope): Promise<string[]> {
  let q = db.selectFrom("loops").select("group_id").distinct().where("sender_id", "=", scope.userId);
  if (scope.organisationId) q = q.where("organisation_id", "=", scope.organisationId);
  return (await q.execute()).map((r) => r.group_id);
}

/** How many loops the person sent (within the scope): what their erasure would take. */
export async function countLoopsSentBy(db: DbOrTx, scope: ErasureScope): Promise<number> {
  let q = db.selectFrom("loops").select((eb) => eb.fn.countAll<number | string>().as("n")).where("sender_id", "=", scope.userId);
  if (scope.organisationId) q = q.where("organisation_id", "=", scope.organisationId);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

/** Of these groups, those holding a loop someone else sent (such a group is not the person's alone to delete). */
export async function groupsWithLoopsOfOthers(db: DbOrTx, groupIds: readonly string[], userId: string): Promise<Set<string>> {
  if (groupIds.length === 0) return new Set();
  const rows = await db.selectFrom("loops").select("group_id").distinct().where("group_id", "in", [...groupIds]).where("sender_id", "!=", userId).execute();
  return new Set(rows.map((r) => r.group_id));
}
