/**
 * The privacy policy's versions (issue 7). Reading is public — the current version and the archive
 * of every earlier one, before anyone signs up. A signed-in user's standing (accepted, must
 * acknowledge, banner) is decided here and only shown by the web app. Instance administrators
 * publish. Every handler reads auth → validate (schema) → load → authorize → command → present.
 */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { requireActor } from "../../auth/plugin.js";
import type { DbOrTx } from "../../db/index.js";
import { notFound } from "../../http/errors.js";
import { acknowledgePolicy, dismissPolicyBanner, publishPolicyVersion } from "./commands.js";
import { renderPolicyMarkdown } from "./markdown.js";
import { privacyPolicyPolicy, THE_POLICY } from "./policy.js";
import { presentListing, presentState, presentVersion } from "./presenters.js";
import { findLatestAcceptance, findVersion, hasDismissed, listVersionHeads } from "./queries.js";
import * as S from "./schema.js";

/** The user's standing, from the versions and their own acceptance and closed banner. */
async function stateOf(db: DbOrTx, userId: string) {
  const [heads, acceptance] = await Promise.all([listVersionHeads(db), findLatestAcceptance(db, userId)]);
  const current = heads.at(-1);
  return presentState(heads, acceptance, current ? await hasDismissed(db, userId, current.id) : false);
}

export async function privacyPolicyRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { ctx } = fastify;

  app.get("/privacy-policy", { schema: S.current }, async () => {
    const heads = await listVersionHeads(ctx.db);
    const current = heads.at(-1);
    const row = current ? await findVersion(ctx.db, current.id) : undefined;
    return { version: row ? presentVersion(row, heads) : null };
  });

  app.get("/privacy-policy/versions", { schema: S.archive }, async (request) => {
    const heads = await listVersionHeads(ctx.db);
    return {
      versions: heads.map((h) => presentListing(h, heads)).reverse(),
      abilities: { publish: privacyPolicyPolicy.can(request.actor, "publish", THE_POLICY) },
    };
  });

  app.get("/privacy-policy/versions/:versionId", { schema: S.version }, async (request) => {
    const row = await findVersion(ctx.db, request.params.versionId);
    if (!row) throw notFound();
    return { version: presentVersion(row, await listVersionHeads(ctx.db)) };
  });

  app.post("/privacy-policy/versions", { schema: S.publish }, async (request, reply) => {
    const actor = requireActor(request);
    privacyPolicyPolicy.authorize(actor, "publish", THE_POLICY);
    const row = await publishPolicyVersion({ ctx, ip: request.ip, actor, ...request.body });
    return reply.status(201).send({ version: presentVersion(row, await listVersionHeads(ctx.db)) });
  });

  app.post("/privacy-policy/preview", { schema: S.preview }, async (request) => {
    const actor = requireActor(request);
    privacyPolicyPolicy.authorize(actor, "publish", THE_POLICY);
    return { html: renderPolicyMarkdown(request.body.markdown) };
  });

  app.get("/me/privacy-policy", { schema: S.mine }, async (request) => {
    const actor = requireActor(request);
    return { state: await stateOf(ctx.db, actor.userId) };
  });

  app.post("/me/privacy-policy/acknowledge", { schema: S.acknowledge }, async (request) => {
    const actor = requireActor(request);
    await acknowledgePolicy({ ctx, ip: request.ip, actor, versionId: request.body.versionId });
    return { state: await stateOf(ctx.db, actor.userId) };
  });

  app.post("/me/privacy-policy/dismiss", { schema: S.dismiss }, async (request) => {
    const actor = requireActor(request);
    await dismissPolicyBanner({ ctx, ip: request.ip, actor, versionId: request.body.versionId });
    return { state: await stateOf(ctx.db, actor.userId) };
  });
}
