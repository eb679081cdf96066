/**
 * What the retention period removes soon: the leaders' "queued for removal" list, and the
 * look-ahead the members' warning uses. Counts come from each module's own query.
 */
import type { DbOrTx } from "../../db/index.js";
import type { GroupRow } from "../../db/types.js";
import { loopsDatedBefore } from "../loops/commands/purge.js";
import { postsDatedBefore } from "../posts/purge.js";
import { loopsHeldBySafeguarding } from "../safeguarding/queries.js";
import { surveysDatedBefore } from "../surveys/purge.js";
import { periodAfter, periodBefore, RETENTION_NOTICE_DAYS, type RetentionQueue } from "../../../shared/schemas/retention.js";
import { localDay } from "../../../shared/days.js";

const DAY_MS = 86_400_000;
/** How many of the oldest items of each kind the list names. */
export const QUEUE_OLDEST = 5;

/**
 * Everything of the group that will have passed its period by `until` (and not by `since`, when
 * given: what an earlier warning already announced): counts and the oldest few.
 */
export async function dueBy(db: DbOrTx, group: GroupRow, until: Date, oldest = QUEUE_OLDEST, since?: Date) {
  const scope = {
    organisationId: group.organisation_id,
    groupId: group.id,
    before: periodBefore(until, group.retention_period).toISOString(),
    notBefore: since ? periodBefore(since, group.retention_period).toISOString() : undefined,
    // Loops under an open safeguarding flag are not due: the purge keeps them.
    held: await loopsHeldBySafeguarding(db, group.organisation_id, group.id),
  };
  const [loops, posts, surveys] = await Promise.all([loopsDatedBefore(db, scope, oldest), postsDatedBefore(db, scope, oldest), surveysDatedBefore(db, scope, oldest)]);
  return { loops, posts, surveys, any: loops.count + posts.count + surveys.count > 0 };
}

/** The organisation-local day from which an item dated `at` may go: its period over, and the notice after a new or shortened period. */
export function removalDay(group: Pick<GroupRow, "retention_period" | "retention_changed_at">, at: string, timeZone: string): string {
  const due = periodAfter(new Date(at), group.retention_period).getTime();
  const notice = group.retention_changed_at ? Date.parse(group.retention_changed_at) + RETENTION_NOTICE_DAYS * DAY_MS : 0;
  return localDay(new Date(Math.max(due, notice)), timeZone);
}

/** The leaders' list: what goes within `days` days, per kind; days on the organisation's calendar. */
export async function retentionQueue(db: DbOrTx, group: GroupRow, timeZone: string, now: Date, days: number): Promise<RetentionQueue> {
  const until = new Date(now.getTime() + days * DAY_MS);
  const due = await dueBy(db, group, until);
  const g = `/groups/${group.id}`;
  const item = (id: string, at: string, title: string | null, link: string) => ({
    id,
    date: localDay(at, timeZone),
    removalOn: removalDay(group, at, timeZone),
    title,
    link,
  });
  return {
    retention: { period: group.retention_period, purpose: group.retention_purpose },
    until: localDay(until, timeZone),
    loops: { count: due.loops.count, oldest: due.loops.oldest.map((l) => ({ ...item(l.id, l.listed_at, null, `/loops/${l.id}`), date: l.listed_on })) },
    comments: { count: due.loops.comments },
    posts: { count: due.posts.count, oldest: due.posts.oldest.map((p) => item(p.id, p.at, p.title, `${g}/posts/${p.id}`)) },
    surveys: { count: due.surveys.count, oldest: due.surveys.oldest.map((s) => item(s.id, s.at, s.title, `${g}/surveys/${s.id}`)) },
  };
}
