/**
 * The db module hides the dialect: SQLite's 0/1 and PostgreSQL's Dates and bigint strings come
 * back as the same JS values on both, so no caller (and no API response) differs by dialect.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { compiledOnce } from "../src/server/db/compiled.js";
import { isUniqueViolation, type Db } from "../src/server/db/index.js";
import type { UserRow } from "../src/server/db/types.js";
import { createTestDb, type TestDb } from "./helpers/test-db.js";

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;

let testDb: TestDb;
let db: Db;

function user(overrides: Partial<UserRow> = {}): UserRow {
  const id = randomUUID();
  return {
    id,
    email: `${id}@example.org`,
    email_normalized: `${id}@example.org`,
    name: "Test Person",
    password_hash: null,
    language: "en",
    picture_key: null,
    is_instance_admin: false,
    created_at: "2026-09-01T08:00:00.000Z",
    updated_at: "2026-09-01T08:00:00.000Z",
    ...overrides,
  };
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error("expected the write to fail");
}

beforeAll(async () => {
  testDb = await createTestDb();
  db = testDb.handle.db;
});
afterAll(async () => {
  await testDb?.drop();
});

describe(`the db module on ${process.env.TEST_DIALECT ?? "sqlite"}`, () => {
  it("returns boolean columns as true/false, not 0/1", async () => {
    const admin = user({ is_instance_admin: true });
    const member = user({ is_instance_admin: false });
    await db.insertInto("users").values([admin, member]).execute();
    const rows = await db.selectFrom("users").select(["id", "is_instance_admin"]).where("id", "in", [admin.id, member.id]).execute();
    const byId = Object.fromEntries(rows.map((r) => [r.id, r.is_instance_admin]));
    expect(byId).toStrictEqual({ [admin.id]: true, [member.id]: false });
  });

  it("filters on a boolean given as a JS boolean", async () => {
    const admins = await db.selectFrom("users").select("id").where("is_instance_admin", "=", true).execute();
    expect(admins).toHaveLength(1);
  });

  it("returns timestamps as ISO 8601 UTC strings, as written", async () => {
    const u = user({ created_at: "2026-03-29T01:30:15.123Z" });
    await db.insertInto("users").values(u).execute();
    const row = await db.selectFrom("users").select(["created_at", "updated_at"]).where("id", "=", u.id).executeTakeFirstOrThrow();
    expect(typeof row.created_at).toBe("string");
    expect(row.created_at).toMatch(ISO_UTC);
    expect(row.created_at).toBe("2026-03-29T01:30:15.123Z");
    expect(row.updated_at).toMatch(ISO_UTC);
  });

  it("returns an aggregated timestamp (max) as an ISO 8601 UTC string", async () => {
    const row = await db.selectFrom("users").select((eb) => eb.fn.max("created_at").as("latest")).executeTakeFirstOrThrow();
    expect(row.latest).toBe("2026-09-01T08:00:00.000Z");
  });

  it("returns count(*) as a number", async () => {
    const row = await db.selectFrom("users").select((eb) => eb.fn.countAll().as("count")).executeTakeFirstOrThrow();
    expect(row.count).toStrictEqual(3);
  });

  it("normalises raw sql results the same way", async () => {
    const { rows } = await sql<{ count: unknown; is_instance_admin: unknown; created_at: unknown }>`
      select count(*) as count, is_instance_admin, max(created_at) as created_at
      from users group by is_instance_admin order by count desc`.execute(db);
    expect(rows).toStrictEqual([
      { count: 2, is_instance_admin: false, created_at: "2026-09-01T08:00:00.000Z" },
      { count: 1, is_instance_admin: true, created_at: "2026-09-01T08:00:00.000Z" },
    ]);
  });

  it("folds every letter in lower(), not only ASCII (text search agrees on both databases)", async () => {
    const { rows } = await sql<{ folded: string }>`select lower(${"ÅSA Öberg ÉTÉ"}) as folded`.execute(db);
    expect(rows[0]!.folded).toBe("åsa öberg été");
  });

  it("runs a query compiled once with new values each time, normalised, also inside a transaction", async () => {
    const byAdmin = compiledOnce(2, (d, admin, name) =>
      d.selectFrom("users").select(["name", "is_instance_admin"]).where("is_instance_admin", "=", admin as unknown as boolean).where("name", "=", name!),
    );
    const people = [user({ name: "Compiled One", is_instance_admin: true }), user({ name: "Compiled Two", is_instance_admin: false })];
    await db.insertInto("users").values(people).execute();
    expect(await byAdmin(db, true, "Compiled One")).toStrictEqual([{ name: "Compiled One", is_instance_admin: true }]);
    expect(await byAdmin(db, false, "Compiled Two")).toStrictEqual([{ name: "Compiled Two", is_instance_admin: false }]);
    expect(await byAdmin(db, true, "Compiled Two")).toStrictEqual([]);
    const inTx = await db.transaction().execute((tx) => byAdmin(tx, false, "Compiled Two"));
    expect(inTx).toHaveLength(1);
  });

  it("refuses a compiled-once query whose placeholder is not used exactly once", async () => {
    const unused = compiledOnce(2, (d, name) => d.selectFrom("users").select("id").where("name", "=", name!));
    await expect(unused(db, "x", "y")).rejects.toThrow(/exactly once/);
  });

  it("returns nullable columns as null, not undefined or 'null'", async () => {
    const u = user();
    await db.insertInto("users").values(u).execute();
    const row = await db.selectFrom("users").select(["password_hash", "picture_key"]).where("id", "=", u.id).executeTakeFirstOrThrow();
    expect(row).toStrictEqual({ password_hash: null, picture_key: null });
  });

  it("recognises a duplicate unique key as a unique violation", async () => {
    const first = user();
    await db.insertInto("users").values(first).execute();
    const err = await caught(db.insertInto("users").values(user({ email_normalized: first.email_normalized })).execute());
    expect(isUniqueViolation(err)).toBe(true);
  });

  it("recognises a duplicate primary key as a unique violation", async () => {
    const first = user();
    await db.insertInto("users").values(first).execute();
    const err = await caught(db.insertInto("users").values(user({ id: first.id })).execute());
    expect(isUniqueViolation(err)).toBe(true);
  });

  it("does not mistake another constraint failure for a unique violation", async () => {
    const err = await caught(
      db
        .insertInto("users")
        .values(user({ name: null as unknown as string }))
        .execute(),
    );
    expect(isUniqueViolation(err)).toBe(false);
    const checkErr = await caught(db.insertInto("users").values(user({ language: "de" as "en" })).execute());
    expect(isUniqueViolation(checkErr)).toBe(false);
    expect(isUniqueViolation(new Error("unique"))).toBe(false);
    expect(isUniqueViolation(null)).toBe(false);
  });
});
