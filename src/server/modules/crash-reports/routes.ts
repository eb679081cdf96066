/**
 * Crash reports (issue 7): the web app sends a report only with the person's consent; instance
 * administrators read them. Every handler reads auth → validate (schema) → load → authorize →
 * command → present.
 */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { describeDevice } from "../../auth/device.js";
import { requireActor } from "../../auth/plugin.js";
import { RateLimiter, type Limit } from "../../auth/rate-limits.js";
import { badRequest } from "../../http/errors.js";
import { CRASH_REPORT_MAX_BYTES } from "../../../shared/schemas/crash-reports.js";
import { decodeCursor, encodeCursor } from "../loops/queries.js";
import { receiveCrashReport, setCrashReportSetting } from "./commands.js";
import { crashReportPolicy } from "./policy.js";
import { presentCrashReport, presentCrashReportSummary } from "./presenters.js";
import { crashReportSettingOf, findCrashReport, listCrashReports } from "./queries.js";
import * as S from "./schema.js";

/** A crashing page may fire again and again: a person's first reports are enough to mend it. */
export const CRASH_REPORTS_PER_USER: Limit = { points: 10, windowSeconds: 60 * 60 };
/** A school behind one address shares this. */
export const CRASH_REPORTS_PER_IP: Limit = { points: 60, windowSeconds: 60 * 60 };

export async function crashReportsRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { ctx } = fastify;
  // Per app (a test app starts afresh), in memory like the other limits (auth/rate-limits.ts).
  const perUser = new RateLimiter("crashReportsPerUser", CRASH_REPORTS_PER_USER);
  const perIp = new RateLimiter("crashReportsPerIp", CRASH_REPORTS_PER_IP);

  // Open to visitors (a crash on the sign-in page), who can only send with `consent: once`.
  app.post("/crash-reports", { schema: S.create, bodyLimit: CRASH_REPORT_MAX_BYTES }, async (request, reply) => {
    const actor = request.actor;
    await perIp.consume(request.ip);
    if (actor) await perUser.consume(actor.userId);
    await receiveCrashReport({ ctx, ip: request.ip, actor, body: request.body, device: describeDevice(request.headers) });
    return reply.status(204).send(null);
  });

  app.get("/crash-reports", { schema: S.list }, async (request) => {
    const actor = requireActor(request);
    crashReportPolicy.authorize(actor, "read", { id: null });
    const { cursor, limit } = request.query;
    const decoded = decodeCursor(cursor);
    if (cursor && !decoded) throw badRequest("validation", "The cursor is not valid; start from the first page.", { cursor: "invalid" });
    const rows = await listCrashReports(ctx.db, decoded, limit);
    const shown = rows.slice(0, limit);
    const last = shown.at(-1);
    return { reports: shown.map(presentCrashReportSummary), nextCursor: rows.length > limit && last ? encodeCursor(last.received_at, last.id) : null };
  });

  app.get("/crash-reports/:reportId", { schema: S.get }, async (request) => {
    const actor = requireActor(request);
    crashReportPolicy.authorize(actor, "read", { id: request.params.reportId });
    const report = crashReportPolicy.authorize(actor, "read", await findCrashReport(ctx.db, request.params.reportId));
    return { report: presentCrashReport(report) };
  });

  app.get("/me/crash-report-setting", { schema: S.getSetting }, async (request) => {
    const actor = requireActor(request);
    return { enabled: (await crashReportSettingOf(ctx.db, actor.userId)).enabled };
  });

  app.put("/me/crash-report-setting", { schema: S.putSetting }, async (request) => {
    const actor = requireActor(request);
    return setCrashReportSetting({ ctx, ip: request.ip, actor, enabled: request.body.enabled });
  });
}
