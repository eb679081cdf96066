/**
 * The composition root: builds the Fastify app from a config and the services it needs.
 * main.ts calls it with the real services; tests call it with a fresh database and fakes.
 */
import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance, type FastifyReply } from "fastify";
import cookie from "@fastify/cookie";
import multipart from "@fastify/multipart";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { z } from "zod";
import type { Config } from "./config.js";
import type { Db, DbHandle } from "./db/index.js";
import type { BlobStore } from "./storage/blob-store.js";
import { LocalDiskBlobStore } from "./storage/local-disk.js";
import { OutboxMailer, SmtpMailer, type Mailer } from "./mail/mailer.js";
import { createLimiters, DEFAULT_RATE_LIMITS, type Limiters, type RateLimitSettings } from "./auth/rate-limits.js";
import type { SessionTimeouts } from "./auth/sessions.js";
import { createOidcClient, type OidcClient } from "./auth/oidc.js";
import { identitiesRoutes } from "./modules/identities/routes.js";
import { registerAuth } from "./auth/plugin.js";
import { registerSecurity } from "./http/security.js";
import { HttpError } from "./http/errors.js";
import { recordAudit } from "./audit/index.js";
import { InProcessRealtime, type Realtime } from "./realtime/realtime.js";
import { InProcessJobQueue, type JobQueue } from "./jobs/job-queue.js";
import { ErrorBody, fieldProblemOf, type FieldProblem } from "../shared/errors.js";
import type { Actor } from "./policies/index.js";
import { accountsRoutes } from "./modules/accounts/routes.js";
import { organisationsRoutes } from "./modules/organisations/routes.js";
import { groupsRoutes } from "./modules/groups/routes.js";
import { loopsRoutes } from "./modules/loops/routes.js";
import { closeEventStreams } from "./modules/loops/live.js";
import { commentsRoutes } from "./modules/comments/routes.js";
import { tasksRoutes } from "./modules/tasks/routes.js";
import { surveysRoutes } from "./modules/surveys/routes.js";
import { registerSurveyJobs } from "./modules/surveys/jobs.js";
import { notificationsRoutes } from "./modules/notifications/routes.js";
import { checkinsRoutes } from "./modules/checkins/routes.js";
import { registerCheckinJobs } from "./modules/checkins/jobs.js";
import { postsRoutes } from "./modules/posts/routes.js";
import { statisticsRoutes } from "./modules/statistics/routes.js";
import { unsubscribeRoutes } from "./modules/notifications/unsubscribe.js";
import { registerNotificationJobs } from "./modules/notifications/jobs.js";
import { registerPrivacyPolicyJobs } from "./modules/privacy-policy/jobs.js";
import { privacyPolicyRoutes } from "./modules/privacy-policy/routes.js";
import { retentionRoutes } from "./modules/retention/routes.js";
import { registerRetentionJobs } from "./modules/retention/jobs.js";
import { safeguardingRoutes } from "./modules/safeguarding/routes.js";
import { crashReportsRoutes } from "./modules/crash-reports/routes.js";
import { registerCrashReportJobs } from "./modules/crash-reports/jobs.js";
import { dataExportsRoutes } from "./modules/data-exports/routes.js";
import { registerDataExportJobs } from "./modules/data-exports/jobs.js";
import { erasureRoutes } from "./modules/erasure/routes.js";
import { registerBlobSweep } from "./storage/pending-deletions.js";
import { MAX_PICTURE_BYTES } from "../shared/schemas/accounts.js";

/** Everything a route or command needs from the outside world. */
export interface AppContext {
  config: Config;
  db: Db;
  dbHandle: DbHandle;
  blobs: BlobStore;
  mailer: Mailer;
  /** The current time; tests substitute a fake clock. */
  clock: () => Date;
  limiters: Limiters;
  timeouts: SessionTimeouts;
  /** Live events to open connections (GET /api/v1/events). */
  realtime: Realtime;
  /** Background work: queued jobs (e-mails) and scheduled ones (digests, check-ins). */
  jobs: JobQueue;
  log: FastifyBaseLogger;
  /** Sign-in with a provider (issue 8); undefined when GOOGLE_CLIENT_ID/SECRET are not set. */
  oidc: OidcClient | undefined;
}

/** What every command receives besides its own input (design.md §4). */
export interface CommandBase {
  ctx: AppContext;
  /** The client's address, kept in the command's audit event. */
  ip: string | null;
}

declare module "fastify" {
  interface FastifyInstance {
    ctx: AppContext;
  }
  interface FastifyRequest {
    /** The signed-in user, or null for a visitor (set by auth/plugin.ts). */
    actor: Actor | null;
  }
}

export interface BuildOptions {
  config: Config;
  dbHandle: DbHandle;
  mailer?: Mailer;
  blobs?: BlobStore;
  clock?: () => Date;
  rateLimits?: Partial<RateLimitSettings>;
  realtime?: Realtime;
  jobs?: JobQueue;
  /** Pino options or false; defaults to the config's level. */
  logger?: boolean | object;
}

export type App = FastifyInstance;

/** Query strings may carry one-time tokens (reset links): log the path only. */
const pathOnly = (url: string) => url.split("?")[0];

export async function buildApp(opts: BuildOptions): Promise<App> {
  const { config } = opts;
  const app = Fastify({
    logger: opts.logger ?? {
      level: config.logLevel,
      redact: { paths: ["req.headers.cookie", "req.headers.authorization", 'res.headers["set-cookie"]'], censor: "[redacted]" },
      serializers: {
        req: (req: { method: string; url: string; ip?: string }) => ({ method: req.method, url: pathOnly(req.url) }),
      },
    },
    genReqId: () => randomUUID(),
    trustProxy: config.trustProxy,
    https: config.tls ? { cert: fs.readFileSync(config.tls.cert), key: fs.readFileSync(config.tls.key) } : null,
    // Finish in-flight requests on close; refuse new ones (graceful shutdown).
    return503OnClosing: true,
    forceCloseConnections: "idle",
    // Fastify's router refuses a malformed URL (400) or an overlong path parameter (414) before
    // any hook runs; both get the one error shape. No id is that long: it is missing, 404.
    frameworkErrors: (err, _request, generic) => {
      const reply = generic as unknown as FastifyReply;
      // No hook runs for these: the headers every API answer carries are set here.
      void reply.header("x-content-type-options", "nosniff").header("content-security-policy", "default-src 'none'; frame-ancestors 'none'");
      if (err.code === "FST_ERR_MAX_PARAM_LENGTH") return reply.status(404).send({ error: { code: "not_found", message: "Not found." } });
      return reply.status(400).send({ error: { code: "validation", message: "The request could not be read." } });
    },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const ctx: AppContext = {
    config,
    db: opts.dbHandle.db,
    dbHandle: opts.dbHandle,
    blobs: opts.blobs ?? new LocalDiskBlobStore(config.blobDir),
    mailer: opts.mailer ?? (config.smtpUrl ? new SmtpMailer(config.smtpUrl, config.mailFrom) : new OutboxMailer(config.outboxDir, config.mailFrom, app.log)),
    clock: opts.clock ?? (() => new Date()),
    limiters: createLimiters({ ...DEFAULT_RATE_LIMITS, ...opts.rateLimits }),
    timeouts: { idleMs: config.sessionIdleMs, absoluteMs: config.sessionAbsoluteMs },
    realtime: opts.realtime ?? new InProcessRealtime(),
    jobs: opts.jobs ?? new InProcessJobQueue(app.log),
    log: app.log,
    oidc: config.oidc ? createOidcClient(config.oidc) : undefined,
  };
  app.decorate("ctx", ctx);
  // Running jobs finish (an e-mail half sent) before the mailer and the database close.
  app.addHook("onClose", async () => {
    await ctx.jobs.stop();
    ctx.mailer.close();
  });

  registerErrorHandling(app);
  await registerSecurity(app, config);
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: MAX_PICTURE_BYTES, files: 1, fields: 2, parts: 3 } });
  await registerAuth(app);
  await registerOpenApi(app);

  app.get(
    "/healthz",
    { schema: { tags: ["health"], summary: "The process is alive", response: { 200: z.object({ status: z.literal("ok") }) } } },
    async () => ({ status: "ok" as const }),
  );
  app.get(
    "/readyz",
    {
      schema: {
        tags: ["health"],
        summary: "The database answers",
        response: { 200: z.object({ status: z.literal("ok") }), 503: ErrorBody },
      },
    },
    async () => {
      if (await ctx.dbHandle.ping()) return { status: "ok" as const };
      throw new HttpError(503, "unavailable", "The database does not answer.");
    },
  );

  await app.register(accountsRoutes, { prefix: "/api/v1" });
  await app.register(organisationsRoutes, { prefix: "/api/v1" });
  await app.register(groupsRoutes, { prefix: "/api/v1" });
  await app.register(loopsRoutes, { prefix: "/api/v1" });
  await app.register(commentsRoutes, { prefix: "/api/v1" });
  // Open event streams would hold the server open: end them when it starts closing.
  app.addHook("preClose", async () => closeEventStreams(ctx));
  await app.register(tasksRoutes, { prefix: "/api/v1" });
  await app.register(surveysRoutes, { prefix: "/api/v1" });
  registerSurveyJobs(ctx);
  await app.register(notificationsRoutes, { prefix: "/api/v1" });
  await app.register(checkinsRoutes, { prefix: "/api/v1" });
  registerCheckinJobs(ctx);
  await app.register(postsRoutes, { prefix: "/api/v1" });
  await app.register(statisticsRoutes, { prefix: "/api/v1" });
  await app.register(unsubscribeRoutes, { prefix: "/api/v1" });
  registerNotificationJobs(ctx);
  registerPrivacyPolicyJobs(ctx);
  // Issue 7: privacy and data rights.
  await app.register(privacyPolicyRoutes, { prefix: "/api/v1" });
  await app.register(retentionRoutes, { prefix: "/api/v1" });
  registerRetentionJobs(ctx);
  await app.register(safeguardingRoutes, { prefix: "/api/v1" });
  await app.register(crashReportsRoutes, { prefix: "/api/v1" });
  registerCrashReportJobs(ctx);
  await app.register(dataExportsRoutes, { prefix: "/api/v1" });
  registerDataExportJobs(ctx);
  await app.register(erasureRoutes, { prefix: "/api/v1" });
  await app.register(identitiesRoutes, { prefix: "/api/v1" });
  registerBlobSweep(ctx);
  await registerWebApp(app, config);
  return app;
}

/** Maps zod's issue codes to the field problems the web app translates; `required` when no value was sent. */
function fieldProblem(issue: { keyword: string; params: Record<string, unknown> }, missing: boolean): FieldProblem {
  return missing ? "required" : fieldProblemOf({ code: issue.keyword, format: issue.params.format });
}

/** The value at a JSON-pointer-like path ("/a/0/b") of what the client sent. */
function valueAt(root: unknown, pointer: string): unknown {
  let v: unknown = root;
  for (const part of pointer.split("/").filter(Boolean)) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler(async (err: FastifyError | HttpError, request, reply) => {
    if (err instanceof HttpError && err.denied && request.actor) {
      // Refused authorizations are part of the audit trail (who tried what, from where).
      await recordAudit(app.ctx.db, {
        action: `${err.denied.policy}.${err.denied.action}`,
        outcome: "denied",
        actorId: request.actor.userId,
        organisationId: err.denied.organisationId,
        subjectType: err.denied.policy,
        subjectId: err.denied.subjectId,
        ip: request.ip,
        at: app.ctx.clock(),
      }).catch((auditErr: unknown) => request.log.error({ err: auditErr }, "could not audit a refused authorization"));
    }
    if (err instanceof HttpError) {
      if (err.headers) reply.headers(err.headers);
      return reply.status(err.status).send({ error: { code: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}) } });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const fields: Record<string, string> = {};
      for (const issue of err.validation) {
        const context = err.validationContext ?? "body";
        const key = issue.instancePath.replace(/^\//, "").replace(/\//g, ".") || context;
        const sent = { body: request.body, querystring: request.query, params: request.params, headers: request.headers }[context];
        fields[key] ??= fieldProblem(issue as never, valueAt(sent, issue.instancePath) === undefined);
      }
      return reply.status(400).send({ error: { code: "validation", message: "Some fields need attention.", fields } });
    }
    const status = typeof err.statusCode === "number" ? err.statusCode : 500;
    if (status === 413) return reply.status(413).send({ error: { code: "payload_too_large", message: "The request is too large." } });
    if (status === 415 || err.code === "FST_INVALID_MULTIPART_CONTENT_TYPE") {
      return reply.status(415).send({ error: { code: "unsupported_media_type", message: "This content type is not accepted here." } });
    }
    if (status === 404 || status === 403) {
      return reply.status(404).send({ error: { code: "not_found", message: "Not found." } });
    }
    const dbCode = (err as { code?: unknown }).code;
    if (dbCode === "23503" || dbCode === "SQLITE_CONSTRAINT_FOREIGNKEY") {
      // What the request refers to was removed between its check and its write (a check-in
      // deleted while a loop answering it was sent): nothing was written; try again.
      return reply.status(409).send({ error: { code: "conflict", message: "Something this refers to was just removed. Reload and try again." } });
    }
    if (dbCode === "22021" || dbCode === "22P05") {
      // PostgreSQL refuses NUL and similar bytes in text; the schemas refuse them first, this is the net.
      return reply.status(400).send({ error: { code: "validation", message: "The request contains characters that are not allowed." } });
    }
    if (status >= 400 && status < 500) {
      // Fastify's own client errors: malformed JSON, empty body, bad multipart framing.
      return reply.status(400).send({ error: { code: "validation", message: "The request could not be read." } });
    }
    if (status === 503 && err.code === "FST_ERR_SERVER_CLOSING") {
      return reply.status(503).send({ error: { code: "unavailable", message: "The server is shutting down." } });
    }
    request.log.error({ err }, "unhandled error");
    return reply.status(500).send({ error: { code: "internal", message: "Something went wrong on our side." } });
  });
}

async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Openloop API",
        version: "1",
        description:
          "REST API of Openloop. Authentication is a session cookie set by sign-in. Every state-changing request must carry an `Origin` header of this instance (CSRF defence).",
      },
      components: { securitySchemes: { session: { type: "apiKey", in: "cookie", name: "openloop_session" } } },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());
  await app.register(swaggerUi, {
    routePrefix: "/api/docs",
    staticCSP: true,
    // Keep the house rules on the docs page too: no base, no framing, no insecure-upgrade surprises.
    transformStaticCSP: (header: string) =>
      header
        .replace("base-uri 'self'", "base-uri 'none'")
        .replace("frame-ancestors 'self'", "frame-ancestors 'none'")
        .replace(" validator.swagger.io", "")
        .replace(/ https:/g, "")
        .replace("upgrade-insecure-requests;", ""),
    uiConfig: { validatorUrl: null, docExpansion: "list", deepLinking: true },
  });
}

/** Serves the built SPA and falls back to index.html for its client-side routes. */
async function registerWebApp(app: FastifyInstance, config: Config): Promise<void> {
  const indexFile = path.join(config.webDir, "index.html");
  const hasWeb = fs.existsSync(indexFile);
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: config.webDir,
      wildcard: true,
      index: "index.html",
      // Our setHeaders decides caching; @fastify/static's own header would overwrite it.
      cacheControl: false,
      setHeaders: (res, filePath) => {
        // Vite fingerprints assets: cache forever. Everything else: revalidate.
        res.setHeader("cache-control", filePath.includes(`${path.sep}assets${path.sep}`) ? "public, max-age=31536000, immutable" : "no-cache");
      },
    });
  }
  app.setNotFoundHandler(async (request, reply) => {
    const isApi = request.url.startsWith("/api/") || request.url === "/api";
    // A missing file (a stale asset, a typo'd image) is a 404, not the SPA shell.
    const looksLikeFile = /\.[a-z0-9]{1,8}$/i.test(request.url.split("?")[0] ?? "") || request.url.startsWith("/assets/");
    if (isApi || looksLikeFile || (request.method !== "GET" && request.method !== "HEAD")) {
      return reply.status(404).send({ error: { code: "not_found", message: "Not found." } });
    }
    if (!hasWeb) {
      return reply.status(503).type("text/plain").send("The web app is not built. Run `npm run build` (npm start does it for you).");
    }
    return reply.header("cache-control", "no-cache").sendFile("index.html");
  });
}
