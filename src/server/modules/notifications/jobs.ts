/**
 * The notification e-mails' background work (through ctx.jobs):
 *   - SEND_IMMEDIATE_JOB: e-mails the rows `announce` queued, at once;
 *   - `notifications.sweep` (every minute): rows still `immediate` a while after they were written
 *     (their process died before the queued job ran) are sent then;
 *   - `notifications.digest` (every 15 minutes): once the organisation's local time has reached
 *     DIGEST_HOUR, each person gets ONE e-mail per organisation with their `digest` rows written
 *     before today's digest time (an anonymous sender's: before the day of it began).
 *
 * Sending twice is prevented by claiming: a row is switched to `sent` by a conditional UPDATE
 * before its e-mail goes, and only the runner whose UPDATE changed it sends it. A failed send puts
 * it back (to be tried again by the job's retries, the sweep or the next digest run) until it is
 * GIVE_UP_AFTER_MS old. A process that dies between the claim and the send loses that one e-mail:
 * at most once, never twice. The recipient's choice is read again when sending: a kind turned
 * off since (say, by an unsubscribe link) is not sent, and its row becomes `none`.
 */
import type { AppContext } from "../../app.js";
import type { DbOrTx } from "../../db/index.js";
import type { NotificationEmailStatus, NotificationsTable } from "../../db/types.js";
import type { Selectable } from "kysely";
import type { NotificationKind } from "../../../shared/schemas/notifications.js";
import { findUserById, listUserCards } from "../accounts/queries.js";
import { zonedInstant } from "../checkins/schedule.js";
import { findGroups } from "../groups/queries.js";
import { findOrganisations } from "../organisations/queries.js";
import { deliveriesOf } from "./deliveries.js";
import { digestEmail, immediateEmail, type MailItem, type MailRecipient } from "./emails.js";
import { feedLink } from "./presenters.js";
import { SEND_IMMEDIATE_JOB } from "./notify.js";
import { unsubscribeLinks } from "./unsubscribe.js";
import { DIGEST_SCOPE } from "../../../shared/schemas/notifications.js";

/** The local hour (organisation's time zone) at which the daily digest goes out: after school, before evening. */
export const DIGEST_HOUR = 16;
export const SWEEP_JOB = "notifications.sweep";
export const DIGEST_JOB = "notifications.digest";
const SWEEP_EVERY_MS = 60_000;
const DIGEST_EVERY_MS = 15 * 60_000;
/** An `immediate` row this old was not sent by its own job (it would have taken seconds): the sweep sends it. */
export const SWEEP_AFTER_MS = 2 * 60_000;
/** A row whose e-mail keeps failing this long after it was written is given up (`none`) and logged. */
const GIVE_UP_AFTER_MS = 3 * 24 * 3600_000;
const DAY_MS = 24 * 3600_000;

type Row = Selectable<NotificationsTable>;

export function registerNotificationJobs(ctx: AppContext): void {
  ctx.jobs.handle<{ ids: string[] }>(SEND_IMMEDIATE_JOB, (payload) => sendImmediate(ctx, payload.ids));
  ctx.jobs.every(SWEEP_JOB, SWEEP_EVERY_MS, () => sweep(ctx));
  ctx.jobs.every(DIGEST_JOB, DIGEST_EVERY_MS, () => sendDigests(ctx));
}

/** Switches the rows still in `from` to `sent` and returns those this caller won. */
async function claim(db: DbOrTx, ids: readonly string[], from: "immediate" | "digest"): Promise<Row[]> {
  const won: Row[] = [];
  // Chunks keep the id list under SQLite's bound-parameter limit.
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    won.push(...(await db.updateTable("notifications").set({ email_status: "sent" }).where("id", "in", chunk).where("email_status", "=", from).returningAll().execute()));
  }
  return won;
}

async function setStatus(db: DbOrTx, rows: readonly Row[], status: NotificationEmailStatus): Promise<void> {
  if (rows.length > 0) await db.updateTable("notifications").set({ email_status: status }).where("id", "in", rows.map((r) => r.id)).execute();
}

/** Names for the rows' e-mails: recipients, organisations, groups and (known) actors. */
async function mailContext(db: DbOrTx, rows: readonly Row[]) {
  const userIds = [...new Set(rows.map((r) => r.user_id))];
  const recipients = new Map<string, MailRecipient>();
  for (const id of userIds) {
    const user = await findUserById(db, id);
    if (user) recipients.set(id, { email: user.email, name: user.name, language: user.language });
  }
  const orgs = new Map((await findOrganisations(db, [...new Set(rows.map((r) => r.organisation_id))])).map((o) => [o.id, o]));
  const groups = new Map((await findGroups(db, [...new Set(rows.flatMap((r) => (r.group_id ? [r.group_id] : [])))])).map((g) => [g.id, g.name]));
  const actors = new Map((await listUserCards(db, rows.flatMap((r) => (r.actor_id ? [r.actor_id] : [])))).map((u) => [u.id, u.name]));
  const item = (r: Row): MailItem => ({
    kind: r.kind as NotificationKind,
    // Only a row's own actor is named: an anonymous sender's rows carry none.
    actorName: r.actor_id ? (actors.get(r.actor_id) ?? null) : null,
    groupName: r.group_id ? (groups.get(r.group_id) ?? null) : null,
    organisationName: orgs.get(r.organisation_id)?.name ?? "Openloop",
    title: r.title,
    path: feedLink(r),
  });
  return { recipients, orgs, item };
}

/** Of claimed rows, those the recipient still wants by e-mail; the rest go back where their choice says. */
async function stillWanted(db: DbOrTx, rows: readonly Row[], mode: "immediate" | "digest"): Promise<Row[]> {
  const choices = await deliveriesOf(db, [...new Set(rows.map((r) => r.user_id))]);
  const off: Row[] = [];
  const toDigest: Row[] = [];
  const keep: Row[] = [];
  for (const r of rows) {
    const delivery = choices.get(r.user_id)![r.kind as NotificationKind] ?? "off";
    if (delivery === "off") off.push(r);
    // Switched to the digest since it was written: it waits for the digest.
    else if (mode === "immediate" && delivery === "digest") toDigest.push(r);
    else keep.push(r);
  }
  await setStatus(db, off, "none");
  await setStatus(db, toDigest, "digest");
  return keep;
}

/** After a failed send: due again, or given up when it has failed for too long. */
async function sendFailed(ctx: AppContext, rows: readonly Row[], back: "immediate" | "digest", err: unknown): Promise<void> {
  const limit = new Date(ctx.clock().getTime() - GIVE_UP_AFTER_MS).toISOString();
  const expired = rows.filter((r) => r.created_at < limit);
  await setStatus(ctx.db, expired, "none");
  await setStatus(
    ctx.db,
    rows.filter((r) => !expired.includes(r)),
    back,
  );
  ctx.log.error({ err, notifications: rows.length, givenUp: expired.length }, "notification e-mail could not be sent");
}

/** E-mails each of these rows that is still `immediate`, one e-mail per row. */
export async function sendImmediate(ctx: AppContext, ids: readonly string[]): Promise<void> {
  const rows = await stillWanted(ctx.db, await claim(ctx.db, ids, "immediate"), "immediate");
  if (rows.length === 0) return;
  const { recipients, item } = await mailContext(ctx.db, rows);
  let failures = 0;
  for (const row of rows) {
    const to = recipients.get(row.user_id);
    if (!to) continue;
    const kind = row.kind as NotificationKind;
    try {
      await ctx.mailer.send(immediateEmail(to, item(row), ctx.config.publicUrl, await unsubscribeLinks(ctx, row.user_id, [kind], kind)));
    } catch (err) {
      failures++;
      await sendFailed(ctx, [row], "immediate", err);
    }
  }
  // The queue tries the job again; the rows put back are claimed anew.
  if (failures > 0) throw new Error(`${failures} of ${rows.length} notification e-mails failed`);
}

/** Rows left `immediate` by a process that died before its job ran. */
export async function sweep(ctx: AppContext): Promise<void> {
  const before = new Date(ctx.clock().getTime() - SWEEP_AFTER_MS).toISOString();
  const due = await ctx.db.selectFrom("notifications").select("id").where("email_status", "=", "immediate").where("created_at", "<", before).limit(1000).execute();
  if (due.length > 0) await sendImmediate(ctx, due.map((r) => r.id));
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
/** Today's digest instant in the time zone: DIGEST_HOUR:00 local on the local date of `now`. */
export function digestInstant(now: Date, timeZone: string): Date {
  let f = dateFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "numeric", day: "numeric" });
    dateFormats.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(now).map((p) => [p.type, Number(p.value)]));
  return zonedInstant({ year: parts.year!, month: parts.month!, day: parts.day!, hour: DIGEST_HOUR, minute: 0 }, timeZone);
}

/** For each organisation past today's digest hour: one digest per person of their waiting rows. */
export async function sendDigests(ctx: AppContext): Promise<void> {
  const now = ctx.clock();
  const pending = await ctx.db.selectFrom("notifications").select("organisation_id").distinct().where("email_status", "=", "digest").execute();
  for (const org of await findOrganisations(ctx.db, pending.map((p) => p.organisation_id))) {
    const instant = digestInstant(now, org.time_zone);
    if (now < instant) continue;
    // An anonymous sender's rows are stamped with the start of their (UTC) day and carry no actor.
    // They count as written at the end of that day, so a whole day's arrive in one digest: a
    // digest run just after the hour can never tell that one came in after the last run.
    const anonymousBefore = new Date(instant.getTime() - DAY_MS).toISOString();
    const waiting = await ctx.db
      .selectFrom("notifications")
      .select(["id", "user_id"])
      .where("organisation_id", "=", org.id)
      .where("email_status", "=", "digest")
      .where((eb) =>
        eb.or([
          eb("created_at", "<", anonymousBefore),
          eb.and([eb("created_at", "<", instant.toISOString()), eb.or([eb("actor_id", "is not", null), eb("loop_id", "is", null)])]),
        ]),
      )
      .execute();
    const byUser = new Map<string, string[]>();
    for (const r of waiting) byUser.set(r.user_id, [...(byUser.get(r.user_id) ?? []), r.id]);
    for (const [userId, ids] of byUser) await sendDigest(ctx, org.name, userId, ids);
  }
}

async function sendDigest(ctx: AppContext, organisationName: string, userId: string, ids: readonly string[]): Promise<void> {
  const rows = await stillWanted(ctx.db, await claim(ctx.db, ids, "digest"), "digest");
  if (rows.length === 0) return;
  rows.sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id));
  const { recipients, item } = await mailContext(ctx.db, rows);
  const to = recipients.get(userId);
  if (!to) return;
  const kinds = [...new Set(rows.map((r) => r.kind as NotificationKind))];
  try {
    await ctx.mailer.send(digestEmail(to, organisationName, rows.map(item), ctx.config.publicUrl, await unsubscribeLinks(ctx, userId, kinds, DIGEST_SCOPE)));
  } catch (err) {
    await sendFailed(ctx, rows, "digest", err);
  }
}
