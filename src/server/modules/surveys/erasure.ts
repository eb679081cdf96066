/**
 * The surveys module's part of erasing a person (issue 7; the erasure module orchestrates): their
 * survey answers go — except on a closed anonymous survey, whose results are already final and
 * shown. Deleting an answer there would change those results and tell, by difference, what the
 * person answered (design.md §7.4), so the response is detached from them instead: it keeps
 * counting, and nothing links it to anyone any more.
 */
import type { DbOrTx } from "../../db/index.js";
import type { ErasureScope } from "../erasure/scope.js";
import { surveyState } from "./queries.js";

export async function eraseSurveyAnswersOf(tx: DbOrTx, scope: ErasureScope, now: Date): Promise<{ deleted: number; detached: number }> {
  let q = tx
    .selectFrom("survey_responses as r")
    .innerJoin("surveys as s", (j) => j.onRef("s.organisation_id", "=", "r.organisation_id").onRef("s.id", "=", "r.survey_id"))
    .select(["r.id", "r.organisation_id", "s.is_anonymous", "s.opens_at", "s.closes_at", "s.closed_at"])
    .where("r.user_id", "=", scope.userId);
  if (scope.organisationId) q = q.where("r.organisation_id", "=", scope.organisationId);
  const responses = await q.execute();
  const detach = responses.filter((r) => r.is_anonymous && surveyState(r, now) === "closed").map((r) => r.id);
  const remove = responses.filter((r) => !detach.includes(r.id)).map((r) => r.id);
  if (detach.length > 0) await tx.updateTable("survey_responses").set({ user_id: null }).where("id", "in", detach).execute();
  if (remove.length > 0) await tx.deleteFrom("survey_responses").where("id", "in", remove).execute();
  return { deleted: remove.length, detached: detach.length };
}
