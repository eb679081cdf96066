import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.js";
import { addTutor, createGroup, expectLikeMissing, expectStatus, groupCodes, join, MISSING_ID, register, type Person } from "../../../../test/helpers/world.js";
import { countRows, loopBlobs, jpegWithGps, multipartLoop, sendLoop, setupClass, type Class } from "../../../../test/helpers/loops.js";
import type { Loop, Thread } from "../../../shared/schemas/loops.js";
import type { Task } from "../../../shared/schemas/tasks.js";

let t: TestApp;
/** Solskolan: an administrator outside 7B; 7B with the teacher (owner), three students; a tutor. */
let c: Class;
let s1: Person;
let s2: Person;
let s3: Person;
let tutor: Person;
/** Another group of Solskolan (8A), with its own task and tag. */
let otherGroupId: string;
let otherTaskId: string;
let otherTagId: string;
/** Bergskolan: another organisation, its teacher and a student. */
let foreign: Class;

const api = (rest: string) => `/api/v1${rest}`;
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const MINUTE = 60_000;

const getLoop = async (p: Person, id: string) => expectStatus<{ loop: Loop }>(await p.client.get(api(`/loops/${id}`)), 200).loop;
const inbox = async (p: Person, query: Record<string, string> = {}) =>
  expectStatus<{ loops: Loop[]; nextCursor: string | null }>(await p.client.get(api(`/inbox?${new URLSearchParams(query).toString()}`)), 200);
const inboxIds = async (p: Person, query: Record<string, string> = {}) => (await inbox(p, query)).loops.map((l) => l.id);
const myLoops = async (p: Person, query: Record<string, string> = {}) =>
  expectStatus<{ loops: Loop[]; nextCursor: string | null }>(await p.client.get(api(`/me/loops?${new URLSearchParams(query).toString()}`)), 200);
const tasksOf = async (p: Person, groupId: string) => expectStatus<{ tasks: Task[] }>(await p.client.get(api(`/groups/${groupId}/tasks`)), 200).tasks;
const send = (p: Person, groupId: string, body: Record<string, unknown>) => p.client.post(api(`/groups/${groupId}/loops`), body);
/** The 400 answer's field problems. */
function fieldsOf(res: { statusCode: number; body: string; json(): unknown }): Record<string, string> {
  const body = expectStatus<{ error: { code: string; fields?: Record<string, string> } }>(res as never, 400);
  expect(body.error.code).toBe("validation");
  return body.error.fields ?? {};
}

beforeAll(async () => {
  t = await createTestApp();
  c = await setupClass(t, { students: 3, withAdmin: true });
  [s1, s2, s3] = c.students as [Person, Person, Person];
  tutor = await register(t, "Tora Tutor");
  await addTutor(t, c.teacher, c.groupId, tutor);
  otherGroupId = await createGroup(c.teacher, c.orgId, { name: "8A" });
  otherTaskId = expectStatus(await c.teacher.client.post(api(`/groups/${otherGroupId}/tasks`), { title: "8A task", instructions: "x", published: true }), 201).task.id;
  otherTagId = expectStatus(await c.teacher.client.post(api(`/groups/${otherGroupId}/tags`), { name: "8A tag" }), 201).tag.id;
  foreign = await setupClass(t, { orgName: "Bergskolan", teacherName: "Teacher Ek", students: 1 });
});
afterAll(async () => t.close());

describe("loops", () => {
  it("should require authentication", async () => {
    const loop = await sendLoop(s1, c.groupId, { text: "behind the door" });
    const visitor = t.client();
    for (const [method, url, body] of [
      ["POST", api(`/groups/${c.groupId}/loops`), { emoji: 3 }],
      ["GET", api(`/loops/${loop.id}`)],
      ["PATCH", api(`/loops/${loop.id}`), { text: "x" }],
      ["DELETE", api(`/loops/${loop.id}`)],
      ["POST", api(`/loops/${loop.id}/approve`), {}],
      ["DELETE", api(`/loops/${loop.id}/approve`)],
      ["POST", api(`/loops/${loop.id}/read`)],
      ["GET", api(`/loops/${loop.id}/attachments/${MISSING_ID}`)],
      ["GET", api("/inbox")],
      ["GET", api("/me/loops")],
      ["GET", api("/events")],
    ] as const) {
      const res = await visitor.request(method, url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(401);
      expect(res.json().error.code).toBe("unauthenticated");
      expect(res.body).not.toContain("behind the door");
    }
    // Nothing changed: the loop is still there, unedited.
    expect((await getLoop(s1, loop.id)).text).toBe("behind the door");
  });
});

describe("sending a loop", () => {
  it("should send a report with tags and show it to its sender as theirs", async () => {
    const before = t.clock().toISOString();
    const loop = await sendLoop(s1, c.groupId, { taskId: c.tasks[0]!.id, tagIds: [c.tags[1]!.id, c.tags[0]!.id], emoji: 5, text: "I led the group." });
    expect(loop.id).toMatch(UUID_V4);
    expect(loop).toMatchObject({
      groupId: c.groupId,
      groupName: "7B",
      task: { id: c.tasks[0]!.id, title: "Week 1 reflection" },
      emoji: 5,
      text: "I led the group.",
      anonymous: false,
      mine: true,
      sender: { id: s1.id, name: "Student 1" },
      sentAt: before,
      editedAt: null,
      approval: null,
      attachments: [],
      commentCount: 0,
      answered: false,
      unread: false,
      abilities: { edit: true, delete: true, comment: true, approve: false },
    });
    // Tags come in the group's order, whatever order they were chosen in.
    expect((loop.tags as { id: string }[]).map((x) => x.id)).toEqual([c.tags[0]!.id, c.tags[1]!.id]);
    // The teacher sees the same loop, with the sender, as news, and may approve it but not edit it.
    const seen = await getLoop(c.teacher, loop.id);
    expect(seen).toMatchObject({ mine: false, sender: { id: s1.id }, sentAt: before, unread: true, abilities: { edit: false, delete: false, comment: true, approve: true } });
  });

  it("should send a free loop as multipart without files, and with the defaults", async () => {
    const form = multipartLoop({ emoji: 2 });
    const loop = expectStatus<{ loop: Loop }>(await s2.client.post(api(`/groups/${c.groupId}/loops`), form.payload, form.headers), 201).loop;
    expect(loop).toMatchObject({ task: null, emoji: 2, text: "", tags: [], anonymous: false, attachments: [] });
  });

  it("should accept text of exactly 10,000 characters and refuse 10,001", async () => {
    const long = "å".repeat(10_000);
    expect((await sendLoop(s1, c.groupId, { text: long })).text).toBe(long);
    const before = await countRows(t, "loops");
    expect(fieldsOf(await send(s1, c.groupId, { emoji: 3, text: `${long}x` }))).toEqual({ text: "too_long" });
    expect(await countRows(t, "loops")).toBe(before);
  });

  it("should refuse a loop without a valid emoji, storing nothing", async () => {
    const before = await countRows(t, "loops");
    expect(fieldsOf(await send(s1, c.groupId, { text: "no face" }))).toEqual({ emoji: "required" });
    for (const emoji of [0, 6, 2.5, "3", null, -1]) {
      expect(Object.keys(fieldsOf(await send(s1, c.groupId, { emoji })))).toEqual(["emoji"]);
    }
    // The multipart form is checked by the same schema.
    const form = multipartLoop({ text: "no face" });
    expect(fieldsOf(await s1.client.post(api(`/groups/${c.groupId}/loops`), form.payload, form.headers))).toEqual({ emoji: "required" });
    const six = multipartLoop({ emoji: 6 });
    expect(Object.keys(fieldsOf(await s1.client.post(api(`/groups/${c.groupId}/loops`), six.payload, six.headers)))).toEqual(["emoji"]);
    expect(await countRows(t, "loops")).toBe(before);
  });

  it("should refuse tags of another group, archived tags and unknown tags", async () => {
    const archived = expectStatus(await c.teacher.client.post(api(`/groups/${c.groupId}/tags`), { name: "old tag" }), 201).tag.id as string;
    expectStatus(await c.teacher.client.patch(api(`/groups/${c.groupId}/tags/${archived}`), { archived: true }), 200);
    const before = [await countRows(t, "loops"), await countRows(t, "loop_tags")];
    for (const tagIds of [[otherTagId], [c.tags[0]!.id, otherTagId], [archived], [MISSING_ID], [foreign.tags[0]!.id]]) {
      expect(fieldsOf(await send(s1, c.groupId, { emoji: 3, tagIds })), JSON.stringify(tagIds)).toEqual({ tagIds: "invalid_value" });
    }
    expect(Object.keys(fieldsOf(await send(s1, c.groupId, { emoji: 3, tagIds: ["not-a-uuid"] })))).toEqual(["tagIds.0"]);
    expect([await countRows(t, "loops"), await countRows(t, "loop_tags")]).toEqual(before);
    // The same tag twice counts once.
    const loop = await sendLoop(s1, c.groupId, { tagIds: [c.tags[2]!.id, c.tags[2]!.id] });
    expect((loop.tags as unknown[]).length).toBe(1);
  });

  it("should refuse a report on a draft task, another group's task, another organisation's task or no task", async () => {
    const before = await countRows(t, "loops");
    for (const taskId of [c.tasks[2]!.id, otherTaskId, foreign.tasks[0]!.id, MISSING_ID]) {
      expect(fieldsOf(await send(s1, c.groupId, { emoji: 3, taskId })), taskId).toEqual({ taskId: "invalid_value" });
    }
    expect(await countRows(t, "loops")).toBe(before);
  });

  it("should refuse an anonymous report and, where the group disallows it, an anonymous free loop", async () => {
    const before = await countRows(t, "loops");
    expect(fieldsOf(await send(s1, c.groupId, { emoji: 3, taskId: c.tasks[0]!.id, anonymous: true }))).toEqual({ anonymous: "not_allowed" });
    const g = await setupClass(t, { students: 1, name: "No secrets" });
    const group = expectStatus(await g.teacher.client.patch(api(`/groups/${g.groupId}`), { anonymousLoopsAllowed: false }), 200).group;
    expect(group.anonymousLoopsAllowed).toBe(false);
    const student = g.students[0]!;
    const seen = expectStatus(await student.client.get(api(`/groups/${g.groupId}`)), 200).group;
    expect(seen.abilities).toMatchObject({ sendLoop: true, sendAnonymous: false });
    expect(fieldsOf(await send(student, g.groupId, { emoji: 3, anonymous: true }))).toEqual({ anonymous: "not_allowed" });
    const form = multipartLoop({ emoji: 3, anonymous: true }, [{ name: "photo.jpg", data: await jpegWithGps() }]);
    const blobs = await loopBlobs(t);
    expect(fieldsOf(await student.client.post(api(`/groups/${g.groupId}/loops`), form.payload, form.headers))).toEqual({ anonymous: "not_allowed" });
    expect(await loopBlobs(t)).toEqual(blobs);
    expect(await countRows(t, "loops")).toBe(before);
    // Named loops still go, and anonymous ones again once allowed.
    await sendLoop(student, g.groupId, { text: "named" });
    expectStatus(await g.teacher.client.patch(api(`/groups/${g.groupId}`), { anonymousLoopsAllowed: true }), 200);
    expect((await sendLoop(student, g.groupId, { anonymous: true })).anonymous).toBe(true);
  });

  it("should refuse malformed multipart forms, storing nothing", async () => {
    const before = await countRows(t, "loops");
    const blobs = await loopBlobs(t);
    const url = api(`/groups/${c.groupId}/loops`);
    const image = { name: "a.jpg", data: await jpegWithGps() };
    // No loop field; the files before the loop; the loop not JSON; an unknown field.
    expect(fieldsOf(await s1.client.post(url, ...formArgs(multipartLoop({ emoji: 3 }, [image], { loopLast: true }))))).toEqual({ loop: "required" });
    const boundary = "----openloopbad";
    const raw = (parts: string) => [Buffer.from(`${parts}--${boundary}--\r\n`), { "content-type": `multipart/form-data; boundary=${boundary}` }] as const;
    expect(fieldsOf(await s1.client.post(url, ...raw(`--${boundary}\r\nContent-Disposition: form-data; name="loop"\r\n\r\n{emoji: 3\r\n`)))).toEqual({ loop: "invalid" });
    expect(fieldsOf(await s1.client.post(url, ...raw(`--${boundary}\r\nContent-Disposition: form-data; name="other"\r\n\r\nx\r\n`)))).toEqual({ other: "invalid" });
    expect(fieldsOf(await s1.client.post(url, ...raw("")))).toEqual({ loop: "required" });
    expect(await countRows(t, "loops")).toBe(before);
    expect(await loopBlobs(t)).toEqual(blobs);
  });

  it("should let only senders send: leaders, tutors and the organisation's admin may read the group but get 403, others 404", async () => {
    const before = await countRows(t, "loops");
    for (const p of [c.teacher, tutor, c.admin!]) {
      expect((await send(p, c.groupId, { emoji: 3 })).statusCode, p.name).toBe(403);
    }
    await expectLikeMissing(foreign.teacher.client, "POST", api(`/groups/${c.groupId}/loops`), api(`/groups/${MISSING_ID}/loops`), { emoji: 3 });
    await expectLikeMissing(s1.client, "POST", api(`/groups/${otherGroupId}/loops`), api(`/groups/${MISSING_ID}/loops`), { emoji: 3 });
    expect(await countRows(t, "loops")).toBe(before);
  });
});

function formArgs(form: { payload: Buffer; headers: Record<string, string> }) {
  return [form.payload, form.headers] as const;
}

describe("reading one loop", () => {
  it("should show a loop to its sender, the group's leaders and tutor, and to no one else", async () => {
    const loop = await sendLoop(s1, c.groupId, { text: "for the teachers" });
    expect((await getLoop(s1, loop.id)).mine).toBe(true);
    expect((await getLoop(c.teacher, loop.id)).sender?.id).toBe(s1.id);
    const byTutor = await getLoop(tutor, loop.id);
    expect(byTutor.sender?.id).toBe(s1.id);
    expect(byTutor.abilities).toEqual({ edit: false, delete: false, comment: true, approve: false });
    for (const p of [s2, c.admin!, foreign.teacher, foreign.students[0]!]) {
      await expectLikeMissing(p.client, "GET", api(`/loops/${loop.id}`), api(`/loops/${MISSING_ID}`));
    }
  });

  it("should answer 400 for an id that is not a UUID", async () => {
    expect(Object.keys(fieldsOf(await s1.client.get(api("/loops/123"))))).toEqual(["loopId"]);
  });
});

describe("editing and deleting a loop", () => {
  it("should let the sender edit text and tags, marked edited, and no one else", async () => {
    const loop = await sendLoop(s1, c.groupId, { text: "first", tagIds: [c.tags[0]!.id] });
    t.clock.advance(5 * MINUTE);
    const editedAt = t.clock().toISOString();
    const res = await s1.client.patch(api(`/loops/${loop.id}`), { text: "second", tagIds: [c.tags[2]!.id, c.tags[1]!.id] });
    const edited = expectStatus<{ loop: Loop }>(res, 200).loop;
    expect(edited).toMatchObject({ text: "second", editedAt, sentAt: loop.sentAt });
    expect(edited.tags.map((x) => x.id)).toEqual([c.tags[1]!.id, c.tags[2]!.id]);
    expect(await getLoop(c.teacher, loop.id)).toMatchObject({ text: "second", editedAt });
    // The new tag rows carry the loop's facts, which the statistics count tags by.
    const row = await t.db.handle.db.selectFrom("loops").selectAll().where("id", "=", loop.id).executeTakeFirstOrThrow();
    const tagRows = await t.db.handle.db.selectFrom("loop_tags").selectAll().where("loop_id", "=", loop.id).orderBy("tag_id").execute();
    expect(tagRows).toHaveLength(2);
    for (const r of tagRows) {
      expect(r).toMatchObject({ group_id: row.group_id, listed_on: row.listed_on, sender_id: row.sender_id, task_id: row.task_id, is_anonymous: row.is_anonymous });
    }
    // Text only keeps the tags; tags only keep the text; [] removes every tag.
    expect(expectStatus<{ loop: Loop }>(await s1.client.patch(api(`/loops/${loop.id}`), { text: "third" }), 200).loop.tags).toHaveLength(2);
    const untagged = expectStatus<{ loop: Loop }>(await s1.client.patch(api(`/loops/${loop.id}`), { tagIds: [] }), 200).loop;
    expect(untagged).toMatchObject({ text: "third", tags: [] });
    // Nothing to change changes nothing, not even the edited mark.
    t.clock.advance(MINUTE);
    expect(expectStatus<{ loop: Loop }>(await s1.client.patch(api(`/loops/${loop.id}`), {}), 200).loop.editedAt).toBe(editedAt);
    // Leaders and tutors answer in the thread instead: they may read, so 403.
    for (const p of [c.teacher, tutor]) expect((await p.client.patch(api(`/loops/${loop.id}`), { text: "teacher's words" })).statusCode).toBe(403);
    for (const p of [s2, c.admin!, foreign.teacher]) {
      await expectLikeMissing(p.client, "PATCH", api(`/loops/${loop.id}`), api(`/loops/${MISSING_ID}`), { text: "x" });
    }
    expect((await getLoop(s1, loop.id)).text).toBe("third");
  });

  it("should refuse an edit with too long text or tags the loop may not carry", async () => {
    const archived = expectStatus(await c.teacher.client.post(api(`/groups/${c.groupId}/tags`), { name: "to archive" }), 201).tag.id as string;
    const loop = await sendLoop(s1, c.groupId, { text: "keep me", tagIds: [archived] });
    expectStatus(await c.teacher.client.patch(api(`/groups/${c.groupId}/tags/${archived}`), { archived: true }), 200);
    expect(fieldsOf(await s1.client.patch(api(`/loops/${loop.id}`), { text: "x".repeat(10_001) }))).toEqual({ text: "too_long" });
    for (const tagIds of [[otherTagId], [foreign.tags[0]!.id], [MISSING_ID]]) {
      expect(fieldsOf(await s1.client.patch(api(`/loops/${loop.id}`), { tagIds })), JSON.stringify(tagIds)).toEqual({ tagIds: "invalid_value" });
    }
    // An archived tag the loop already carries may stay; another archived tag cannot be chosen.
    const other = await sendLoop(s1, c.groupId);
    expect(fieldsOf(await s1.client.patch(api(`/loops/${other.id}`), { tagIds: [archived] }))).toEqual({ tagIds: "invalid_value" });
    const kept = expectStatus<{ loop: Loop }>(await s1.client.patch(api(`/loops/${loop.id}`), { tagIds: [archived, c.tags[0]!.id] }), 200).loop;
    expect(kept.tags.map((x) => [x.id, x.archived])).toEqual(expect.arrayContaining([[archived, true], [c.tags[0]!.id, false]]));
    const unchanged = await getLoop(s1, loop.id);
    expect(unchanged.text).toBe("keep me");
  });

  it("should let only the sender delete, taking its tags, files, thread and read state with it", async () => {
    const form = multipartLoop({ emoji: 3, text: "with a photo", tagIds: [c.tags[0]!.id] }, [{ name: "p.jpg", type: "image/jpeg", data: await jpegWithGps() }]);
    const loop = expectStatus<{ loop: Loop }>(await s1.client.post(api(`/groups/${c.groupId}/loops`), form.payload, form.headers), 201).loop;
    expectStatus(await c.teacher.client.post(api(`/loops/${loop.id}/comments`), { text: "Lovely." }), 201);
    expectStatus(await s1.client.post(api(`/loops/${loop.id}/comments`), { text: "Thanks!" }), 201);
    const blobsWith = await loopBlobs(t);
    for (const p of [c.teacher, tutor]) expect((await p.client.delete(api(`/loops/${loop.id}`))).statusCode).toBe(403);
    for (const p of [s2, c.admin!, foreign.teacher]) await expectLikeMissing(p.client, "DELETE", api(`/loops/${loop.id}`), api(`/loops/${MISSING_ID}`));
    const rows = async () => {
      const db = t.db.handle.db;
      const n = async (table: "loop_tags" | "attachments" | "comments" | "loop_reads") =>
        (await db.selectFrom(table).select("loop_id").where("loop_id", "=", loop.id).execute()).length;
      return { loops: (await db.selectFrom("loops").select("id").where("id", "=", loop.id).execute()).length, tags: await n("loop_tags"), files: await n("attachments"), comments: await n("comments"), reads: await n("loop_reads") };
    };
    expect(await rows()).toEqual({ loops: 1, tags: 1, files: 1, comments: 2, reads: 2 });
    expectStatus(await s1.client.delete(api(`/loops/${loop.id}`)), 204);
    expect(await rows()).toEqual({ loops: 0, tags: 0, files: 0, comments: 0, reads: 0 });
    // Both the image and its thumbnail are gone from the store.
    const blobsAfter = await loopBlobs(t);
    expect(blobsWith.filter((k) => !blobsAfter.includes(k))).toHaveLength(2);
    for (const p of [s1, c.teacher]) await expectLikeMissing(p.client, "GET", api(`/loops/${loop.id}`), api(`/loops/${MISSING_ID}`));
    expect((await c.teacher.client.get(loop.attachments[0]!.url)).statusCode).toBe(404);
    expect(await inboxIds(c.teacher)).not.toContain(loop.id);
  });
});

describe("approval and task progress", () => {
  it("should take a sender's task from not started to sent to approved, and back to sent when withdrawn", async () => {
    const g = await setupClass(t, { students: 3, name: "Progress" });
    const [a, b] = g.students as [Person, Person];
    const task = g.tasks[0]!.id;
    const stateOf = async (p: Person) => (await tasksOf(p, g.groupId)).find((x) => x.id === task)!.myState;
    const progress = async () => (await tasksOf(g.teacher, g.groupId)).find((x) => x.id === task)!.progress;
    expect(await stateOf(a)).toBe("not_started");
    expect(await progress()).toEqual({ sent: 0, approved: 0, senders: 3 });
    const report = await sendLoop(a, g.groupId, { taskId: task });
    await sendLoop(a, g.groupId, { taskId: task, text: "a second report" });
    await sendLoop(b, g.groupId, { taskId: task });
    // A free loop is no report.
    await sendLoop(g.students[2]!, g.groupId, {});
    expect(await stateOf(a)).toBe("sent");
    expect(await stateOf(g.students[2]!)).toBe("not_started");
    expect(await progress()).toEqual({ sent: 2, approved: 0, senders: 3 });
    t.clock.advance(MINUTE);
    const at = t.clock().toISOString();
    const approved = expectStatus<{ loop: Loop }>(await g.teacher.client.post(api(`/loops/${report.id}/approve`)), 200).loop;
    expect(approved.approval).toEqual({ approvedAt: at, approvedBy: { id: g.teacher.id, name: "Teacher Berg", pictureUrl: null } });
    expect(approved.commentCount).toBe(0);
    expect((await getLoop(a, report.id)).approval?.approvedBy?.id).toBe(g.teacher.id);
    expect(await stateOf(a)).toBe("approved");
    expect(await stateOf(b)).toBe("sent");
    expect(await progress()).toEqual({ sent: 2, approved: 1, senders: 3 });
    // Approving twice changes nothing.
    expect(expectStatus<{ loop: Loop }>(await g.teacher.client.post(api(`/loops/${report.id}/approve`), {}), 200).loop.approval?.approvedAt).toBe(at);
    const withdrawn = expectStatus<{ loop: Loop }>(await g.teacher.client.delete(api(`/loops/${report.id}/approve`)), 200).loop;
    expect(withdrawn.approval).toBeNull();
    expect((await getLoop(a, report.id)).approval).toBeNull();
    expect(await stateOf(a)).toBe("sent");
    expect(await progress()).toEqual({ sent: 2, approved: 0, senders: 3 });
    // Withdrawing what is not approved is harmless.
    expect(expectStatus<{ loop: Loop }>(await g.teacher.client.delete(api(`/loops/${report.id}/approve`)), 200).loop.approval).toBeNull();
  });

  it("should post the approval's comment in the thread, answering the loop", async () => {
    const report = await sendLoop(s2, c.groupId, { taskId: c.tasks[1]!.id });
    const approved = expectStatus<{ loop: Loop }>(await c.teacher.client.post(api(`/loops/${report.id}/approve`), { comment: "  Well done.  " }), 200).loop;
    expect(approved).toMatchObject({ commentCount: 1, answered: true });
    expect(approved.approval).not.toBeNull();
    const thread = expectStatus<Thread>(await s2.client.get(api(`/loops/${report.id}/comments`)), 200);
    expect(thread.comments.map((x) => [x.text, x.authorRole, x.author?.id])).toEqual([["Well done.", "leader", c.teacher.id]]);
    const mine = (await myLoops(s2)).loops.find((l) => l.id === report.id)!;
    expect(mine).toMatchObject({ commentCount: 1, answered: true, unread: true });
  });

  it("should refuse a bad approval comment without approving", async () => {
    const report = await sendLoop(s2, c.groupId, { taskId: c.tasks[1]!.id });
    expect(fieldsOf(await c.teacher.client.post(api(`/loops/${report.id}/approve`), { comment: "x".repeat(5_001) }))).toEqual({ comment: "too_long" });
    expect(Object.keys(fieldsOf(await c.teacher.client.post(api(`/loops/${report.id}/approve`), { comment: "   " })))).toEqual(["comment"]);
    expect(await getLoop(s2, report.id)).toMatchObject({ approval: null, commentCount: 0 });
  });

  it("should let leaders and tutors approve reports only, and no one else", async () => {
    const free = await sendLoop(s1, c.groupId, { text: "free" });
    const report = await sendLoop(s1, c.groupId, { taskId: c.tasks[0]!.id });
    // A free loop is not approvable: the teacher may read it, so 403.
    expect((await c.teacher.client.post(api(`/loops/${free.id}/approve`), {})).statusCode).toBe(403);
    expect((await c.teacher.client.delete(api(`/loops/${free.id}/approve`))).statusCode).toBe(403);
    expect((await getLoop(c.teacher, free.id)).abilities.approve).toBe(false);
    // The sender may read their report but not approve it.
    expect((await s1.client.post(api(`/loops/${report.id}/approve`), {})).statusCode).toBe(403);
    for (const p of [s2, c.admin!, foreign.teacher]) {
      await expectLikeMissing(p.client, "POST", api(`/loops/${report.id}/approve`), api(`/loops/${MISSING_ID}/approve`), {});
      await expectLikeMissing(p.client, "DELETE", api(`/loops/${report.id}/approve`), api(`/loops/${MISSING_ID}/approve`));
    }
    expect((await getLoop(s1, report.id)).approval).toBeNull();
    expect((await getLoop(tutor, report.id)).abilities.approve).toBe(true);
    expect(expectStatus<{ loop: Loop }>(await tutor.client.post(api(`/loops/${report.id}/approve`), {}), 200).loop.approval?.approvedBy?.id).toBe(tutor.id);
    expect((await s1.client.delete(api(`/loops/${report.id}/approve`))).statusCode).toBe(403);
    expect((await getLoop(s1, report.id)).approval?.approvedBy?.id).toBe(tutor.id);
  });
});

describe("read state", () => {
  it("should keep a loop unread for the teacher until read, and unread again after the sender's new comment", async () => {
    const g = await setupClass(t, { students: 1, name: "Unread" });
    const student = g.students[0]!;
    const loop = await sendLoop(student, g.groupId, { text: "news" });
    const unreadIds = () => inboxIds(g.teacher, { groupId: g.groupId, unread: "true" });
    const readIds = () => inboxIds(g.teacher, { groupId: g.groupId, unread: "false" });
    expect(await unreadIds()).toEqual([loop.id]);
    expect(await readIds()).toEqual([]);
    // GETs never change state.
    await getLoop(g.teacher, loop.id);
    expectStatus(await g.teacher.client.get(api(`/loops/${loop.id}/comments`)), 200);
    expect((await getLoop(g.teacher, loop.id)).unread).toBe(true);
    t.clock.advance(MINUTE);
    expectStatus(await g.teacher.client.post(api(`/loops/${loop.id}/read`)), 204);
    expect((await getLoop(g.teacher, loop.id)).unread).toBe(false);
    expect(await unreadIds()).toEqual([]);
    expect(await readIds()).toEqual([loop.id]);
    // The sender's own loop, without comments, is no news to them.
    expect((await getLoop(g.students[0]!, loop.id)).unread).toBe(false);
    t.clock.advance(MINUTE);
    expectStatus(await student.client.post(api(`/loops/${loop.id}/comments`), { text: "one more thing" }), 201);
    expect((await getLoop(g.teacher, loop.id)).unread).toBe(true);
    expect(await unreadIds()).toEqual([loop.id]);
    // The teacher's own comment is read by its writer, and news for the student.
    t.clock.advance(MINUTE);
    expectStatus(await g.teacher.client.post(api(`/loops/${loop.id}/comments`), { text: "got it" }), 201);
    expect((await getLoop(g.teacher, loop.id)).unread).toBe(false);
    expect((await getLoop(student, loop.id)).unread).toBe(true);
    expectStatus(await student.client.post(api(`/loops/${loop.id}/read`)), 204);
    expect((await getLoop(student, loop.id)).unread).toBe(false);
  });

  it("should let only readers of the loop mark it read", async () => {
    const loop = await sendLoop(s1, c.groupId);
    for (const p of [s2, c.admin!, foreign.teacher]) await expectLikeMissing(p.client, "POST", api(`/loops/${loop.id}/read`), api(`/loops/${MISSING_ID}/read`));
    expectStatus(await tutor.client.post(api(`/loops/${loop.id}/read`)), 204);
    expect((await getLoop(tutor, loop.id)).unread).toBe(false);
    expect((await getLoop(c.teacher, loop.id)).unread).toBe(true);
  });
});

describe("the inbox", () => {
  let g: Class;
  let ids: Record<string, string>;
  beforeAll(async () => {
    g = await setupClass(t, { students: 2, name: "Filters" });
    const [a, b] = g.students as [Person, Person];
    const at = async (p: Person, body: Record<string, unknown>) => {
      t.clock.advance(MINUTE);
      return (await sendLoop(p, g.groupId, body)).id;
    };
    ids = {
      reportA: await at(a, { taskId: g.tasks[0]!.id, emoji: 1, tagIds: [g.tags[0]!.id], text: "I was 100% sure" }),
      reportB: await at(b, { taskId: g.tasks[1]!.id, emoji: 2, tagIds: [g.tags[1]!.id], text: "snake_case names" }),
      freeA: await at(a, { emoji: 5, text: "plain 100 x sure, no exception" }),
      anonA: await at(a, { emoji: 5, anonymous: true, tagIds: [g.tags[0]!.id], text: "Vi åkte till Öland" }),
      freeB: await at(b, { emoji: 3, tagIds: [g.tags[0]!.id, g.tags[1]!.id], text: "A LOUD day" }),
    };
    expectStatus(await g.teacher.client.post(api(`/loops/${ids.reportB}/approve`), {}), 200);
    expectStatus(await g.teacher.client.post(api(`/loops/${ids.freeA}/comments`), { text: "answered" }), 201);
    // The sender's own comment does not answer their loop.
    expectStatus(await b.client.post(api(`/loops/${ids.freeB}/comments`), { text: "talking to myself" }), 201);
  });
  const filter = (query: Record<string, string>) => inboxIds(g.teacher, { groupId: g.groupId, ...query });
  const set = (...names: string[]) => names.map((n) => ids[n]).sort();

  it("should list the group's loops newest first, anonymous ones by their day", async () => {
    // All sent the same day: the anonymous loop sorts at the start of that day, after the rest.
    expect(await filter({})).toEqual([ids.freeB, ids.freeA, ids.reportB, ids.reportA, ids.anonA]);
    const page = await inbox(g.teacher, { groupId: g.groupId });
    expect(page.nextCursor).toBeNull();
    const anon = page.loops.find((l) => l.id === ids.anonA)!;
    expect(anon).toMatchObject({ sender: null, anonymous: true, mine: false });
    expect(anon.sentAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("should filter by kind, task, tag and emoji", async () => {
    expect((await filter({ kind: "report" })).sort()).toEqual(set("reportA", "reportB"));
    expect((await filter({ kind: "free" })).sort()).toEqual(set("freeA", "anonA", "freeB"));
    expect(await filter({ taskId: g.tasks[0]!.id })).toEqual([ids.reportA]);
    expect(await filter({ taskId: g.tasks[2]!.id })).toEqual([]);
    expect((await filter({ tagId: g.tags[0]!.id })).sort()).toEqual(set("reportA", "anonA", "freeB"));
    expect((await filter({ tagId: g.tags[2]!.id }))).toEqual([]);
    expect((await filter({ emoji: "5" })).sort()).toEqual(set("freeA", "anonA"));
    expect(await filter({ emoji: "5", tagId: g.tags[0]!.id, kind: "free" })).toEqual([ids.anonA]);
  });

  it("should filter by answered and approved", async () => {
    // An approval without a comment is no answer; the sender's own comment is none either.
    expect(await filter({ unanswered: "false" })).toEqual([ids.freeA]);
    expect((await filter({ unanswered: "true" })).sort()).toEqual(set("reportA", "reportB", "anonA", "freeB"));
    expect(await filter({ approved: "true" })).toEqual([ids.reportB]);
    // Not approved means reports waiting for approval, not free loops.
    expect(await filter({ approved: "false" })).toEqual([ids.reportA]);
  });

  it("should filter by member, and never match an anonymous loop by its sender", async () => {
    const [a, b] = g.students as [Person, Person];
    expect((await filter({ senderId: a.id })).sort()).toEqual(set("reportA", "freeA"));
    expect((await filter({ senderId: b.id })).sort()).toEqual(set("reportB", "freeB"));
    expect(await filter({ senderId: a.id, emoji: "5" })).toEqual([ids.freeA]);
    expect(await filter({ senderId: MISSING_ID })).toEqual([]);
  });

  it("should search the text, case-insensitively, with % and _ taken literally", async () => {
    expect(await filter({ q: "100%" })).toEqual([ids.reportA]);
    expect(await filter({ q: "e_c" })).toEqual([ids.reportB]);
    expect(await filter({ q: "%" })).toEqual([ids.reportA]);
    expect(await filter({ q: "_" })).toEqual([ids.reportB]);
    expect(await filter({ q: "loud" })).toEqual([ids.freeB]);
    expect((await filter({ q: "SURE" })).sort()).toEqual(set("reportA", "freeA"));
    expect(await filter({ q: "\\" })).toEqual([]);
    expect(await filter({ q: "nothing like this" })).toEqual([]);
  });

  it("should search Swedish text whatever the case of its letters", async () => {
    expect(await filter({ q: "Öland" })).toEqual([ids.anonA]);
    expect(await filter({ q: "öland" })).toEqual([ids.anonA]);
    expect(await filter({ q: "ÅKTE" })).toEqual([ids.anonA]);
  });

  it("should filter by group across the leader's groups", async () => {
    const other = await createGroup(g.teacher, g.orgId, { name: "Filters 2" });
    const code = expectStatus(await g.teacher.client.get(api(`/groups/${other}/codes`)), 200).codes.find((x: { purpose: string }) => x.purpose === "sender").code;
    expectStatus(await g.students[0]!.client.post(api("/join"), { code }), 200);
    const elsewhere = (await sendLoop(g.students[0]!, other)).id;
    const all = await inboxIds(g.teacher);
    expect(all).toHaveLength(6);
    expect(all).toContain(elsewhere);
    expect(await inboxIds(g.teacher, { groupId: other })).toEqual([elsewhere]);
    // A group I do not lead, or that does not exist, gives nothing (not an error, not others' loops).
    expect(await inboxIds(g.teacher, { groupId: c.groupId })).toEqual([]);
    expect(await inboxIds(g.teacher, { groupId: MISSING_ID })).toEqual([]);
  });

  it("should refuse bad filters with the field", async () => {
    for (const [query, field] of [
      ["emoji=0", "emoji"],
      ["emoji=6", "emoji"],
      ["emoji=x", "emoji"],
      ["kind=draft", "kind"],
      ["unread=yes", "unread"],
      ["unanswered=1", "unanswered"],
      ["approved=maybe", "approved"],
      ["limit=0", "limit"],
      ["limit=101", "limit"],
      ["groupId=nope", "groupId"],
      ["senderId=nope", "senderId"],
      ["taskId=nope", "taskId"],
      ["tagId=nope", "tagId"],
      [`q=${"x".repeat(201)}`, "q"],
      ["cursor=not-a-cursor", "cursor"],
      [`cursor=${Buffer.from(`yesterday|${MISSING_ID}`).toString("base64url")}`, "cursor"],
      [`cursor=${Buffer.from("2026-09-01T08:00:00.000Z|1 OR 1=1").toString("base64url")}`, "cursor"],
    ] as const) {
      expect(Object.keys(fieldsOf(await g.teacher.client.get(api(`/inbox?${query}`)))), query).toEqual([field]);
    }
    expect(Object.keys(fieldsOf(await g.students[0]!.client.get(api("/me/loops?cursor=zzz"))))).toEqual(["cursor"]);
    expect(Object.keys(fieldsOf(await g.students[0]!.client.get(api("/me/loops?limit=0"))))).toEqual(["limit"]);
  });

  it("should give a sender of a hierarchical group an empty inbox, and their own loops in my loops", async () => {
    const [a] = g.students as [Person];
    expect(await inboxIds(a)).toEqual([]);
    const mine = (await myLoops(a, { groupId: g.groupId })).loops;
    expect(mine.map((l) => l.id)).toEqual([ids.anonA, ids.freeA, ids.reportA]);
    for (const l of mine) expect(l).toMatchObject({ mine: true, sender: { id: a.id, name: a.name } });
    // My anonymous loop: mine, with its exact time.
    expect(mine[0]!.sentAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(mine[0]!.anonymous).toBe(true);
    expect((await myLoops(g.teacher)).loops).toEqual([]);
  });
});

describe("paging", () => {
  it("should return every loop exactly once across pages, newest first", async () => {
    const g = await setupClass(t, { students: 2, name: "Pages" });
    const sent: string[] = [];
    for (let i = 0; i < 7; i++) {
      t.clock.advance(MINUTE);
      sent.push((await sendLoop(g.students[i % 2]!, g.groupId, { text: `loop ${i}` })).id);
    }
    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const page: { loops: Loop[]; nextCursor: string | null } = await inbox(g.teacher, { groupId: g.groupId, limit: "3", ...(cursor ? { cursor } : {}) });
      pages.push(page.loops.map((l) => l.id));
      cursor = page.nextCursor;
    } while (cursor && pages.length < 10);
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(pages.flat()).toEqual([...sent].reverse());
  });

  it("should page loops sent at the same instant without losing or repeating one", async () => {
    const g = await setupClass(t, { students: 1, name: "Same instant" });
    const sent = new Set<string>();
    for (let i = 0; i < 7; i++) sent.add((await sendLoop(g.students[0]!, g.groupId, { text: `same ${i}` })).id);
    for (const [who, url] of [
      [g.teacher, `/inbox?groupId=${g.groupId}`],
      [g.students[0]!, `/me/loops?groupId=${g.groupId}`],
    ] as const) {
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let n = 0; n < 10; n++) {
        const page: { loops: Loop[]; nextCursor: string | null } = expectStatus(await who.client.get(api(`${url}&limit=3${cursor ? `&cursor=${cursor}` : ""}`)), 200);
        seen.push(...page.loops.map((l) => l.id));
        cursor = page.nextCursor;
        if (!cursor) break;
      }
      expect(seen).toHaveLength(7);
      expect(new Set(seen)).toEqual(sent);
    }
  });

  it("should page my loops with my anonymous ones at their exact time", async () => {
    const g = await setupClass(t, { students: 1, name: "My pages" });
    const me = g.students[0]!;
    const sent: string[] = [];
    for (let i = 0; i < 5; i++) {
      t.clock.advance(MINUTE);
      sent.push((await sendLoop(me, g.groupId, { anonymous: i % 2 === 0 })).id);
    }
    const first = await myLoops(me, { limit: "2" });
    const second = await myLoops(me, { limit: "2", cursor: first.nextCursor! });
    const third = await myLoops(me, { limit: "2", cursor: second.nextCursor! });
    expect(third.nextCursor).toBeNull();
    expect([...first.loops, ...second.loops, ...third.loops].map((l) => l.id)).toEqual([...sent].reverse());
  });
});

describe("visibility", () => {
  it("should never let a sender of a hierarchical group reach another sender's loop, by any endpoint", async () => {
    const form = multipartLoop({ emoji: 2, text: "only for my teacher" }, [{ name: "p.jpg", data: await jpegWithGps() }]);
    const loop = expectStatus<{ loop: Loop }>(await s1.client.post(api(`/groups/${c.groupId}/loops`), form.payload, form.headers), 201).loop;
    const report = await sendLoop(s1, c.groupId, { taskId: c.tasks[0]!.id });
    const file = loop.attachments[0]!;
    const m = (rest: string) => api(`/loops/${MISSING_ID}${rest}`);
    for (const [method, rest, body] of [
      ["GET", ""],
      ["GET", "/comments"],
      ["POST", "/comments", { text: "hi" }],
      ["GET", `/attachments/${file.id}`],
      ["GET", `/attachments/${file.id}?variant=thumbnail`],
      ["PATCH", "", { text: "mine now" }],
      ["DELETE", ""],
      ["POST", "/read"],
    ] as const) {
      await expectLikeMissing(s2.client, method, api(`/loops/${loop.id}${rest}`), m(rest), body);
    }
    await expectLikeMissing(s2.client, "POST", api(`/loops/${report.id}/approve`), m("/approve"), {});
    await expectLikeMissing(s2.client, "DELETE", api(`/loops/${report.id}/approve`), m("/approve"));
    expect(await inboxIds(s2)).toEqual([]);
    for (const query of [{ groupId: c.groupId }, { senderId: s1.id }, { q: "only for my teacher" }] as Record<string, string>[]) expect(await inboxIds(s2, query)).toEqual([]);
    const mine = (await myLoops(s2)).loops;
    expect(mine.every((l) => l.sender?.id === s2.id)).toBe(true);
    expect(JSON.stringify(mine)).not.toContain(loop.id);
    // Untouched by all that.
    expect(await getLoop(s1, loop.id)).toMatchObject({ text: "only for my teacher", commentCount: 0 });
  });

  it("should show every member of a flat group the others' loops, anonymous ones without sender", async () => {
    const g = await setupClass(t, { type: "flat", students: 2, name: "Peers" });
    const [a, b] = g.students as [Person, Person];
    const named = await sendLoop(a, g.groupId, { text: "named" });
    const anon = await sendLoop(a, g.groupId, { anonymous: true, text: "secret" });
    const fromOwner = await sendLoop(g.teacher, g.groupId, { text: "the owner is a peer too" });
    const seen = await inbox(b, { groupId: g.groupId });
    expect(seen.loops.map((l) => l.id).sort()).toEqual([named.id, anon.id, fromOwner.id].sort());
    expect(seen.loops.find((l) => l.id === named.id)!.sender?.id).toBe(a.id);
    const anonSeen = seen.loops.find((l) => l.id === anon.id)!;
    expect(anonSeen).toMatchObject({ sender: null, mine: false, anonymous: true });
    expect(JSON.stringify(anonSeen)).not.toContain(a.id);
    expect(await inboxIds(b, { senderId: a.id })).toEqual([named.id]);
    // Peers read and comment, but neither edit, delete nor approve another's loop.
    const byPeer = await getLoop(b, named.id);
    expect(byPeer.abilities).toEqual({ edit: false, delete: false, comment: true, approve: false });
    expectStatus(await b.client.post(api(`/loops/${anon.id}/comments`), { text: "same here" }), 201);
    expect((await b.client.patch(api(`/loops/${named.id}`), { text: "x" })).statusCode).toBe(403);
    expect((await b.client.delete(api(`/loops/${named.id}`))).statusCode).toBe(403);
    // My own loops are not in my inbox.
    expect(await inboxIds(a, { groupId: g.groupId })).toEqual([fromOwner.id]);
    // Another group's members see none of it.
    await expectLikeMissing(s1.client, "GET", api(`/loops/${named.id}`), api(`/loops/${MISSING_ID}`));
  });

  it("should show nothing of an inactive group, and everything again once reactivated", async () => {
    const g = await setupClass(t, { students: 1, name: "Sleepy" });
    const student = g.students[0]!;
    const loop = await sendLoop(student, g.groupId, { taskId: g.tasks[0]!.id });
    expectStatus(await g.teacher.client.post(api(`/groups/${g.groupId}/inactivate`)), 200);
    for (const p of [g.teacher, student]) {
      await expectLikeMissing(p.client, "GET", api(`/loops/${loop.id}`), api(`/loops/${MISSING_ID}`));
      await expectLikeMissing(p.client, "GET", api(`/loops/${loop.id}/comments`), api(`/loops/${MISSING_ID}/comments`));
      await expectLikeMissing(p.client, "POST", api(`/loops/${loop.id}/comments`), api(`/loops/${MISSING_ID}/comments`), { text: "hello?" });
      await expectLikeMissing(p.client, "POST", api(`/loops/${loop.id}/read`), api(`/loops/${MISSING_ID}/read`));
      expect(await inboxIds(p)).toEqual([]);
      expect((await myLoops(p)).loops).toEqual([]);
    }
    await expectLikeMissing(student.client, "PATCH", api(`/loops/${loop.id}`), api(`/loops/${MISSING_ID}`), { text: "x" });
    await expectLikeMissing(student.client, "DELETE", api(`/loops/${loop.id}`), api(`/loops/${MISSING_ID}`));
    await expectLikeMissing(g.teacher.client, "POST", api(`/loops/${loop.id}/approve`), api(`/loops/${MISSING_ID}/approve`), {});
    await expectLikeMissing(student.client, "POST", api(`/groups/${g.groupId}/loops`), api(`/groups/${MISSING_ID}/loops`), { emoji: 3 });
    expectStatus(await g.teacher.client.post(api(`/groups/${g.groupId}/reactivate`)), 200);
    expect((await getLoop(g.teacher, loop.id)).id).toBe(loop.id);
    expect(await inboxIds(g.teacher)).toEqual([loop.id]);
    expect((await myLoops(student)).loops.map((l) => l.id)).toEqual([loop.id]);
  });

  it("should show an organisation administrator outside the group no loops", async () => {
    const loop = await sendLoop(s3, c.groupId, { text: "not for the principal" });
    const admin = c.admin!;
    // The administrator sees the group itself, but not its loops.
    expectStatus(await admin.client.get(api(`/groups/${c.groupId}`)), 200);
    await expectLikeMissing(admin.client, "GET", api(`/loops/${loop.id}`), api(`/loops/${MISSING_ID}`));
    await expectLikeMissing(admin.client, "GET", api(`/loops/${loop.id}/comments`), api(`/loops/${MISSING_ID}/comments`));
    expect(await inboxIds(admin)).toEqual([]);
    expect(await inboxIds(admin, { groupId: c.groupId })).toEqual([]);
    expect(await inboxIds(admin, { senderId: s3.id })).toEqual([]);
  });

  it("should show a teacher of another organisation nothing", async () => {
    const loop = await sendLoop(s3, c.groupId, { text: "Solskolan only" });
    await expectLikeMissing(foreign.teacher.client, "GET", api(`/loops/${loop.id}`), api(`/loops/${MISSING_ID}`));
    const theirs = await inbox(foreign.teacher);
    expect(JSON.stringify(theirs)).not.toContain("Solskolan only");
    expect(theirs.loops.every((l) => l.groupId === foreign.groupId)).toBe(true);
  });
});

describe("a sender who leaves", () => {
  it("should keep their loops theirs to read, answer and delete, and still in my loops; leaders keep them too", async () => {
    const leaver = await register(t, "Lova Leaving");
    await join(leaver, (await groupCodes(c.teacher, c.groupId)).sender!);
    const loop = await sendLoop(leaver, c.groupId, { text: "Before I left" });
    expectStatus(await leaver.client.post(api(`/groups/${c.groupId}/leave`)), 204);
    expect((await myLoops(leaver)).loops.map((l) => l.id)).toEqual([loop.id]);
    expect((await getLoop(leaver, loop.id)).mine).toBe(true);
    expect((await getLoop(c.teacher, loop.id)).sender?.name).toBe("Lova Leaving");
    expectStatus(await c.teacher.client.post(api(`/loops/${loop.id}/comments`), { text: "We miss you" }), 201);
    expectStatus(await leaver.client.post(api(`/loops/${loop.id}/comments`), { text: "Thanks!" }), 201);
    // No new loops once out of the group.
    expect((await send(leaver, c.groupId, { emoji: 3 })).statusCode).toBe(404);
    expectStatus(await leaver.client.delete(api(`/loops/${loop.id}`)), 204);
    expect((await myLoops(leaver)).loops).toEqual([]);
  });
});

describe("loops and blobs", () => {
  it("should leave no blob when a loop with files is sent and then deleted", async () => {
    const before = await loopBlobs(t);
    const form = multipartLoop({ emoji: 4 }, [
      { name: "a.jpg", data: await jpegWithGps() },
      { name: "notes.txt", data: Buffer.from("plain words\n") },
    ]);
    const loop = expectStatus<{ loop: Loop }>(await s3.client.post(api(`/groups/${c.groupId}/loops`), form.payload, form.headers), 201).loop;
    expect((await loopBlobs(t)).length).toBe(before.length + 3);
    expectStatus(await s3.client.delete(api(`/loops/${loop.id}`)), 204);
    expect(await loopBlobs(t)).toEqual(before);
  });
});
