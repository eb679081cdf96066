/**
 * Starts Openloop from the environment: config → database → migrations → app → listen.
 * SIGTERM/SIGINT stop accepting connections, let in-flight requests finish, then close the database.
 */
import { buildApp } from "./app.js";
import { ConfigError, loadConfig } from "./config.js";
import { openDb } from "./db/index.js";
import { migrateToLatest, MigrationError } from "./db/migrate.js";
import { purgeExpiredSessions } from "./auth/sessions.js";
import { purgeStaleFlows } from "./modules/identities/erasure.js";

/** A shutdown that hangs (a stuck request) is cut off after this long. */
const SHUTDOWN_GRACE_MS = 10_000;
/** Expired sessions are swept this often. */
const SESSION_SWEEP_INTERVAL_MS = 60 * 60 * 1000;

async function main(): Promise<void> {
  const config = loadConfig();
  const dbHandle = openDb({ databaseUrl: config.databaseUrl, sqlitePath: config.sqlitePath });
  const applied = await migrateToLatest(dbHandle);
  const app = await buildApp({ config, dbHandle });
  if (applied.length > 0) app.log.info({ migrations: applied }, "migrations applied");

  // Ended sessions, and sign-ins at a provider nobody finished (they hold a person's claims for a while).
  const sweep = () =>
    Promise.all([purgeExpiredSessions(dbHandle.db, new Date(), app.ctx.timeouts), purgeStaleFlows(dbHandle.db, new Date())]).catch((err: unknown) =>
      app.log.warn({ err }, "session sweep failed"),
    );
  await sweep();
  const timer = setInterval(sweep, SESSION_SWEEP_INTERVAL_MS);
  timer.unref();

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, "shutting down");
    const force = setTimeout(() => {
      app.log.error("shutdown took too long; exiting");
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    clearInterval(timer);
    await app.close();
    await dbHandle.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));

  await app.listen({ port: config.port, host: config.host });
  // Scheduled jobs (digests, check-ins, survey openings) run in this process (jobs/job-queue.ts).
  app.ctx.jobs.start();
  app.log.info(`Openloop is ready at ${config.publicUrl} (${dbHandle.dialect})`);
}

main().catch((err: unknown) => {
  // Configuration and migration problems are the operator's to fix: one clear line, no stack.
  if (err instanceof ConfigError || err instanceof MigrationError) {
    console.error(err.message);
  } else if (err instanceof Error && "code" in err && (err.code === "EADDRINUSE" || err.code === "EACCES" || err.code === "ENOENT")) {
    console.error(`Cannot start: ${err.message}`);
  } else {
    console.error("Openloop could not start:", err);
  }
  process.exit(1);
});
