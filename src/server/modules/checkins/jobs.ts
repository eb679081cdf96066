/**
 * The check-in scheduler: every minute, each active check-in whose next occurrence is due gets
 * that occurrence, its members a feed item (and e-mail per their choice), and its next occurrence
 * a week on. Idempotent by construction (job-queue.ts): a runner first claims the check-in with a
 * conditional update of `next_occurrence_at`, and (checkin_id, occurs_at) is unique, so a second
 * runner or a repeated run finds nothing to do. After a gap (the server was down for weeks) only
 * the latest occurrence is made, not one per missed week.
 */
import type { AppContext } from "../../app.js";
import type { CheckinRow } from "../../db/types.js";
import { randomUUID } from "node:crypto";
import { DEFAULT_TIME_ZONE } from "../../../shared/schemas/organisations.js";
import { findGroup, listMemberIdsWho } from "../groups/queries.js";
import { announce, notify, type Notified } from "../notifications/notify.js";
import { findOrganisations } from "../organisations/queries.js";
import { listDueCheckins } from "./queries.js";
import { latestDue, nextOccurrence } from "./schedule.js";

export const CHECKINS_JOB = "checkins.occur";
const INTERVAL_MS = 60_000;
/** Check-ins handled per round of the sweep; a round that fills it is followed by another. */
const BATCH = 200;

/** Registers the scheduler (app.ts). */
export function registerCheckinJobs(ctx: AppContext): void {
  ctx.jobs.every(CHECKINS_JOB, INTERVAL_MS, async () => {
    await openDueOccurrences(ctx);
  });
}

/** Makes every occurrence due at the clock's now; returns how many were made. */
export async function openDueOccurrences(ctx: AppContext): Promise<number> {
  const now = ctx.clock();
  let opened = 0;
  for (;;) {
    // The one sweep across organisations: it only picks due rows; each is then handled in its tenant.
    const due = await listDueCheckins(ctx.db, now.toISOString(), BATCH);
    if (due.length === 0) return opened;
    const orgIds = [...new Set(due.map((c) => c.organisation_id))];
    const zones = new Map((await findOrganisations(ctx.db, orgIds)).map((o) => [o.id, o.time_zone]));
    let failed = false;
    for (const checkin of due) {
      try {
        if (await openOccurrence(ctx, checkin, zones.get(checkin.organisation_id) ?? DEFAULT_TIME_ZONE, now)) opened++;
      } catch (err) {
        // It stays due: the next run tries again. Stop this run so one bad row cannot spin it.
        failed = true;
        ctx.log.error({ err, checkinId: checkin.id }, "could not open a check-in occurrence");
      }
    }
    if (failed || due.length < BATCH) return opened;
  }
}

/** Claims one due check-in, makes its occurrence and tells its members; false when there was nothing to make. */
async function openOccurrence(ctx: AppContext, checkin: CheckinRow, timeZone: string, now: Date): Promise<boolean> {
  const due = new Date(checkin.next_occurrence_at!);
  const occursAt = latestDue(due, now, checkin.weekday, checkin.time_of_day, timeZone);
  const following = nextOccurrence(occursAt, checkin.weekday, checkin.time_of_day, timeZone);
  const group = await findGroup(ctx.db, checkin.group_id);
  const notified = await ctx.db.transaction().execute(async (tx): Promise<Notified | null> => {
    const claimed = await tx
      .updateTable("checkins")
      .set({ next_occurrence_at: following.toISOString() })
      .where("organisation_id", "=", checkin.organisation_id)
      .where("id", "=", checkin.id)
      .where("is_active", "=", true)
      .where("next_occurrence_at", "=", checkin.next_occurrence_at)
      .executeTakeFirst();
    // Another runner, or an edit in between, got there first.
    if (Number(claimed.numUpdatedRows) === 0) return null;
    // An inactive group's members cannot see it: its check-ins keep time but ask nobody.
    if (!group?.is_active || group.organisation_id !== checkin.organisation_id) return null;
    const occurrence = {
      id: randomUUID(),
      organisation_id: checkin.organisation_id,
      group_id: checkin.group_id,
      checkin_id: checkin.id,
      prompt: checkin.prompt,
      occurs_at: occursAt.toISOString(),
      created_at: now.toISOString(),
    };
    const inserted = await tx
      .insertInto("checkin_occurrences")
      .values(occurrence)
      .onConflict((oc) => oc.columns(["checkin_id", "occurs_at"]).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return null;
    return notify(tx, {
      kind: "checkin_opened",
      organisationId: checkin.organisation_id,
      groupId: checkin.group_id,
      // Those who answer: the group's senders (every peer of a flat group). Leaders follow the answers instead.
      recipients: await listMemberIdsWho(tx, group, "sendLoop"),
      // The leader who set it up asks; they are not asked themselves (in a flat group they are a peer).
      actorId: checkin.created_by,
      subject: { occurrenceId: occurrence.id },
      title: occurrence.prompt,
      at: now,
    });
  });
  if (!notified) return false;
  announce(ctx, notified);
  return true;
}
