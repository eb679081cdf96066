/**
 * The one database module: Kysely over the embedded SQLite (default) or PostgreSQL
 * (`DATABASE_URL=postgres://…`). Values are normalised here and nowhere else, so callers see the
 * same types on both dialects: ISO 8601 timestamps, real booleans, numeric counts.
 */
import fs from "node:fs";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { Kysely, PostgresDialect, sql, type Transaction } from "kysely";
import pg from "pg";
import { NormalisePlugin } from "./normalise.js";
import { FairSqliteDialect } from "./sqlite-driver.js";
import type { Database } from "./types.js";

export type Dialect = "sqlite" | "postgres";
export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Either the database or an open transaction: commands accept both. */
export type DbOrTx = Db | Tx;

export interface DbHandle {
  db: Db;
  dialect: Dialect;
  /** The PostgreSQL schema in use when not the default (tests). */
  pgSchema?: string | undefined;
  /** Answers true when the database responds to a trivial query. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** How many prepared statements a SQLite connection keeps for reuse. */
const SQLITE_STATEMENT_CACHE_SIZE = 500;
/** How long a SQLite writer waits for a lock before SQLITE_BUSY. */
const SQLITE_BUSY_TIMEOUT_MS = 5000;
const PG_POOL_SIZE = 10;

// PostgreSQL: timestamps as ISO strings, bigint counts and numerics as numbers — like SQLite.
const TIMESTAMPTZ_OID = 1184;
const TIMESTAMP_OID = 1114;
const INT8_OID = 20;
const NUMERIC_OID = 1700;
const pgTypes = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === TIMESTAMPTZ_OID || oid === TIMESTAMP_OID) {
      return (v: string) => new Date(oid === TIMESTAMP_OID ? `${v}Z` : v).toISOString();
    }
    if (oid === INT8_OID || oid === NUMERIC_OID) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format ?? "text");
  },
};

/** better-sqlite3 binds neither booleans nor Dates: convert them, and reuse prepared statements. */
function wrapSqlite(raw: BetterSqlite3.Database) {
  const cache = new Map<string, BetterSqlite3.Statement>();
  const bind = (params: ReadonlyArray<unknown>) =>
    params.map((p) => (typeof p === "boolean" ? (p ? 1 : 0) : p instanceof Date ? p.toISOString() : p));
  return {
    close: () => raw.close(),
    get inTransaction() {
      return raw.inTransaction;
    },
    prepare(text: string) {
      let stmt = cache.get(text);
      if (!stmt) {
        stmt = raw.prepare(text);
        if (cache.size >= SQLITE_STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
        cache.set(text, stmt);
      }
      const s = stmt;
      return {
        reader: s.reader,
        all: (params: ReadonlyArray<unknown>) => s.all(...bind(params)),
        run: (params: ReadonlyArray<unknown>) => s.run(...bind(params)),
        iterate: (params: ReadonlyArray<unknown>) => s.iterate(...bind(params)),
      };
    },
  };
}

export interface OpenDbOptions {
  databaseUrl: string | undefined;
  sqlitePath: string;
  /** PostgreSQL schema to use (tests isolate each file in its own schema). */
  pgSchema?: string;
}

/** Opens the configured database; does not migrate (see migrate.ts). */
export function openDb(opts: OpenDbOptions): DbHandle {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: PG_POOL_SIZE,
      types: pgTypes,
      ...(opts.pgSchema ? { options: `-c search_path=${opts.pgSchema}` } : {}),
    });
    // An idle client losing its connection must not crash the process; the next query reconnects.
    pool.on("error", () => undefined);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [new NormalisePlugin()] });
    return {
      db,
      dialect: "postgres",
      pgSchema: opts.pgSchema,
      ping: () => ping(db),
      close: () => db.destroy(),
    };
  }
  fs.mkdirSync(path.dirname(opts.sqlitePath), { recursive: true });
  const raw = new BetterSqlite3(opts.sqlitePath);
  raw.pragma("journal_mode = WAL");
  raw.pragma("foreign_keys = ON");
  raw.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  raw.pragma("synchronous = NORMAL");
  // SQLite's own lower() folds ASCII only; PostgreSQL's folds every letter. Make SQLite agree,
  // so a search for "åsa" finds "Åsa" on both.
  raw.function("lower", { deterministic: true }, (v: unknown) => (typeof v === "string" ? v.toLowerCase() : v));
  const db = new Kysely<Database>({
    dialect: new FairSqliteDialect(wrapSqlite(raw)),
    plugins: [new NormalisePlugin()],
  });
  return { db, dialect: "sqlite", ping: () => ping(db), close: () => db.destroy() };
}

async function ping(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}

/** True when a write failed on a UNIQUE constraint, on either dialect. */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}
