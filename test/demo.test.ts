import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { openDb } from "../src/server/db/index.js";
import { testDialect } from "./helpers/test-db.js";

const run = promisify(execFile);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "openloop-demo-"));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

/** Every week of the demo's term has its Friday check-in (the term is 12 weeks; the first may fall before it starts). */
const TERM_WEEKS_AT_LEAST = 11;

const demo = () =>
  run(process.execPath, ["--import", "tsx", "src/server/demo.ts"], { env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", PUBLIC_URL: "http://demo.test" } });

// The seed runs the same commands as the API; its process behaviour is the same on both dialects.
describe.runIf(testDialect() === "sqlite")("npm run demo", () => {
  it("seeds Demoskolan with people, tasks, tags and a term of loops and comment threads, and prints how to sign in", async () => {
    const { stderr } = await demo();
    expect(stderr).toContain("rektor@demoskolan.example");
    expect(stderr).toMatch(/password: \S+/);
    expect(stderr).toMatch(/join code for Klass 9B: [A-Z2-9]{4}-[A-Z2-9]{4}/);
    expect(stderr).toMatch(/Klass 9B: \d+ published tasks, \d+ loops/);

    const handle = openDb({ databaseUrl: undefined, sqlitePath: path.join(dataDir, "openloop.db") });
    try {
      const db = handle.db;
      const orgs = await db.selectFrom("organisations").selectAll().execute();
      expect(orgs.map((o) => o.name)).toEqual(["Demoskolan"]);
      const roles = await db.selectFrom("group_members").innerJoin("groups", "groups.id", "group_members.group_id").select(["groups.name", "group_members.role"]).execute();
      const count = (group: string, role: string) => roles.filter((r) => r.name === group && r.role === role).length;
      expect(count("Klass 9B", "sender")).toBe(25);
      expect(count("Klass 9B", "leader")).toBe(2);
      expect(count("Projekt Hållbar stad", "tutor")).toBe(1);
      const admins = await db.selectFrom("organisation_members").select("user_id").where("is_admin", "=", true).execute();
      expect(admins).toHaveLength(1);

      // Tasks and tags from the built-in packages; some tasks published.
      const class9Row = await db.selectFrom("groups").selectAll().where("name", "=", "Klass 9B").executeTakeFirstOrThrow();
      const class9 = class9Row.id;
      // Kept for the school year, with its purpose: a played term does not start to go a week later.
      expect(class9Row.retention_period).toBe("P12M");
      expect(class9Row.retention_purpose).toContain("inte att betygsätta");
      const tasks = await db.selectFrom("tasks").select(["is_published"]).where("group_id", "=", class9).execute();
      expect(tasks.filter((t) => t.is_published).length).toBeGreaterThan(2);
      expect(tasks.some((t) => !t.is_published)).toBe(true);
      expect((await db.selectFrom("tags").select("id").where("group_id", "=", class9).execute()).length).toBeGreaterThan(3);

      // A term of loops: spread over weeks, mostly 3–4, reports approved, some anonymous free loops, tags.
      const loops = await db.selectFrom("loops").selectAll().execute();
      expect(loops.filter((l) => l.group_id === class9).length).toBeGreaterThan(200);
      const days = loops.map((l) => Date.parse(l.created_at));
      expect(Math.max(...days) - Math.min(...days)).toBeGreaterThan(70 * 86_400_000);
      const byEmoji = [1, 2, 3, 4, 5].map((e) => loops.filter((l) => l.emoji === e).length);
      expect(byEmoji[2]! + byEmoji[3]!).toBeGreaterThan(loops.length / 2);
      expect(byEmoji[0]).toBeGreaterThan(0);
      expect(byEmoji[0]).toBeLessThan(byEmoji[1]!);
      expect(loops.some((l) => l.task_id !== null && l.approved_at !== null)).toBe(true);
      expect(loops.some((l) => l.is_anonymous && l.task_id === null)).toBe(true);
      expect((await db.selectFrom("loop_tags").select("loop_id").execute()).length).toBeGreaterThan(100);

      // Threads between teacher and student, sent through the API (counters kept), and unread loops left for the newcomer.
      const comments = await db.selectFrom("comments").innerJoin("loops", "loops.id", "comments.loop_id").select(["comments.loop_id", "comments.author_id", "loops.sender_id"]).execute();
      expect(comments.length).toBeGreaterThan(100);
      const threads = new Map<string, Set<string>>();
      for (const c of comments) threads.set(c.loop_id, (threads.get(c.loop_id) ?? new Set()).add(c.author_id === c.sender_id ? "student" : "teacher"));
      expect([...threads.values()].some((who) => who.has("student") && who.has("teacher"))).toBe(true);
      expect(loops.filter((l) => l.comment_count > 0).length).toBe(threads.size);
      const karin = await db.selectFrom("users").select("id").where("email", "=", "karin@demoskolan.example").executeTakeFirstOrThrow();
      const read = new Set((await db.selectFrom("loop_reads").select("loop_id").where("user_id", "=", karin.id).execute()).map((r) => r.loop_id));
      expect(read.size).toBeGreaterThan(0);
      expect(loops.some((l) => l.group_id === class9 && !read.has(l.id))).toBe(true);

      // Class life beyond loops: posts seen, a weekly check-in answered, surveys with answers,
      // a feed mostly caught up, and no e-mail waiting to go out on the first real start.
      expect((await db.selectFrom("posts").select("id").where("group_id", "=", class9).execute()).length).toBeGreaterThanOrEqual(3);
      expect((await db.selectFrom("post_views").select("post_id").execute()).length).toBeGreaterThan(20);
      const occurrences = await db.selectFrom("checkin_occurrences").select("id").where("group_id", "=", class9).execute();
      expect(occurrences.length).toBeGreaterThanOrEqual(TERM_WEEKS_AT_LEAST);
      expect(loops.filter((l) => l.checkin_occurrence_id !== null).length).toBeGreaterThan(occurrences.length * 5);
      const surveys = await db.selectFrom("surveys").select(["id", "is_anonymous", "closed_at"]).where("group_id", "=", class9).execute();
      expect(surveys.filter((x) => x.closed_at !== null)).toHaveLength(2);
      expect(surveys.some((x) => x.is_anonymous && x.closed_at !== null)).toBe(true);
      expect((await db.selectFrom("survey_responses").select("id").execute()).length).toBeGreaterThan(20);
      const feed = await db.selectFrom("notifications").select(["read_at", "email_status"]).where("user_id", "=", karin.id).execute();
      expect(feed.length).toBeGreaterThan(100);
      expect(feed.some((n) => n.read_at === null)).toBe(true);
      expect(feed.filter((n) => n.read_at === null).length).toBeLessThan(feed.length / 4);
      expect(await db.selectFrom("notifications").select("id").where("email_status", "in", ["immediate", "digest"]).where("created_at", "<", new Date(Date.now() - 3 * 86_400_000).toISOString()).execute()).toHaveLength(0);
      expect(fs.existsSync(path.join(dataDir, "outbox"))).toBe(false);

      // The seed's own sessions are gone.
      expect(await db.selectFrom("sessions").select("id").execute()).toHaveLength(0);
    } finally {
      await handle.close();
    }

    // Running it again changes nothing and prints the same details.
    const again = await demo();
    expect(again.stderr).toBe(stderr);
  }, 120_000);
});
