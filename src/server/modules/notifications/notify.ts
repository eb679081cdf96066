/**
 * The one door into the feed for every other module. A command that something happened to calls
 * `notify` inside its own transaction with the recipients it computed (its module knows who may
 * see what), and `announce` after the commit. The feed rows and their e-mail state commit with
 * the act itself: no notification of a loop that was never stored, none lost because a process
 * died before sending (the e-mail sweep finds rows still marked `immediate`).
 */
import { randomUUID } from "node:crypto";
import type { AppContext } from "../../app.js";
import type { DbOrTx } from "../../db/index.js";
import { compiledOnce } from "../../db/compiled.js";
import type { NotificationEmailStatus, NotificationsTable } from "../../db/types.js";
import { DEFAULT_DELIVERY, type Delivery, type NotificationKind } from "../../../shared/schemas/notifications.js";

export interface NotificationSpec {
  kind: NotificationKind;
  organisationId: string;
  groupId: string | null;
  /** User ids; the actor and duplicates are dropped here. The caller has checked each may see the subject. */
  recipients: readonly string[];
  /** Who acted, or null when they must stay unknown (an anonymous loop's sender) or it was the system. */
  actorId: string | null;
  /** Used only to drop the actor from the recipients when actorId is null because they are anonymous. */
  hiddenActorId?: string | null;
  subject?: { loopId?: string; commentId?: string; taskId?: string; postId?: string; surveyId?: string; occurrenceId?: string };
  /** Leader-written display text (task/post/survey title, check-in prompt); never a loop's or comment's text. */
  title?: string | null;
  /** When it happened; for an anonymous loop's events the caller passes the start of the day. */
  at: Date | string;
  /**
   * About an anonymous loop: never e-mailed at once (its arrival time would tell who sent it);
   * an "immediate" choice waits for the daily digest instead.
   */
  anonymous?: boolean;
}

/** What `announce` needs after the commit. */
export interface Notified {
  organisationId: string;
  recipients: string[];
  /** Ids of rows to e-mail now. */
  immediate: string[];
}

/** The job that e-mails rows marked `immediate` (registered by the notifications module's jobs). */
export const SEND_IMMEDIATE_JOB = "notifications.send-immediate";

/**
 * At most this many recipients are handled with statements compiled once, one per recipient: the
 * hot path (a new loop to its one or two leaders, a comment to a thread) then costs no query
 * building at all. Larger audiences (a post to a whole group) use one batched query each.
 */
const FEW_RECIPIENTS = 4;

const choiceOf = compiledOnce<{ delivery: Delivery }, [string, string]>(2, (db, kind, userId) =>
  db.selectFrom("notification_preferences").select("delivery").where("kind", "=", kind!).where("user_id", "=", userId!),
);

const COLUMNS = [
  "id", "organisation_id", "user_id", "kind", "group_id", "actor_id", "loop_id", "comment_id", "task_id", "post_id",
  "survey_id", "occurrence_id", "title", "created_at", "read_at", "email_status",
] as const satisfies readonly (keyof NotificationsTable)[];
// A column added to notifications must be added above, or this line stops compiling.
const _everyColumn: [Exclude<keyof NotificationsTable, (typeof COLUMNS)[number]>] extends [never] ? true : never = true;
const insertOne = compiledOnce(COLUMNS.length, (db, ...p) =>
  db.insertInto("notifications").values(Object.fromEntries(COLUMNS.map((c, i) => [c, p[i]])) as unknown as NotificationsTable),
);

/** Each recipient's e-mail choice for one kind: their own preference or the kind's default. */
async function deliveries(db: DbOrTx, kind: NotificationKind, userIds: readonly string[]): Promise<Map<string, Delivery>> {
  const chosen = new Map<string, Delivery>();
  if (userIds.length <= FEW_RECIPIENTS) {
    for (const id of userIds) {
      const [row] = await choiceOf(db, kind, id);
      if (row) chosen.set(id, row.delivery);
    }
  } else {
    const rows = await db.selectFrom("notification_preferences").select(["user_id", "delivery"]).where("kind", "=", kind).where("user_id", "in", userIds).execute();
    for (const r of rows) chosen.set(r.user_id, r.delivery);
  }
  return new Map(userIds.map((id) => [id, chosen.get(id) ?? DEFAULT_DELIVERY[kind]]));
}

/** Writes one feed row per recipient (in the caller's transaction) with its e-mail state. */
export async function notify(db: DbOrTx, spec: NotificationSpec): Promise<Notified> {
  const skip = new Set([spec.actorId, spec.hiddenActorId].filter((id): id is string => typeof id === "string"));
  const recipients = [...new Set(spec.recipients)].filter((id) => !skip.has(id));
  const result: Notified = { organisationId: spec.organisationId, recipients, immediate: [] };
  if (recipients.length === 0) return result;
  const choice = await deliveries(db, spec.kind, recipients);
  const at = typeof spec.at === "string" ? spec.at : spec.at.toISOString();
  const s = spec.subject ?? {};
  const rows: NotificationsTable[] = recipients.map((userId) => {
    const delivery = choice.get(userId)!;
    const status: NotificationEmailStatus = delivery === "off" ? "none" : delivery === "immediate" && !spec.anonymous ? "immediate" : "digest";
    const id = randomUUID();
    if (status === "immediate") result.immediate.push(id);
    return {
      id,
      organisation_id: spec.organisationId,
      user_id: userId,
      kind: spec.kind,
      group_id: spec.groupId,
      actor_id: spec.actorId,
      loop_id: s.loopId ?? null,
      comment_id: s.commentId ?? null,
      task_id: s.taskId ?? null,
      post_id: s.postId ?? null,
      survey_id: s.surveyId ?? null,
      occurrence_id: s.occurrenceId ?? null,
      title: spec.title ?? null,
      created_at: at,
      read_at: null,
      email_status: status,
    };
  });
  if (rows.length <= FEW_RECIPIENTS) {
    for (const row of rows) await insertOne(db, ...COLUMNS.map((c) => row[c]));
  } else {
    // Chunks keep a large group's insert under SQLite's bound-parameter limit.
    for (let i = 0; i < rows.length; i += 200) await db.insertInto("notifications").values(rows.slice(i, i + 200)).execute();
  }
  return result;
}

/** What a deleted subject was: its feed items go with it (ON DELETE CASCADE). */
export type FeedSubject = { loopId: string } | { postId: string } | { surveyId: string } | { occurrenceIds: readonly string[] };

/**
 * Who has feed items about a subject about to be deleted, read inside the deleting transaction;
 * pass the result to `announce` after the commit so their unread counts drop at once.
 */
export async function feedOfSubject(db: DbOrTx, organisationId: string, subject: FeedSubject): Promise<Notified> {
  let q = db.selectFrom("notifications").select("user_id").distinct().where("organisation_id", "=", organisationId);
  if ("loopId" in subject) q = q.where("loop_id", "=", subject.loopId);
  else if ("postId" in subject) q = q.where("post_id", "=", subject.postId);
  else if ("surveyId" in subject) q = q.where("survey_id", "=", subject.surveyId);
  else if (subject.occurrenceIds.length > 0) q = q.where("occurrence_id", "in", subject.occurrenceIds);
  else return { organisationId, recipients: [], immediate: [] };
  const rows = await q.execute();
  return { organisationId, recipients: rows.map((r) => r.user_id), immediate: [] };
}

/** After the commit: tells open feeds to refresh and queues the e-mails due now. */
export function announce(ctx: AppContext, ...notified: readonly Notified[]): void {
  for (const n of notified) {
    for (const userId of n.recipients) ctx.realtime.publish({ type: "feed.changed", organisationId: n.organisationId, userId });
    if (n.immediate.length > 0) {
      ctx.jobs.enqueue(SEND_IMMEDIATE_JOB, { ids: n.immediate }).catch((err: unknown) => ctx.log.error({ err }, "could not queue notification e-mails"));
    }
  }
}
