/**
 * A fresh database per test file: a temporary SQLite file, or — when the suite runs as the
 * PostgreSQL project — a new schema in TEST_DATABASE_URL, dropped afterwards.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDb, type DbHandle, type Dialect } from "../../src/server/db/index.js";
import { migrateToLatest } from "../../src/server/db/migrate.js";

export interface TestDb {
  handle: DbHandle;
  dialect: Dialect;
  /** Closes the connection and removes the database/schema. */
  drop(): Promise<void>;
}

export function testDialect(): Dialect {
  return process.env.TEST_DIALECT === "postgres" ? "postgres" : "sqlite";
}

/** Opens an empty database of the current dialect; `migrate: false` leaves it without tables. */
export async function createTestDb(opts: { migrate?: boolean; dir?: string } = {}): Promise<TestDb> {
  const dialect = testDialect();
  if (dialect === "postgres") {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error("TEST_DATABASE_URL must be set for the PostgreSQL project");
    const schema = `t_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    const handle = openDb({ databaseUrl: url, sqlitePath: "", pgSchema: schema });
    const drop = async () => {
      await handle.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    };
    if (opts.migrate !== false) {
      // A failing migration must not leave its schema behind.
      await migrateToLatest(handle).catch(async (err: unknown) => {
        await drop();
        throw err;
      });
    }
    return { handle, dialect, drop };
  }
  const dir = opts.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), "openloop-db-"));
  const handle = openDb({ databaseUrl: undefined, sqlitePath: path.join(dir, "openloop.db") });
  if (opts.migrate !== false) await migrateToLatest(handle);
  return {
    handle,
    dialect,
    async drop() {
      await handle.close();
      if (!opts.dir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
