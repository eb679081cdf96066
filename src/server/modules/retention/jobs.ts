/**
 * The retention module's scheduled work. `retention.daily` runs every hour but does each group's
 * work once per UTC day (`retention_group_state.purged_on`): a restart or a missed tick only
 * delays it, a second run the same day finds nothing to do. Per group: the purge of what is past
 * its period (purge.ts), then the members' warning when something goes within the next 28 days
 * that no earlier warning announced (`warned_until`: the horizon the last one covered) — at most
 * once every 14 days, so a batch gathers what comes due meanwhile, and at once again after the
 * period was shortened. Every item is announced once, at least 14 days before it goes, and nobody
 * gets a warning a day.
 */
import type { AppContext } from "../../app.js";
import type { GroupRow } from "../../db/types.js";
import { listGroupsPage, listMemberIdsWho } from "../groups/queries.js";
import { announce, notify } from "../notifications/notify.js";
import type { RetentionGroupStateRow } from "../../db/tables/retention.js";
import { deleteQueuedBlobs } from "../../storage/pending-deletions.js";
import { purgeGroup } from "./purge.js";
import { dueBy } from "./queue.js";

export const RETENTION_JOB = "retention.daily";
const RETENTION_EVERY_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** The warning looks this far ahead… */
export const WARNING_LOOKAHEAD_DAYS = 28;
/** …and is sent at most this often per group. */
export const WARNING_EVERY_DAYS = 14;
const GROUPS_PAGE = 200;

/** Registers `retention.daily` (app.ts). */
export function registerRetentionJobs(ctx: AppContext): void {
  ctx.jobs.every(RETENTION_JOB, RETENTION_EVERY_MS, async () => {
    await runRetention(ctx);
  });
}

/** One run: files left queued by an interrupted purge (or erasure), then every group not yet done today. */
export async function runRetention(ctx: AppContext): Promise<void> {
  await deleteQueuedBlobs(ctx);
  const now = ctx.clock();
  const today = now.toISOString().slice(0, 10);
  let after: string | null = null;
  for (;;) {
    const groups = await listGroupsPage(ctx.db, after, GROUPS_PAGE);
    if (groups.length === 0) break;
    after = groups[groups.length - 1]!.id;
    const states = new Map(
      (await ctx.db.selectFrom("retention_group_state").selectAll().where("group_id", "in", groups.map((g) => g.id)).execute()).map((s) => [s.group_id, s]),
    );
    for (const group of groups) {
      const state = states.get(group.id);
      if (state?.purged_on === today) continue;
      try {
        await purgeGroup(ctx, group, now, today);
        await warnMembers(ctx, group, state, now);
      } catch (err) {
        // One group's failure does not stop the others; it is tried again at the next run.
        ctx.log.error({ err, groupId: group.id }, "retention: a group's purge failed");
      }
    }
  }
}

/** Tells the members of an active group, once per batch, that data of the group goes soon. */
async function warnMembers(ctx: AppContext, group: GroupRow, state: RetentionGroupStateRow | undefined, now: Date): Promise<void> {
  if (!group.is_active) return;
  const warnedAt = state?.warned_at ? Date.parse(state.warned_at) : null;
  const shortenedSince = warnedAt !== null && group.retention_changed_at !== null && Date.parse(group.retention_changed_at) > warnedAt;
  if (warnedAt !== null && now.getTime() - warnedAt < WARNING_EVERY_DAYS * DAY_MS && !shortenedSince) return;
  const horizon = new Date(now.getTime() + WARNING_LOOKAHEAD_DAYS * DAY_MS);
  // After a shorter period everything due is news again; otherwise only what the last warning's horizon did not reach.
  const since = !shortenedSince && state?.warned_until ? new Date(state.warned_until) : undefined;
  if (!(await dueBy(ctx.db, group, horizon, 0, since)).any) return;
  const notified = await ctx.db.transaction().execute(async (tx) => {
    const notified = await notify(tx, {
      kind: "retention_warning",
      organisationId: group.organisation_id,
      groupId: group.id,
      recipients: await listMemberIdsWho(tx, group, "readPosts"),
      actorId: null,
      at: now,
    });
    await tx
      .updateTable("retention_group_state")
      .set({ warned_at: now.toISOString(), warned_until: horizon.toISOString() })
      .where("group_id", "=", group.id)
      .execute();
    return notified;
  });
  announce(ctx, notified);
}
