/**
 * The retention purge (issue 7): once a day per group, what is older than the group's period goes —
 * loops (with tags, reads, comment threads, attachments), information posts (with files) and
 * surveys (with responses). A loop under a safeguarding flag that is not closed is kept until the
 * flag is closed. Each module deletes its own rows (`loops/commands/purge.ts`,
 * `posts/purge.ts`, `surveys/purge.ts`); this module only orchestrates.
 *
 * Crash safety: bounded batches, one transaction each. A batch queues the files of the rows it
 * deletes (`storage/pending-deletions.ts`) and writes its counts into the group's state in the same
 * transaction; the blobs are deleted only after the commit, and their pending rows then. A crash
 * anywhere loses nothing that should be kept (rows go before files, never the reverse) and the
 * next run finishes the job: pending blobs first, then the remaining batches. One audit event per
 * group purge (`retention.purged`) carries the counts of every batch.
 */
import type { AppContext } from "../../app.js";
import { recordAudit } from "../../audit/index.js";
import { deleteQueuedBlobs, queueBlobDeletions } from "../../storage/pending-deletions.js";
import type { DbOrTx } from "../../db/index.js";
import type { GroupRow } from "../../db/types.js";
import { purgeLoops } from "../loops/commands/purge.js";
import { purgePosts } from "../posts/purge.js";
import { loopsHeldBySafeguarding } from "../safeguarding/queries.js";
import { purgeSurveys } from "../surveys/purge.js";
import { periodBefore, RETENTION_NOTICE_DAYS } from "../../../shared/schemas/retention.js";

/** Rows per kind and transaction: short transactions, so sending loops never waits long behind a purge. */
export const PURGE_BATCH = 100;
const DAY_MS = 86_400_000;

export interface PurgeCounts {
  loops: number;
  comments: number;
  attachments: number;
  posts: number;
  surveys: number;
  responses: number;
}
const NONE: PurgeCounts = { loops: 0, comments: 0, attachments: 0, posts: 0, surveys: 0, responses: 0 };

/**
 * The instant before which the group's data has passed its period, or null while the notice after
 * a new or shortened period runs (nothing goes sooner than 14 days after it: members are warned).
 */
export function purgeCutoff(group: Pick<GroupRow, "retention_period" | "retention_changed_at">, now: Date): Date | null {
  if (group.retention_changed_at && now.getTime() < Date.parse(group.retention_changed_at) + RETENTION_NOTICE_DAYS * DAY_MS) return null;
  return periodBefore(now, group.retention_period);
}

async function ensureState(tx: DbOrTx, group: GroupRow): Promise<void> {
  await tx
    .insertInto("retention_group_state")
    .values({ organisation_id: group.organisation_id, group_id: group.id, purged_on: null, purge_counts: null, warned_at: null, warned_until: null })
    .onConflict((oc) => oc.column("group_id").doNothing())
    .execute();
}

const countsOf = (row: { purge_counts: string | null }): PurgeCounts => ({ ...NONE, ...(row.purge_counts ? (JSON.parse(row.purge_counts) as Partial<PurgeCounts>) : {}) });
const stateOf = (tx: DbOrTx, group: GroupRow) =>
  tx.selectFrom("retention_group_state").select("purge_counts").where("group_id", "=", group.id).executeTakeFirstOrThrow();

/** Adds a batch's counts to the purge under way, in the batch's transaction. */
async function addCounts(tx: DbOrTx, group: GroupRow, batch: Partial<PurgeCounts>): Promise<void> {
  await ensureState(tx, group);
  const sum = countsOf(await stateOf(tx, group));
  for (const [k, v] of Object.entries(batch) as [keyof PurgeCounts, number][]) sum[k] += v;
  await tx.updateTable("retention_group_state").set({ purge_counts: JSON.stringify(sum) }).where("group_id", "=", group.id).execute();
}

type Batch = (tx: DbOrTx, scope: { organisationId: string; groupId: string; before: string }, limit: number) => Promise<{ counts: Partial<PurgeCounts>; rows: number; blobKeys: string[] }>;

const BATCHES: Batch[] = [
  async (tx, scope, limit) => {
    const held = await loopsHeldBySafeguarding(tx, scope.organisationId, scope.groupId);
    const r = await purgeLoops(tx, { ...scope, held }, limit);
    return { counts: { loops: r.loops, comments: r.comments, attachments: r.attachments }, rows: r.loops, blobKeys: r.blobKeys };
  },
  async (tx, scope, limit) => {
    const r = await purgePosts(tx, scope, limit);
    return { counts: { posts: r.posts, attachments: r.attachments }, rows: r.posts, blobKeys: r.blobKeys };
  },
  async (tx, scope, limit) => {
    const r = await purgeSurveys(tx, scope, limit);
    return { counts: { surveys: r.surveys, responses: r.responses }, rows: r.surveys, blobKeys: [] };
  },
];

/**
 * Removes what is past the group's period, batch by batch, then writes one audit event with the
 * counts (none when nothing went) and marks the group purged for `today`. Returns the counts.
 */
export async function purgeGroup(ctx: AppContext, group: GroupRow, now: Date, today: string, batchSize = PURGE_BATCH): Promise<PurgeCounts> {
  const cutoff = purgeCutoff(group, now);
  if (cutoff) {
    const scope = { organisationId: group.organisation_id, groupId: group.id, before: cutoff.toISOString() };
    for (const batch of BATCHES) {
      for (;;) {
        const r = await ctx.db.transaction().execute(async (tx) => {
          const r = await batch(tx, scope, batchSize);
          if (r.rows === 0) return r;
          await queueBlobDeletions(tx, r.blobKeys, now);
          await addCounts(tx, group, r.counts);
          return r;
        });
        // The rows are gone for good: only now may the files go.
        await deleteQueuedBlobs(ctx, r.blobKeys);
        if (r.rows < batchSize) break;
      }
    }
  }
  return ctx.db.transaction().execute(async (tx) => {
    await ensureState(tx, group);
    const counts = countsOf(await stateOf(tx, group));
    if (Object.values(counts).some((n) => n > 0)) {
      await recordAudit(tx, {
        action: "retention.purged",
        actorId: null,
        organisationId: group.organisation_id,
        subjectType: "group",
        subjectId: group.id,
        data: { period: group.retention_period, before: cutoff?.toISOString() ?? null, ...counts },
        at: now,
      });
    }
    await tx.updateTable("retention_group_state").set({ purged_on: today, purge_counts: null }).where("group_id", "=", group.id).execute();
    return counts;
  });
}
