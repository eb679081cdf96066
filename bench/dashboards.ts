/**
 * The statistics benchmarks' set-up (issue 6): the data sets, generated from a seed on every run,
 * and the PostgreSQL app for the organisation dashboard. bench/run.ts measures and reports.
 *
 *  - Group dashboard (SQLite): one group of 30 senders × 200 school days (≈ 6,000 loops over 40
 *    weeks, with tags, tasks, comments, ~8 % anonymous), the whole 40 weeks asked for.
 *  - Organisation dashboard (PostgreSQL): 200 groups × 30 senders × 167 loops (≈ 1,000,000 loops
 *    over 40 weeks) in a schema of its own, dropped afterwards.
 */
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { sql } from "kysely";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../src/server/app.js";
import type { Config } from "../src/server/config.js";
import { openDb, type DbHandle } from "../src/server/db/index.js";
import { migrateToLatest } from "../src/server/db/migrate.js";
import type { RateLimitSettings } from "../src/server/auth/rate-limits.js";
import type { AppContext } from "../src/server/app.js";
import { addDays, localDay } from "../src/shared/days.js";
import { DEFAULT_TIME_ZONE } from "../src/shared/schemas/organisations.js";
import { createWorld, seedHistory, type BenchWorld, type HistoryCounts } from "./generate.js";

/** 200 school days: 40 weeks of five days. */
export const DASHBOARD_DAYS = 280;

export interface DashboardWorld {
  world: BenchWorld;
  history: HistoryCounts;
  /** The query string of the whole history's period. */
  query: string;
}

/** The period covering the history that ends now: its first and last organisation-local day. */
export function historyPeriod(end: Date, days: number): string {
  const to = localDay(end, DEFAULT_TIME_ZONE);
  return `from=${addDays(to, -(days - 1))}&to=${to}`;
}

/** One group of 30 senders with 200 loops each over 40 weeks. */
export async function seedGroupDashboard(ctx: AppContext, seed: number): Promise<DashboardWorld> {
  const world = await createWorld(ctx, { seed, name: "dashboard", groups: 1, sendersPerGroup: 30, tagsPerGroup: 8, tasksPerGroup: 10 });
  const end = ctx.clock();
  const history = await seedHistory(ctx, world, { seed: seed + 1, loopsPerSender: 200, days: DASHBOARD_DAYS, end });
  return { world, history, query: historyPeriod(end, DASHBOARD_DAYS) };
}

export interface OrgBench {
  app: FastifyInstance;
  url: string;
  handle: DbHandle;
  world: BenchWorld;
  history: HistoryCounts;
  query: string;
  postgresVersion: string;
  /** Drops the schema and closes everything. */
  close(): Promise<void>;
}

/** The real app on a fresh PostgreSQL schema, with 200 groups × 30 senders × 167 loops. */
export async function seedOrgDashboard(opts: { pgUrl: string; config: Config; rateLimits: RateLimitSettings; seed: number; log: (m: string) => void }): Promise<OrgBench> {
  const schema = `bench_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: opts.pgUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  const postgresVersion = ((await admin.query("show server_version")).rows[0] as { server_version: string }).server_version;
  await admin.end();
  const handle = openDb({ databaseUrl: opts.pgUrl, sqlitePath: "", pgSchema: schema });
  const drop = async () => {
    const c = new pg.Client({ connectionString: opts.pgUrl });
    await c.connect();
    await c.query(`drop schema if exists ${schema} cascade`);
    await c.end();
  };
  try {
    await migrateToLatest(handle);
    const app = await buildApp({ config: opts.config, dbHandle: handle, logger: false, rateLimits: opts.rateLimits });
    await app.listen({ port: 0, host: "127.0.0.1" });
    const t0 = Date.now();
    const world = await createWorld(app.ctx, { seed: opts.seed, name: "org", groups: 200, sendersPerGroup: 30, tagsPerGroup: 0, tasksPerGroup: 0 });
    opts.log(`organisation world: 200 groups, 6000 senders in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    const end = app.ctx.clock();
    const history = await seedHistory(app.ctx, world, { seed: opts.seed + 1, loopsPerSender: 167, days: DASHBOARD_DAYS, end, lean: true });
    await sql`analyze`.execute(handle.db);
    opts.log(`organisation history: ${history.loops} loops, ${history.activityRows} roll-up rows in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    return {
      app,
      url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
      handle,
      world,
      history,
      query: historyPeriod(end, DASHBOARD_DAYS),
      postgresVersion,
      async close() {
        await app.close();
        await handle.close();
        await drop();
      },
    };
  } catch (err) {
    await handle.close().catch(() => undefined);
    await drop();
    throw err;
  }
}

/**
 * The organisation dashboard's per-group, per-week figures computed straight from the loops table
 * (no roll-up): what the roll-up saves, timed in the same run for the report.
 */
export async function directOrgAggregate(handle: DbHandle, organisationId: string, from: string, to: string): Promise<number> {
  const rows = await sql<{ n: number }>`
    select count(*) as n from (
      select group_id, listed_on, count(*) filter (where not is_anonymous) as named, count(distinct sender_id) filter (where not is_anonymous) as senders
      from loops where organisation_id = ${organisationId} and listed_on between ${from} and ${to}
      group by group_id, listed_on) t`.execute(handle.db);
  return Number(rows.rows[0]?.n ?? 0);
}
