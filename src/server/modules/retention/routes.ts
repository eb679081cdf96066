/**
 * Retention (issue 7). The period and purpose are group and organisation settings (the groups and
 * organisations modules' PATCH); this module adds the leaders' list of what goes soon and runs
 * the daily purge (jobs.ts). Every handler reads top to bottom:
 * auth → validate (schema) → load → authorize → command → present.
 */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { requireActor } from "../../auth/plugin.js";
import { groupPolicy } from "../groups/policy.js";
import { loadGroupAccess } from "../groups/queries.js";
import { organisationTimeZone } from "../organisations/queries.js";
import { RETENTION_QUEUE_DAYS } from "../../../shared/schemas/retention.js";
import { retentionQueue } from "./queue.js";
import * as S from "./schema.js";

export async function retentionRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { ctx } = fastify;

  app.get("/groups/:groupId/retention/queue", { schema: S.queue }, async (request) => {
    const actor = requireActor(request);
    const access = groupPolicy.authorize(actor, "readRetentionQueue", await loadGroupAccess(ctx.db, request.params.groupId, actor.userId));
    const timeZone = await organisationTimeZone(ctx.db, access.group.organisation_id);
    return retentionQueue(ctx.db, access.group, timeZone, ctx.clock(), RETENTION_QUEUE_DAYS);
  });
}
