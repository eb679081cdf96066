/**
 * Migrations: an operator starts on an empty database and gets every table; starting again (every
 * restart runs them) applies nothing and touches nothing; the audit log cannot be rewritten.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import pg from "pg";
import { MIGRATION_NAMES, migrateToLatest } from "../src/server/db/migrate.js";
import { openDb, type Db } from "../src/server/db/index.js";
import { recordAudit } from "../src/server/audit/index.js";
import { createTestDb, testDialect, type TestDb } from "./helpers/test-db.js";

const APP_TABLES = ["audit_events", "auth_tokens", "instance_state", "sessions", "users"];

let testDb: TestDb;
let db: Db;

beforeAll(async () => {
  testDb = await createTestDb({ migrate: false });
  db = testDb.handle.db;
});
afterAll(async () => {
  await testDb?.drop();
});

/** Tables and their columns in this test's own database/schema, for before/after comparisons. */
async function schemaSnapshot(): Promise<Record<string, string[]>> {
  let tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  if (testDb.dialect === "postgres") {
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
    tables = tables.filter((t) => t.schema === rows[0]!.schema);
  }
  return Object.fromEntries(
    tables
      .map((t) => [t.name, t.columns.map((c) => `${c.name}:${c.dataType}:${c.isNullable ? "null" : "not null"}`).sort()] as const)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

async function rowCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of [...APP_TABLES, "kysely_migration"]) {
    const { rows } = await sql<{ count: number }>`select count(*) as count from ${sql.table(table)}`.execute(db);
    counts[table] = Number(rows[0]!.count);
  }
  return counts;
}

describe("migrations", () => {
  it("start from a database without any table", async () => {
    expect(Object.keys(await schemaSnapshot())).toEqual([]);
  });

  it("apply every migration to an empty database and report their names", async () => {
    const applied = await migrateToLatest(testDb.handle);
    expect(applied).toEqual(MIGRATION_NAMES);
    const tables = Object.keys(await schemaSnapshot());
    for (const table of APP_TABLES) expect(tables).toContain(table);
  });

  it("leave the tables usable: a user row can be written and read back", async () => {
    const now = new Date().toISOString();
    await db
      .insertInto("users")
      .values({
        id: "6a4c1a3e-7d0a-4b8e-9a55-0f2f3b9b1c01",
        email: "Ada@Example.org",
        email_normalized: "ada@example.org",
        name: "Ada",
        password_hash: null,
        language: "en",
        picture_key: null,
        is_instance_admin: false,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const row = await db.selectFrom("users").select(["name", "email"]).where("email_normalized", "=", "ada@example.org").executeTakeFirst();
    expect(row).toEqual({ name: "Ada", email: "Ada@Example.org" });
  });

  it("apply nothing and change nothing when run again", async () => {
    const schemaBefore = await schemaSnapshot();
    const countsBefore = await rowCounts();
    expect(countsBefore.instance_state).toBe(1);
    expect(countsBefore.kysely_migration).toBe(MIGRATION_NAMES.length);

    expect(await migrateToLatest(testDb.handle)).toEqual([]);

    expect(await schemaSnapshot()).toEqual(schemaBefore);
    expect(await rowCounts()).toEqual(countsBefore);
  });
});

describe.runIf(testDialect() === "postgres")("migrations on a PostgreSQL database shared by several schemas", () => {
  it("apply to an empty schema while another schema of the same database already holds migrated tables", async () => {
    // E.g. a second instance, another Kysely app in `public`, or test files running side by side.
    const neighbour = await createTestDb();
    const fresh = await createTestDb({ migrate: false });
    try {
      expect(await migrateToLatest(fresh.handle)).toEqual(MIGRATION_NAMES);
      const { rows } = await sql<{ count: number }>`select count(*) as count from instance_state`.execute(fresh.handle.db);
      expect(rows[0]!.count).toBe(1);
      expect(await migrateToLatest(fresh.handle)).toEqual([]);
    } finally {
      await fresh.drop();
      await neighbour.drop();
    }
  });

  it("apply in the schema an operator picks with DATABASE_URL's search_path while another schema holds migrated tables", async () => {
    const url = process.env.TEST_DATABASE_URL!;
    const schema = `t_sp_${randomBytes(6).toString("hex")}`;
    const admin = async (text: string) => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(text);
      await c.end();
    };
    const neighbour = await createTestDb();
    await admin(`create schema ${schema}`);
    // As main.ts opens it: from DATABASE_URL alone, without the test helper's schema option.
    const withSearchPath = new URL(url);
    withSearchPath.searchParams.set("options", `-c search_path=${schema}`);
    const handle = openDb({ databaseUrl: withSearchPath.toString().replace(/\+/g, "%20"), sqlitePath: "" });
    try {
      const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(handle.db);
      expect(rows[0]!.schema).toBe(schema);
      expect(await migrateToLatest(handle)).toEqual(MIGRATION_NAMES);
      expect(await migrateToLatest(handle)).toEqual([]);
    } finally {
      await handle.close();
      await admin(`drop schema ${schema} cascade`);
      await neighbour.drop();
    }
  });
});

describe("the audit log", () => {
  const eventAt = new Date("2026-09-01T08:00:00.000Z");

  beforeAll(async () => {
    await recordAudit(db, { action: "user.registered", actorId: "actor-1", subjectType: "user", subjectId: "actor-1", at: eventAt });
  });

  async function events() {
    return db.selectFrom("audit_events").select(["action", "actor_id", "created_at"]).orderBy("created_at").execute();
  }

  it("refuses to UPDATE a recorded event, and the event stays as it was", async () => {
    const before = await events();
    expect(before).toHaveLength(1);
    await expect(db.updateTable("audit_events").set({ action: "user.nothing_happened" }).execute()).rejects.toThrow(/append-only/);
    await expect(db.updateTable("audit_events").set({ actor_id: null }).where("actor_id", "=", "actor-1").execute()).rejects.toThrow(
      /append-only/,
    );
    expect(await events()).toEqual(before);
  });

  it("refuses to DELETE a recorded event, and the event is still there", async () => {
    const before = await events();
    await expect(db.deleteFrom("audit_events").execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom("audit_events").where("action", "=", "user.registered").execute()).rejects.toThrow(/append-only/);
    expect(await events()).toEqual(before);
  });

  it("still accepts new events (append-only, not read-only)", async () => {
    await recordAudit(db, { action: "session.created", actorId: "actor-1", subjectType: "session", subjectId: "s-1", at: new Date(eventAt.getTime() + 1000) });
    expect((await events()).map((e) => e.action)).toEqual(["user.registered", "session.created"]);
  });
});
