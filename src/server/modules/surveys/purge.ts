/**
 * The surveys module's part of the retention purge (issue 7; the retention module orchestrates).
 * A survey is dated by when it stopped taking answers — closed early, its closing time, or else
 * its creation — so an open survey is never removed under its respondents. Its questions,
 * responses, answers and feed items go with it (ON DELETE CASCADE).
 */
import { sql } from "kysely";
import type { DbOrTx } from "../../db/index.js";
import type { PurgeScope } from "../loops/commands/purge.js";

const datedAt = sql<string>`coalesce(closed_at, closes_at, created_at)`;
const surveysBefore = (db: DbOrTx, scope: PurgeScope) => {
  const q = db.selectFrom("surveys").where("organisation_id", "=", scope.organisationId).where("group_id", "=", scope.groupId).where(datedAt, "<", scope.before);
  return scope.notBefore ? q.where(datedAt, ">=", scope.notBefore) : q;
};

/** How many surveys are dated before the cut-off, and the oldest few. */
export async function surveysDatedBefore(db: DbOrTx, scope: PurgeScope, oldest: number) {
  const [total, rows] = await Promise.all([
    surveysBefore(db, scope).select((eb) => eb.fn.countAll<number | string>().as("n")).executeTakeFirstOrThrow(),
    surveysBefore(db, scope).select(["id", "title", datedAt.as("dated_at")]).orderBy(datedAt).orderBy("id").limit(oldest).execute(),
  ]);
  return { count: Number(total.n), oldest: rows.map((r) => ({ id: r.id, title: r.title, at: String(r.dated_at) })) };
}

/** Deletes up to `limit` of the oldest surveys before the cut-off, with their responses, in the caller's transaction. */
export async function purgeSurveys(tx: DbOrTx, scope: PurgeScope, limit: number) {
  const ids = (await surveysBefore(tx, scope).select("id").orderBy(datedAt).orderBy("id").limit(limit).execute()).map((r) => r.id);
  if (ids.length === 0) return { surveys: 0, responses: 0 };
  const responses = await tx
    .selectFrom("survey_responses")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("organisation_id", "=", scope.organisationId)
    .where("survey_id", "in", ids)
    .executeTakeFirstOrThrow();
  const deleted = await tx.deleteFrom("surveys").where("organisation_id", "=", scope.organisationId).where("id", "in", ids).returning("id").execute();
  return { surveys: deleted.length, responses: Number(responses.n) };
}
