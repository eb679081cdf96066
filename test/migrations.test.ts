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

describe("migration 0005 (statistics) on a database with loops", () => {
  const ids = {
    sender: "6a4c1a3e-7d0a-4b8e-9a55-0f2f3b9b1c11",
    leader: "6a4c1a3e-7d0a-4b8e-9a55-0f2f3b9b1c12",
    stockholm: "6a4c1a3e-7d0a-4b8e-9a55-0f2f3b9b1c21",
    newYork: "6a4c1a3e-7d0a-4b8e-9a55-0f2f3b9b1c22",
    classA: "6a4c1a3e-7d0a-4b8e-9a55-0f2f3b9b1c31",
    classB: "6a4c1a3e-7d0a-4b8e-9a55-0f2f3b9b1c32",
    named: "6a4c1a3e-7d0a-4b8e-9a55-0f2f3b9b1c41",
    anonymous: "6a4c1a3e-7d0a-4b8e-9a55-0f2f3b9b1c42",
    newYorkAnonymous: "6a4c1a3e-7d0a-4b8e-9a55-0f2f3b9b1c43",
    unanswered: "6a4c1a3e-7d0a-4b8e-9a55-0f2f3b9b1c44",
    tag: "6a4c1a3e-7d0a-4b8e-9a55-0f2f3b9b1c61",
  };
  let old: TestDb;

  beforeAll(async () => {
    old = await createTestDb({ migrate: false });
    expect(await migrateToLatest(old.handle, { through: "0004_engagement" })).toEqual(MIGRATION_NAMES.slice(0, MIGRATION_NAMES.indexOf("0004_engagement") + 1));
    // Rows as the version before wrote them (columns of 0004; an anonymous loop listed at its UTC day's start).
    const insert = (table: string, rows: Record<string, unknown>[]) => old.handle.db.insertInto(table as never).values(rows as never).execute();
    const at = "2026-09-01T08:00:00.000Z";
    await insert(
      "users",
      [ids.sender, ids.leader].map((id, i) => ({
        id, email: `p${i}@example.org`, email_normalized: `p${i}@example.org`, name: `P${i}`, password_hash: null, language: "en",
        picture_key: null, is_instance_admin: false, created_at: at, updated_at: at,
      })),
    );
    await insert("organisations", [
      { id: ids.stockholm, name: "Solskolan", type: "school", time_zone: "Europe/Stockholm", created_at: at, updated_at: at },
      { id: ids.newYork, name: "Hudson", type: "school", time_zone: "America/New_York", created_at: at, updated_at: at },
    ]);
    await insert(
      "groups",
      [[ids.classA, ids.stockholm], [ids.classB, ids.newYork]].map(([id, org]) => ({
        id, organisation_id: org, name: "7B", description: "", type: "hierarchical", leader_title_en: "Teacher", leader_title_sv: "Lärare",
        sender_title_en: "Student", sender_title_sv: "Elev", owner_id: ids.leader, is_active: true, created_at: at, updated_at: at,
      })),
    );
    const loop = (id: string, org: string, group: string, created: string, anonymous: boolean, extra: Record<string, unknown> = {}) => ({
      id, organisation_id: org, group_id: group, sender_id: ids.sender, task_id: null, emoji: 3, text: "", is_anonymous: anonymous,
      created_at: created, listed_at: anonymous ? `${created.slice(0, 10)}T00:00:00.000Z` : created,
      comment_count: 0, last_comment_at: null, is_answered: false, ...extra,
    });
    await insert("loops", [
      // 23:30 on 2 September in Stockholm; answered by the leader at 08:00 on the 3rd (that comment since deleted) and again later.
      loop(ids.named, ids.stockholm, ids.classA, "2026-09-02T21:30:00.000Z", false, { is_answered: true, comment_count: 3, last_comment_at: "2026-09-03T09:00:00.000Z" }),
      // 00:30 on 3 September in Stockholm (2 September in UTC).
      loop(ids.anonymous, ids.stockholm, ids.classA, "2026-09-02T22:30:00.000Z", true),
      // 23:30 on 2 September in New York (3 September in UTC).
      loop(ids.newYorkAnonymous, ids.newYork, ids.classB, "2026-09-03T03:30:00.000Z", true),
      // Only the sender wrote in its thread.
      loop(ids.unanswered, ids.stockholm, ids.classA, "2026-09-07T10:00:00.000Z", false, { comment_count: 1, last_comment_at: "2026-09-07T11:00:00.000Z" }),
    ]);
    await insert("tags", [{ id: ids.tag, organisation_id: ids.stockholm, group_id: ids.classA, name: "Brave", colour: null, position: 0, is_archived: false, created_at: at }]);
    await insert("loop_tags", [ids.named, ids.anonymous].map((loopId) => ({ organisation_id: ids.stockholm, loop_id: loopId, tag_id: ids.tag })));
    const comment = (n: number, loopId: string, author: string, created: string, deleted = false) => ({
      id: `6a4c1a3e-7d0a-4b8e-9a55-0f2f3b9b1d${n}`, organisation_id: ids.stockholm, loop_id: loopId, author_id: author, text: deleted ? "" : "x",
      created_at: created, deleted_at: deleted ? "2026-09-03T08:30:00.000Z" : null,
    });
    await insert("comments", [
      comment(51, ids.named, ids.sender, "2026-09-03T07:00:00.000Z"),
      comment(52, ids.named, ids.leader, "2026-09-03T08:00:00.000Z", true),
      comment(53, ids.named, ids.leader, "2026-09-03T09:00:00.000Z"),
      comment(54, ids.unanswered, ids.sender, "2026-09-07T11:00:00.000Z"),
    ]);
    expect(await migrateToLatest(old.handle)).toEqual(MIGRATION_NAMES.slice(MIGRATION_NAMES.indexOf("0004_engagement") + 1));
  });
  afterAll(async () => {
    await old?.drop();
  });

  it("gives every loop its organisation's day, and an anonymous loop that day's start", async () => {
    const rows = await old.handle.db.selectFrom("loops").select(["id", "listed_on", "listed_at"]).orderBy("id").execute();
    expect(rows).toEqual([
      { id: ids.named, listed_on: "2026-09-02", listed_at: "2026-09-02T21:30:00.000Z" },
      { id: ids.anonymous, listed_on: "2026-09-03", listed_at: "2026-09-02T22:00:00.000Z" },
      { id: ids.newYorkAnonymous, listed_on: "2026-09-02", listed_at: "2026-09-02T04:00:00.000Z" },
      { id: ids.unanswered, listed_on: "2026-09-07", listed_at: "2026-09-07T10:00:00.000Z" },
    ]);
  });

  it("copies each tagged loop's facts onto its tag rows", async () => {
    const rows = await old.handle.db.selectFrom("loop_tags").select(["loop_id", "group_id", "listed_on", "sender_id", "task_id", "is_anonymous"]).orderBy("loop_id").execute();
    expect(rows).toEqual([
      { loop_id: ids.named, group_id: ids.classA, listed_on: "2026-09-02", sender_id: ids.sender, task_id: null, is_anonymous: false },
      { loop_id: ids.anonymous, group_id: ids.classA, listed_on: "2026-09-03", sender_id: ids.sender, task_id: null, is_anonymous: true },
    ].sort((a, b) => a.loop_id.localeCompare(b.loop_id)));
  });

  it("dates an answered loop's answer by its first comment from someone other than the sender", async () => {
    const rows = await old.handle.db.selectFrom("loops").select(["id", "answered_at"]).orderBy("id").execute();
    expect(Object.fromEntries(rows.map((r) => [r.id, r.answered_at]))).toEqual({
      [ids.named]: "2026-09-03T08:00:00.000Z",
      [ids.anonymous]: null,
      [ids.newYorkAnonymous]: null,
      [ids.unanswered]: null,
    });
  });

  it("fills the weekly roll-up and sets k to 5", async () => {
    const weeks = await old.handle.db.selectFrom("loop_activity_weeks").selectAll().orderBy("group_id").orderBy("week").execute();
    expect(weeks).toEqual([
      // 2 and 3 September 2026 are a Wednesday and a Thursday; 7 September the next Monday.
      { organisation_id: ids.stockholm, group_id: ids.classA, week: "2026-08-31", sender_id: ids.sender, named_loops: 1, anonymous_loops: 1 },
      { organisation_id: ids.stockholm, group_id: ids.classA, week: "2026-09-07", sender_id: ids.sender, named_loops: 1, anonymous_loops: 0 },
      { organisation_id: ids.newYork, group_id: ids.classB, week: "2026-08-31", sender_id: ids.sender, named_loops: 0, anonymous_loops: 1 },
    ]);
    // The roll-ups derived from it: per group and week, and the weeks with a named loop as bits
    // (31 August 2026 is week 2956 from 1970-01-05: block 59, bit 6; 7 September bit 7).
    const groupWeeks = await old.handle.db.selectFrom("loop_activity_group_weeks").selectAll().orderBy("group_id").orderBy("week").execute();
    expect(groupWeeks).toEqual([
      { organisation_id: ids.stockholm, group_id: ids.classA, week: "2026-08-31", named_loops: 1, anonymous_loops: 1, named_senders: 1, anonymous_senders: 1 },
      { organisation_id: ids.stockholm, group_id: ids.classA, week: "2026-09-07", named_loops: 1, anonymous_loops: 0, named_senders: 1, anonymous_senders: 0 },
      { organisation_id: ids.newYork, group_id: ids.classB, week: "2026-08-31", named_loops: 0, anonymous_loops: 1, named_senders: 0, anonymous_senders: 1 },
    ]);
    const members = await old.handle.db.selectFrom("loop_activity_member_bits").selectAll().execute();
    expect(members.map((m) => ({ ...m, weeks: Number(m.weeks) }))).toEqual([
      { organisation_id: ids.stockholm, group_id: ids.classA, sender_id: ids.sender, block: 59, weeks: 2 ** 6 + 2 ** 7 },
    ]);
    const persons = await old.handle.db.selectFrom("loop_activity_person_bits").selectAll().execute();
    expect(persons.map((p) => ({ ...p, weeks: Number(p.weeks) }))).toEqual([{ organisation_id: ids.stockholm, sender_id: ids.sender, block: 59, weeks: 2 ** 6 + 2 ** 7 }]);
    const orgs = await old.handle.db.selectFrom("organisations").select("statistics_min_senders").execute();
    expect(orgs.map((o) => o.statistics_min_senders)).toEqual([5, 5]);
  });

  // Migration 0007 (retention) ran after these groups existed: nothing of theirs may go at once.
  it("gives groups that existed before retention 3 months, no purpose yet and 14 days' notice from the upgrade", async () => {
    const groups = await old.handle.db.selectFrom("groups").select(["retention_period", "retention_purpose", "retention_changed_at"]).execute();
    expect(groups).toHaveLength(2);
    for (const g of groups) {
      expect(g).toMatchObject({ retention_period: "P3M", retention_purpose: "" });
      expect(Math.abs(Date.parse(String(g.retention_changed_at)) - Date.now())).toBeLessThan(10 * 60_000);
    }
    const orgs = await old.handle.db.selectFrom("organisations").select(["default_retention_period", "export_comment_authors", "erased_user_comments"]).execute();
    expect(orgs).toEqual([
      { default_retention_period: "P3M", export_comment_authors: "role", erased_user_comments: "keep" },
      { default_retention_period: "P3M", export_comment_authors: "role", erased_user_comments: "keep" },
    ]);
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
    await expect(db.updateTable("audit_events").set({ actor_id: null }).where("action", "=", "user.registered").execute()).rejects.toThrow(
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

describe("migration 0012 (erasure) on a database with an audit log and survey answers", () => {
  const ids = {
    anna: "7b5d2b4f-8e1b-4c9f-8b66-1a3a4cac2d11",
    bo: "7b5d2b4f-8e1b-4c9f-8b66-1a3a4cac2d12",
    org: "7b5d2b4f-8e1b-4c9f-8b66-1a3a4cac2d21",
    group: "7b5d2b4f-8e1b-4c9f-8b66-1a3a4cac2d31",
    survey: "7b5d2b4f-8e1b-4c9f-8b66-1a3a4cac2d41",
    question: "7b5d2b4f-8e1b-4c9f-8b66-1a3a4cac2d42",
    response: "7b5d2b4f-8e1b-4c9f-8b66-1a3a4cac2d43",
  };
  let old: TestDb;

  beforeAll(async () => {
    old = await createTestDb({ migrate: false });
    await migrateToLatest(old.handle, { through: "0011_statistics_indexes" });
    const insert = (table: string, rows: Record<string, unknown>[]) => old.handle.db.insertInto(table as never).values(rows as never).execute();
    const at = "2026-09-01T08:00:00.000Z";
    await insert(
      "users",
      [ids.anna, ids.bo].map((id, i) => ({
        id, email: `q${i}@example.org`, email_normalized: `q${i}@example.org`, name: `Q${i}`, password_hash: null, language: "en",
        picture_key: null, is_instance_admin: false, created_at: at, updated_at: at,
      })),
    );
    await insert("organisations", [{ id: ids.org, name: "Solskolan", type: "school", time_zone: "Europe/Stockholm", created_at: at, updated_at: at }]);
    await insert("groups", [
      { id: ids.group, organisation_id: ids.org, name: "7B", description: "", type: "hierarchical", leader_title_en: "Teacher", leader_title_sv: "Lärare",
        sender_title_en: "Student", sender_title_sv: "Elev", owner_id: ids.anna, is_active: true, created_at: at, updated_at: at },
    ]);
    await insert("surveys", [{ id: ids.survey, organisation_id: ids.org, group_id: ids.group, title: "S", description: "", is_anonymous: true, opens_at: at, closes_at: null,
      closed_at: at, is_announced: true, created_by: ids.anna, created_at: at, updated_at: at }]);
    await insert("survey_questions", [{ id: ids.question, organisation_id: ids.org, survey_id: ids.survey, position: 0, kind: "scale", prompt: "?", is_required: true, options: "[]" }]);
    await insert("survey_responses", [{ id: ids.response, organisation_id: ids.org, survey_id: ids.survey, user_id: ids.bo, submitted_at: at, updated_at: at }]);
    await insert("survey_answers", [{ organisation_id: ids.org, response_id: ids.response, question_id: ids.question, value: "4" }]);
    // Audit rows as the version before wrote them: user ids in clear.
    await insert("audit_events", [
      { id: "7b5d2b4f-8e1b-4c9f-8b66-1a3a4cac2e01", organisation_id: ids.org, actor_id: ids.anna, action: "group.ownership_transferred", subject_type: "group",
        subject_id: ids.group, ip: null, outcome: "success", data: JSON.stringify({ from: ids.anna, to: ids.bo }), created_at: at },
      { id: "7b5d2b4f-8e1b-4c9f-8b66-1a3a4cac2e02", organisation_id: ids.org, actor_id: ids.anna, action: "group.member_removed", subject_type: "user",
        subject_id: ids.bo, ip: null, outcome: "success", data: JSON.stringify({ groupId: ids.group, role: "sender" }), created_at: at },
    ]);
    await migrateToLatest(old.handle);
  });
  afterAll(async () => {
    await old?.drop();
  });

  it("rewrites the audit log's user ids as pseudonyms that resolve to their people while they exist, and keeps it append-only", async () => {
    const raw = await old.handle.db.selectFrom("audit_events").selectAll().orderBy("id").execute();
    const text = JSON.stringify(raw);
    expect(text).not.toContain(ids.anna);
    expect(text).not.toContain(ids.bo);
    // Other ids (a group's) stay as they were.
    expect(raw.map((r) => JSON.parse(r.data) as Record<string, unknown>)[1]).toEqual({ groupId: ids.group, role: "sender" });
    const { resolvePseudonyms } = await import("../src/server/audit/pseudonyms.js");
    const seen = await resolvePseudonyms(old.handle.db, raw);
    expect(seen.map((r) => [r.actor_id, r.subject_id, JSON.parse(r.data) as unknown])).toEqual([
      [ids.anna, ids.group, { from: ids.anna, to: ids.bo }],
      [ids.anna, ids.bo, { groupId: ids.group, role: "sender" }],
    ]);
    // One pseudonym per person, in every place they appear.
    expect(raw[0]!.actor_id).toBe(raw[1]!.actor_id);
    await expect(old.handle.db.updateTable("audit_events").set({ action: "x" }).execute()).rejects.toThrow(/append-only/);
  });

  it("keeps every survey answer and lets a response be detached from its person", async () => {
    expect(await old.handle.db.selectFrom("survey_answers").select(["response_id", "value"]).execute()).toEqual([{ response_id: ids.response, value: "4" }]);
    await old.handle.db.updateTable("survey_responses").set({ user_id: null }).where("id", "=", ids.response).execute();
    expect(await old.handle.db.selectFrom("survey_answers").select("value").execute()).toEqual([{ value: "4" }]);
  });
});

describe("migration 0014 (one queue of files to delete) on a database with files queued by retention and erasure", () => {
  let old: TestDb;
  beforeAll(async () => {
    old = await createTestDb({ migrate: false });
    await migrateToLatest(old.handle, { through: "0013_sign_in_providers" });
    const at = "2026-09-01T08:00:00.000Z";
    await old.handle.db.insertInto("organisations" as never).values({ id: "7b5d2b4f-8e1b-4c9f-8b66-1a3a4cac2e21", name: "Solskolan", type: "school", time_zone: "Europe/Stockholm", created_at: at, updated_at: at } as never).execute();
    await sql`insert into retention_pending_blobs (blob_key, organisation_id, queued_at) values ('loops/a.png', '7b5d2b4f-8e1b-4c9f-8b66-1a3a4cac2e21', ${at}), ('both/c.png', '7b5d2b4f-8e1b-4c9f-8b66-1a3a4cac2e21', ${at})`.execute(old.handle.db);
    await sql`insert into erasure_pending_blobs (blob_key, queued_at) values ('pictures/b.webp', ${at}), ('both/c.png', ${at})`.execute(old.handle.db);
    await migrateToLatest(old.handle);
  });
  afterAll(async () => {
    await old?.drop();
  });

  it("carries every queued file over, each once, and drops the two old tables", async () => {
    const rows = await old.handle.db.selectFrom("pending_blob_deletions").select("blob_key").orderBy("blob_key").execute();
    expect(rows.map((r) => r.blob_key)).toEqual(["both/c.png", "loops/a.png", "pictures/b.webp"]);
    for (const table of ["retention_pending_blobs", "erasure_pending_blobs"]) {
      await expect(sql`select * from ${sql.table(table)}`.execute(old.handle.db)).rejects.toThrow();
    }
  });
});
