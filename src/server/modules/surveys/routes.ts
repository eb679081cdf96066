/**
 * Surveys: making, opening and closing them (leaders), answering (members who send loops),
 * results and their CSV (leaders). Every handler reads top to bottom:
 * auth → validate (schema) → load → authorize → command → present.
 */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { requireActor } from "../../auth/plugin.js";
import type { Actor } from "../../policies/index.js";
import { groupPolicy } from "../groups/policy.js";
import { loadGroupAccess } from "../groups/queries.js";
import { answerSurvey, closeSurvey, createSurvey, deleteSurvey, listAnswererIds, openSurvey, updateSurvey } from "./commands.js";
import { resultsCsv } from "./csv.js";
import { downloadHeaders } from "../../http/csv.js";
import { answersSurvey, surveyPolicy, type SurveyAccess } from "./policy.js";
import { presentQuestion, presentSurvey, presentSurveySummary } from "./presenters.js";
import { surveyResultsOf } from "./personal-data.js";
import { answeredBy, countRespondents, findMyResponse, listQuestions, listSurveys, loadSurveyAccess, surveyAccessOf } from "./queries.js";
import * as S from "./schema.js";

export async function surveysRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { ctx } = fastify;
  const load = (surveyId: string, actor: Actor) => loadSurveyAccess(ctx.db, surveyId, actor, ctx.clock());

  /** The survey as this actor sees it, read again after a command (the row, the counts, my answers). */
  async function present(actor: Actor, sa: SurveyAccess) {
    const { survey } = sa;
    const fresh = await surveyAccessOf(ctx.db, actor, sa.access, survey, ctx.clock());
    const leads = surveyPolicy.can(actor, "readResults", fresh);
    const [questions, mine, answerers] = await Promise.all([
      listQuestions(ctx.db, survey.organisation_id, [survey.id]),
      findMyResponse(ctx.db, survey, actor.userId),
      leads ? listAnswererIds(ctx.db, sa.access.group) : undefined,
    ]);
    return { survey: presentSurvey(actor, fresh, { questions: questions.get(survey.id) ?? [], mine, answererCount: answerers?.length ?? null }) };
  }

  app.get("/groups/:groupId/surveys", { schema: S.list }, async (request) => {
    const actor = requireActor(request);
    const access = groupPolicy.authorize(actor, "readPosts", await loadGroupAccess(ctx.db, request.params.groupId, actor.userId));
    const org = access.group.organisation_id;
    const now = ctx.clock();
    const rows = await listSurveys(ctx.db, org, access.group.id);
    const leads = groupPolicy.can(actor, "publish", access);
    const ids = rows.map((r) => r.id);
    const [counts, questions, mine, answerers] = await Promise.all([
      leads ? countRespondents(ctx.db, org, ids) : undefined,
      listQuestions(ctx.db, org, ids),
      answeredBy(ctx.db, org, ids, actor.userId),
      leads ? listAnswererIds(ctx.db, access.group) : undefined,
    ]);
    const surveys = [];
    for (const survey of rows) {
      const sa = await surveyAccessOf(ctx.db, actor, access, survey, now, counts);
      if (!surveyPolicy.can(actor, "read", sa)) continue;
      surveys.push(presentSurveySummary(actor, sa, { questionCount: questions.get(survey.id)?.length ?? 0, answered: mine.has(survey.id), answererCount: answerers?.length ?? null }));
    }
    return { surveys };
  });

  app.post("/groups/:groupId/surveys", { schema: S.create }, async (request, reply) => {
    const actor = requireActor(request);
    const access = groupPolicy.authorize(actor, "publish", await loadGroupAccess(ctx.db, request.params.groupId, actor.userId));
    const survey = await createSurvey({ ctx, ip: request.ip, actor, group: access.group, ...request.body });
    return reply.status(201).send(await present(actor, { survey, access, state: "draft" }));
  });

  app.get("/surveys/:surveyId", { schema: S.get }, async (request) => {
    const actor = requireActor(request);
    return present(actor, surveyPolicy.authorize(actor, "read", await load(request.params.surveyId, actor)));
  });

  app.patch("/surveys/:surveyId", { schema: S.update }, async (request) => {
    const actor = requireActor(request);
    const sa = surveyPolicy.authorize(actor, "edit", await load(request.params.surveyId, actor));
    const survey = await updateSurvey({ ctx, ip: request.ip, actor, survey: sa.survey, ...request.body });
    return present(actor, { ...sa, survey });
  });

  app.delete("/surveys/:surveyId", { schema: S.remove }, async (request, reply) => {
    const actor = requireActor(request);
    const sa = surveyPolicy.authorize(actor, "delete", await load(request.params.surveyId, actor));
    await deleteSurvey({ ctx, ip: request.ip, actor, survey: sa.survey });
    return reply.status(204).send(null);
  });

  // Opening and closing are the leaders' (`edit`); whether the state allows it is the command's
  // to say, under the row's lock (409 with a code the page explains).
  app.post("/surveys/:surveyId/open", { schema: S.open }, async (request) => {
    const actor = requireActor(request);
    const sa = surveyPolicy.authorize(actor, "edit", await load(request.params.surveyId, actor));
    const survey = await openSurvey({ ctx, ip: request.ip, actor, survey: sa.survey });
    return present(actor, { ...sa, survey });
  });

  app.post("/surveys/:surveyId/close", { schema: S.close }, async (request) => {
    const actor = requireActor(request);
    const sa = surveyPolicy.authorize(actor, "edit", await load(request.params.surveyId, actor));
    const survey = await closeSurvey({ ctx, ip: request.ip, actor, survey: sa.survey });
    return present(actor, { ...sa, survey });
  });

  app.put("/surveys/:surveyId/response", { schema: S.answer }, async (request) => {
    const actor = requireActor(request);
    const sa = surveyPolicy.authorize(actor, "read", await load(request.params.surveyId, actor));
    // Who never answers this survey is refused (403); who may, but not now, hears why (409, from the command).
    if (!answersSurvey(actor, sa)) surveyPolicy.authorize(actor, "answer", sa);
    await answerSurvey({ ctx, ip: request.ip, actor, survey: sa.survey, answers: request.body.answers });
    return present(actor, sa);
  });

  const results = (sa: SurveyAccess) => surveyResultsOf(ctx.db, sa);

  app.get("/surveys/:surveyId/results", { schema: S.results }, async (request) => {
    const actor = requireActor(request);
    const sa = surveyPolicy.authorize(actor, "readResults", await load(request.params.surveyId, actor));
    return (await results(sa)).results;
  });

  app.get("/surveys/:surveyId/results.csv", { schema: S.resultsCsv }, async (request, reply) => {
    const actor = requireActor(request);
    const sa = surveyPolicy.authorize(actor, "export", await load(request.params.surveyId, actor));
    const { rows, results: r } = await results(sa);
    const name = `survey-${sa.survey.created_at.slice(0, 10)}-${sa.survey.id.slice(0, 8)}.csv`;
    return downloadHeaders(reply, "text/csv; charset=utf-8", name).send(resultsCsv(r, rows.map(presentQuestion), request.query.language));
  });
}
