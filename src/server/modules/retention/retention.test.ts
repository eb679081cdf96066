/**
 * Retention (issue 7; design.md §7.15): each group's period and purpose, shown to every member
 * and set by its leaders; the organisation's defaults and privacy settings; the daily purge with
 * a fake clock — rows and blobs past the period go, the rest stays, the statistics roll-ups stay
 * exact, a second run does nothing; the leaders' queue; the members' warning, once per batch.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.js";
import { auditLog, expectLikeMissing, expectStatus, MISSING_ID, register, type Person } from "../../../../test/helpers/world.js";
import { addTutor, multipartLoop, pngBytes, sendLoop, setupClass, type Class } from "../../../../test/helpers/loops.js";
import { expectRollupsExact } from "../../../../test/helpers/rollups.js";
import type { Group } from "../../../shared/schemas/groups.js";
import type { Organisation } from "../../../shared/schemas/organisations.js";
import type { RetentionQueue } from "../../../shared/schemas/retention.js";
import { findGroup } from "../groups/queries.js";
import { purgeGroup } from "./purge.js";
import { RETENTION_JOB } from "./jobs.js";

let t: TestApp;
/** Solskolan with 7B (3 months, the default): old and newer data; its teacher administers Solskolan. */
let a: Class;
/** Bergskolan with 9C, whose period is 12 months: its old data stays. */
let b: Class;
/** Ekskolan with 6A: the queue and the warnings. */
let w: Class;
let tutor: Person;
let png: Buffer;

const api = (rest: string) => `/api/v1${rest}`;
const DAY_MS = 86_400_000;
const groupOf = async (p: Person, id: string) => expectStatus<{ group: Group }>(await p.client.get(api(`/groups/${id}`)), 200).group;
const queueOf = async (p: Person, id: string) => expectStatus<RetentionQueue>(await p.client.get(api(`/groups/${id}/retention/queue`)), 200);
const runJob = () => t.app.ctx.jobs.runScheduled(RETENTION_JOB);

/** Sets the fake clock to `instant` (forward only). */
function clockTo(instant: string) {
  const ms = Date.parse(instant) - t.clock().getTime();
  if (ms < 0) throw new Error(`the clock cannot go back to ${instant}`);
  t.clock.advance(ms);
}

/** Everything of one group that the purge may touch, with the blob keys of its files. */
async function contents(groupId: string) {
  const db = t.db.handle.db;
  const loops = await db.selectFrom("loops").select("id").where("group_id", "=", groupId).orderBy("id").execute();
  const loopIds = loops.map((l) => l.id);
  const posts = await db.selectFrom("posts").select("id").where("group_id", "=", groupId).orderBy("id").execute();
  const postIds = posts.map((p) => p.id);
  const surveys = await db.selectFrom("surveys").select("id").where("group_id", "=", groupId).orderBy("id").execute();
  const surveyIds = surveys.map((s) => s.id);
  const some = <T>(ids: string[], q: () => Promise<T[]>) => (ids.length ? q() : Promise.resolve([] as T[]));
  const loopFiles = await some(loopIds, () => db.selectFrom("attachments").select(["blob_key", "thumbnail_key"]).where("loop_id", "in", loopIds).execute());
  const postFiles = await some(postIds, () => db.selectFrom("post_attachments").select(["blob_key", "thumbnail_key"]).where("post_id", "in", postIds).execute());
  return {
    loops: loopIds,
    tags: (await some(loopIds, () => db.selectFrom("loop_tags").select("loop_id").where("loop_id", "in", loopIds).execute())).length,
    comments: (await some(loopIds, () => db.selectFrom("comments").select("id").where("loop_id", "in", loopIds).execute())).length,
    reads: (await some(loopIds, () => db.selectFrom("loop_reads").select("loop_id").where("loop_id", "in", loopIds).execute())).length,
    posts: postIds,
    surveys: surveyIds,
    responses: (await some(surveyIds, () => db.selectFrom("survey_responses").select("id").where("survey_id", "in", surveyIds).execute())).length,
    blobs: [...loopFiles, ...postFiles].flatMap((f) => [f.blob_key, f.thumbnail_key]).filter((k): k is string => k !== null).sort(),
  };
}

async function blobsOnDisk(): Promise<Set<string>> {
  const keys = new Set<string>();
  for await (const key of t.app.ctx.blobs.list()) keys.add(key);
  return keys;
}

/** A loop with an image (a blob and its thumbnail) and a tag, from `p`. */
async function loopWithImage(p: Person, c: Class, text: string) {
  const form = multipartLoop({ emoji: 3, text, tagIds: [c.tags[0]!.id] }, [{ name: "photo.png", type: "image/png", data: png }]);
  return expectStatus<{ loop: { id: string } }>(await p.client.post(api(`/groups/${c.groupId}/loops`), form.payload, form.headers), 201).loop;
}
async function postWithFile(c: Class, title: string) {
  const form = multipartLoop({ title, body: "Bring a packed lunch." }, [{ name: "map.png", type: "image/png", data: png }], { field: "post" });
  return expectStatus<{ post: { id: string } }>(await c.teacher.client.post(api(`/groups/${c.groupId}/posts`), form.payload, form.headers), 201).post;
}
/** A survey answered by `who`; closed at once unless `closesAt` is given. */
async function answeredSurvey(c: Class, who: Person, closesAt?: string) {
  const questions = [{ kind: "scale", prompt: "How hard was it?", required: true }];
  const s = expectStatus<{ survey: { id: string; questions: { id: string }[] } }>(
    await c.teacher.client.post(api(`/groups/${c.groupId}/surveys`), { title: "Week 36", questions, ...(closesAt ? { closesAt } : {}) }),
    201,
  ).survey;
  expectStatus(await c.teacher.client.post(api(`/surveys/${s.id}/open`)), 200);
  expectStatus(await who.client.put(api(`/surveys/${s.id}/response`), { answers: { [s.questions[0]!.id]: 4 } }), 200);
  if (!closesAt) expectStatus(await c.teacher.client.post(api(`/surveys/${s.id}/close`)), 200);
  return s;
}
const warningsOf = async (userId: string, groupId: string) =>
  (await t.db.handle.db.selectFrom("notifications").select("id").where("user_id", "=", userId).where("group_id", "=", groupId).where("kind", "=", "retention_warning").execute()).length;

/** What each class had on the first day (2026-09-01), by test. */
const old: Record<string, Awaited<ReturnType<typeof contents>>> = {};

beforeAll(async () => {
  // The test spans four months of the fake clock: sessions must outlive them.
  t = await createTestApp({ env: { SESSION_IDLE_TIMEOUT_HOURS: String(24 * 365), SESSION_ABSOLUTE_TIMEOUT_DAYS: "365" } });
  png = await pngBytes();
  a = await setupClass(t, { students: 3 });
  b = await setupClass(t, { orgName: "Bergskolan", teacherName: "Teacher Ek", name: "9C", students: 1 });
  w = await setupClass(t, { orgName: "Ekskolan", teacherName: "Teacher Alm", name: "6A", students: 2 });
  tutor = await register(t, "Tora Tutor");
  await addTutor(t, a.teacher, a.groupId, tutor);
  // 9C keeps its data for 12 months (a longer period takes effect at once).
  expectStatus(await b.teacher.client.patch(api(`/groups/${b.groupId}`), { retention: { period: "P12M" } }), 200);

  // 2026-09-01: the first day's data of every class.
  for (const c of [a, b, w]) {
    const [s1, s2] = c.students as [Person, Person | undefined];
    const named = await loopWithImage(s1, c, "My first week");
    expectStatus(await c.teacher.client.post(api(`/loops/${named.id}/comments`), { text: "Well done!" }), 201);
    if (s2) await sendLoop(s2, c.groupId, { anonymous: true, text: "Something on my mind" });
    await postWithFile(c, "Trip on Friday");
    await answeredSurvey(c, s1);
  }
  // Open until next year: dated by its closing time, so it stays.
  await answeredSurvey(a, a.students[2]!, "2027-06-01T08:00:00.000Z");
  old.a = await contents(a.groupId);
  old.b = await contents(b.groupId);
  // 20 September: one more loop in 6A, due three weeks after the first day's data.
  clockTo("2026-09-20T08:00:00.000Z");
  await sendLoop(w.students[0]!, w.groupId, { text: "Later in September" });
});
afterAll(async () => t.close());

describe("retention settings", () => {
  it("should require authentication", async () => {
    expect((await t.client().get(api(`/groups/${a.groupId}/retention/queue`))).statusCode).toBe(401);
  });

  it("shows every member the group's period and purpose, starting from the organisation's default of 3 months", async () => {
    for (const p of [a.students[0]!, tutor, a.teacher]) {
      expect((await groupOf(p, a.groupId)).retention).toEqual({ period: "P3M", purpose: "" });
    }
  });

  it("lets a leader set the period (a choice or a custom number of days) and the purpose, audited", async () => {
    const purpose = "To follow and support each student's learning during the school year.";
    const changed = expectStatus<{ group: Group }>(await w.teacher.client.patch(api(`/groups/${w.groupId}`), { retention: { period: "P45D", purpose } }), 200).group;
    expect(changed.retention).toEqual({ period: "P45D", purpose });
    expect((await groupOf(w.students[0]!, w.groupId)).retention).toEqual({ period: "P45D", purpose });
    const [event] = await auditLog(w.teacher, w.orgId, { action: "group.retention_changed" });
    expect(event).toMatchObject({ actor: { id: w.teacher.id }, subjectId: w.groupId, data: { period: "P45D", previous_period: "P3M", purpose_changed: true } });
    // Back to the default: longer again, nothing changes for the data of 2026-09-01.
    expectStatus(await w.teacher.client.patch(api(`/groups/${w.groupId}`), { retention: { period: "P3M" } }), 200);
  });

  it("refuses a period outside the choices and bounds, or a purpose too long, with 400 naming the field", async () => {
    for (const period of ["P4M", "P13D", "P3651D", "3 months", "P0D", ""]) {
      const res = expectStatus(await a.teacher.client.patch(api(`/groups/${a.groupId}`), { retention: { period } }), 400);
      expect(Object.keys(res.error.fields)).toEqual(["retention.period"]);
    }
    const long = expectStatus(await a.teacher.client.patch(api(`/groups/${a.groupId}`), { retention: { purpose: "x".repeat(1001) } }), 400);
    expect(Object.keys(long.error.fields)).toEqual(["retention.purpose"]);
    expect((await groupOf(a.teacher, a.groupId)).retention.period).toBe("P3M");
  });

  it("lets only those who may edit the group change it", async () => {
    expectStatus(await a.students[0]!.client.patch(api(`/groups/${a.groupId}`), { retention: { period: "P36M" } }), 403);
    expectStatus(await tutor.client.patch(api(`/groups/${a.groupId}`), { retention: { period: "P36M" } }), 403);
    await expectLikeMissing(b.teacher.client, "PATCH", api(`/groups/${a.groupId}`), api(`/groups/${MISSING_ID}`), { retention: { period: "P36M" } });
    expect((await groupOf(a.teacher, a.groupId)).retention.period).toBe("P3M");
  });

  it("gives new groups the organisation's defaults, which administrators set (audited)", async () => {
    const purpose = "Reflection logs are kept for the course and then removed.";
    const org = expectStatus<{ organisation: Organisation }>(
      await b.teacher.client.patch(api(`/organisations/${b.orgId}`), { retentionDefaults: { period: "P24M", purpose } }),
      200,
    ).organisation;
    expect(org.retentionDefaults).toEqual({ period: "P24M", purpose });
    const created = expectStatus<{ group: Group }>(await b.teacher.client.post(api(`/organisations/${b.orgId}/groups`), { name: "9D", type: "hierarchical", hasStudentMembers: true }), 201).group;
    expect(created.retention).toEqual({ period: "P24M", purpose });
    // Existing groups keep theirs.
    expect((await groupOf(b.teacher, b.groupId)).retention.period).toBe("P12M");
    const [event] = await auditLog(b.teacher, b.orgId, { action: "organisation.updated" });
    expect(event?.data).toMatchObject({ default_retention_period: "P24M" });
    expect(String(event?.data.fields)).toContain("default_retention_purpose");
    const bad = expectStatus(await b.teacher.client.patch(api(`/organisations/${b.orgId}`), { retentionDefaults: { period: "P5M" } }), 400);
    expect(Object.keys(bad.error.fields)).toEqual(["retentionDefaults.period"]);
  });

  it("has the export and erasure settings: role titles and kept comments by default, changed by administrators only (audited)", async () => {
    const before = expectStatus<{ organisation: Organisation }>(await a.teacher.client.get(api(`/organisations/${a.orgId}`)), 200).organisation;
    expect(before).toMatchObject({ exportCommentAuthors: "role", erasedUserComments: "keep" });
    const after = expectStatus<{ organisation: Organisation }>(
      await a.teacher.client.patch(api(`/organisations/${a.orgId}`), { exportCommentAuthors: "name", erasedUserComments: "remove" }),
      200,
    ).organisation;
    expect(after).toMatchObject({ exportCommentAuthors: "name", erasedUserComments: "remove" });
    const [event] = await auditLog(a.teacher, a.orgId, { action: "organisation.updated" });
    expect(event?.data).toMatchObject({ export_comment_authors: "name", erased_user_comments: "remove" });
    for (const [field, value] of [["exportCommentAuthors", "initials"], ["erasedUserComments", "anonymise"]] as const) {
      const res = expectStatus(await a.teacher.client.patch(api(`/organisations/${a.orgId}`), { [field]: value }), 400);
      expect(Object.keys(res.error.fields)).toEqual([field]);
    }
    // A leader who is no administrator may not.
    expectStatus(await b.students[0]!.client.patch(api(`/organisations/${b.orgId}`), { erasedUserComments: "remove" }), 403);
    expectStatus(await a.teacher.client.patch(api(`/organisations/${a.orgId}`), { exportCommentAuthors: "role", erasedUserComments: "keep" }), 200);
  });
});

describe("the leaders' queue and the members' warning", () => {
  it("shows the queue to the group's leaders only", async () => {
    expectStatus(await a.students[0]!.client.get(api(`/groups/${a.groupId}/retention/queue`)), 403);
    expectStatus(await tutor.client.get(api(`/groups/${a.groupId}/retention/queue`)), 403);
    await expectLikeMissing(b.teacher.client, "GET", api(`/groups/${a.groupId}/retention/queue`), api(`/groups/${MISSING_ID}/retention/queue`));
    expect((await groupOf(a.teacher, a.groupId)).abilities.readRetentionQueue).toBe(true);
    expect((await groupOf(a.students[0]!, a.groupId)).abilities.readRetentionQueue).toBe(false);
  });

  it("sends no warning while nothing goes within four weeks", async () => {
    await runJob();
    expect(await warningsOf(w.students[0]!.id, w.groupId)).toBe(0);
    expect((await queueOf(w.teacher, w.groupId)).loops.count).toBe(0);
  });

  it("warns every member once when data will go within four weeks, not every day", async () => {
    clockTo("2026-11-05T08:00:00.000Z");
    await runJob();
    for (const p of [w.teacher, ...w.students]) expect(await warningsOf(p.id, w.groupId)).toBe(1);
    const [item] = expectStatus<{ items: { kind: string; link: string }[] }>(await w.students[0]!.client.get(api("/feed")), 200).items;
    expect(item).toMatchObject({ kind: "retention_warning", link: `/groups/${w.groupId}` });
    clockTo("2026-11-06T08:00:00.000Z");
    await runJob();
    clockTo("2026-11-12T08:00:00.000Z");
    await runJob();
    for (const p of [w.teacher, ...w.students]) expect(await warningsOf(p.id, w.groupId)).toBe(1);
  });

  it("lists what goes in the next 14 days, per kind, the oldest with links", async () => {
    // On 12 November, 1 December is more than 14 days away.
    expect((await queueOf(w.teacher, w.groupId)).loops.count).toBe(0);
    clockTo("2026-11-20T08:00:00.000Z");
    const q = await queueOf(w.teacher, w.groupId);
    expect(q.until).toBe("2026-12-04");
    expect(q.loops.count).toBe(2);
    expect(q.comments.count).toBe(1);
    expect(q.posts.count).toBe(1);
    expect(q.surveys.count).toBe(1);
    // The anonymous loop is dated by its day only: it counts from the start of 1 September in
    // Stockholm, three calendar months before the end of 30 November there (winter time).
    expect(q.loops.oldest.map((l) => l.date)).toEqual(["2026-09-01", "2026-09-01"]);
    expect(q.loops.oldest.map((l) => l.removalOn)).toEqual(["2026-11-30", "2026-12-01"]);
    expect(q.loops.oldest[0]!.link).toMatch(/^\/loops\//);
    expect(q.posts.oldest[0]).toMatchObject({ title: "Trip on Friday", link: expect.stringMatching(new RegExp(`^/groups/${w.groupId}/posts/`)) });
    expect(q.surveys.oldest[0]).toMatchObject({ title: "Week 36", removalOn: "2026-12-01" });
  });
  it("announces each item once: what comes due later gets the next warning, at least 14 days after the last", async () => {
    // 20 November: 15 days after the warning, but everything going within four weeks was announced.
    await runJob();
    for (const p of [w.teacher, ...w.students]) expect(await warningsOf(p.id, w.groupId)).toBe(1);
    // 23 November: the loop of 20 September goes on 20 December, within four weeks: a new batch.
    clockTo("2026-11-23T08:00:00.000Z");
    await runJob();
    for (const p of [w.teacher, ...w.students]) expect(await warningsOf(p.id, w.groupId)).toBe(2);
    clockTo("2026-11-24T08:00:00.000Z");
    await runJob();
    for (const p of [w.teacher, ...w.students]) expect(await warningsOf(p.id, w.groupId)).toBe(2);
  });
});

describe("the daily purge", () => {
  it("removes exactly what is past the period — rows and files — and keeps the rest", async () => {
    const before = await blobsOnDisk();
    for (const key of old.a!.blobs) expect(before.has(key)).toBe(true);
    // 25 November: newer data in 7B, kept by the purge in December.
    clockTo("2026-11-25T08:00:00.000Z");
    const recent = await loopWithImage(a.students[1]!, a, "Later reflection");
    await postWithFile(a, "Concert in December");
    const newer = await contents(a.groupId);
    const newerLoops = newer.loops.filter((id) => !old.a!.loops.includes(id));
    expect(newerLoops).toEqual([recent.id]);

    // 2 December: 1 September is more than three months ago.
    clockTo("2026-12-02T09:00:00.000Z");
    await runJob();
    const after = await contents(a.groupId);
    expect(after.loops).toEqual([recent.id]);
    expect(after.posts).toHaveLength(1);
    expect(after.comments).toBe(0);
    expect(after.tags).toBe(1);
    // The open survey (closing next year) stays with its answer; the closed one went with its answer.
    expect(after.surveys).toHaveLength(1);
    expect(after.responses).toBe(1);
    const disk = await blobsOnDisk();
    for (const key of old.a!.blobs) expect(disk.has(key)).toBe(false);
    for (const key of after.blobs) expect(disk.has(key)).toBe(true);
    expect(after.blobs).toHaveLength(4);
    expect(await t.db.handle.db.selectFrom("pending_blob_deletions").selectAll().execute()).toEqual([]);
  });

  it("keeps another group's data while its longer period runs", async () => {
    expect(await contents(b.groupId)).toEqual(old.b);
    const disk = await blobsOnDisk();
    for (const key of old.b!.blobs) expect(disk.has(key)).toBe(true);
  });

  it("keeps the statistics roll-ups equal to a direct recount", async () => {
    await expectRollupsExact(t, a.orgId);
    await expectRollupsExact(t, w.orgId);
  });

  it("writes one audit event per group purge with the counts, which cannot be changed or deleted", async () => {
    const events = await auditLog(a.teacher, a.orgId, { action: "retention.purged" });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actor: null,
      subjectType: "group",
      subjectId: a.groupId,
      data: { period: "P3M", loops: 2, comments: 1, attachments: 2, posts: 1, surveys: 1, responses: 1 },
    });
    const db = t.db.handle.db;
    await expect(db.updateTable("audit_events").set({ action: "changed" }).where("id", "=", events[0]!.id).execute()).rejects.toThrow();
    await expect(db.deleteFrom("audit_events").where("id", "=", events[0]!.id).execute()).rejects.toThrow();
  });

  it("does nothing on a second run", async () => {
    const before = { a: await contents(a.groupId), w: await contents(w.groupId) };
    clockTo("2026-12-03T09:00:00.000Z");
    await runJob();
    expect({ a: await contents(a.groupId), w: await contents(w.groupId) }).toEqual(before);
    expect(await auditLog(a.teacher, a.orgId, { action: "retention.purged" })).toHaveLength(1);
    const group = (await findGroup(t.db.handle.db, a.groupId))!;
    expect(await purgeGroup(t.app.ctx, group, t.clock(), "2026-12-03")).toEqual({ loops: 0, comments: 0, attachments: 0, posts: 0, surveys: 0, responses: 0 });
  });

  it("gives 14 days' notice after the period is shortened, then removes", async () => {
    // 9C's data of 1 September is three months old; 12 months → 3 months must not remove it at once.
    expectStatus(await b.teacher.client.patch(api(`/groups/${b.groupId}`), { retention: { period: "P3M" } }), 200);
    clockTo("2026-12-04T09:00:00.000Z");
    await runJob();
    expect((await contents(b.groupId)).loops).toEqual(old.b!.loops);
    expect(await warningsOf(b.students[0]!.id, b.groupId)).toBe(1);
    expect((await queueOf(b.teacher, b.groupId)).loops.oldest.map((l) => l.removalOn)).toEqual(["2026-12-17"]);
    clockTo("2026-12-17T09:00:00.000Z");
    await runJob();
    expect((await contents(b.groupId)).loops).toEqual([]);
    await expectRollupsExact(t, b.orgId);
  });

  it("works in bounded batches, and a file left by an interrupted purge is deleted by the next run", async () => {
    clockTo("2026-12-18T09:00:00.000Z");
    const loops = [];
    for (let i = 0; i < 5; i++) loops.push(await loopWithImage(w.students[0]!, w, `Loop ${i}`));
    // A purge that committed its rows but died before deleting the file: only the pending row is left.
    const orphan = "attachments/0b6a1f5e-3c2d-4e5f-8a9b-0c1d2e3f4a5b.webp";
    await t.app.ctx.blobs.put(orphan, Buffer.from("left behind"), "image/webp");
    await t.db.handle.db.insertInto("pending_blob_deletions").values({ blob_key: orphan, queued_at: t.clock().toISOString() }).execute();
    clockTo(new Date(Date.parse("2026-12-18T09:00:00.000Z") + 100 * DAY_MS).toISOString());
    const group = (await findGroup(t.db.handle.db, w.groupId))!;
    const counts = await purgeGroup(t.app.ctx, group, t.clock(), t.clock().toISOString().slice(0, 10), 2);
    // The five, and the loop of 20 September.
    expect(counts.loops).toBe(6);
    expect((await contents(w.groupId)).loops).toEqual([]);
    await expectRollupsExact(t, w.orgId);
    expect((await blobsOnDisk()).has(orphan)).toBe(true);
    await runJob();
    expect((await blobsOnDisk()).has(orphan)).toBe(false);
    expect(await t.db.handle.db.selectFrom("pending_blob_deletions").selectAll().execute()).toEqual([]);
  });
});
