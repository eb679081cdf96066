import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.js";
import { createGroup, expectStatus, groupCodes, join, register, type Person } from "../../../../test/helpers/world.js";
import { addTutor, listenOnLoopback, openEvents, sendLoop, setupClass, type Class, type EventStream, type StreamedEvent } from "../../../../test/helpers/loops.js";

let t: TestApp;
let c: Class;
let s1: Person;
let s2: Person;
let tutor: Person;
let foreign: Class;
const streams: EventStream[] = [];

const api = (rest: string) => `/api/v1${rest}`;
const about = (loopId: string, type?: string) => (e: StreamedEvent) => e.loopId === loopId && (type === undefined || e.type === type);

/** Opens a stream as `p`, closed after the file. */
async function listen(p: Person): Promise<EventStream> {
  const s = await openEvents(t, p);
  expect(s.status).toBe(200);
  streams.push(s);
  return s;
}

beforeAll(async () => {
  t = await createTestApp();
  c = await setupClass(t, { students: 2, withAdmin: true });
  [s1, s2] = c.students as [Person, Person];
  tutor = await register(t, "Tora Tutor");
  await addTutor(t, c.teacher, c.groupId, tutor);
  foreign = await setupClass(t, { orgName: "Bergskolan", teacherName: "Teacher Ek", students: 1 });
});
afterAll(async () => {
  for (const s of streams) await s.close();
  await t.close();
});

describe("live events", () => {
  it("should require authentication", async () => {
    const base = await listenOnLoopback(t);
    const res = await fetch(`${base}/api/v1/events`, { headers: { accept: "text/event-stream" } });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("unauthenticated");
    const forged = await fetch(`${base}/api/v1/events`, { headers: { accept: "text/event-stream", cookie: "openloop_session=forged" } });
    expect(forged.status).toBe(401);
    await forged.body?.cancel();
  });

  it("should stream as text/event-stream, uncached", async () => {
    const s = await listen(c.teacher);
    expect(s.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(s.headers.get("cache-control")).toBe("no-store");
    expect(s.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("should tell the group's leaders and the sender of a new loop, and no other sender, organisation or administrator", async () => {
    const [teacher, tutorStream, sender, peer, outsider, admin] = await Promise.all([c.teacher, tutor, s1, s2, foreign.teacher, c.admin!].map(listen));
    const loop = await sendLoop(s1, c.groupId, { text: "live" });
    for (const s of [teacher!, tutorStream!, sender!]) {
      const e = await s.waitFor(about(loop.id));
      // Only what changed, never who: the client refetches through the API.
      expect(e).toEqual({ type: "loop.created", groupId: c.groupId, loopId: loop.id });
    }
    // Events reach each stream in order: once a later event the others may hear has arrived,
    // the earlier one would have been there too.
    const own = await sendLoop(s2, c.groupId, { text: "mine" });
    await peer!.waitFor(about(own.id, "loop.created"));
    const theirs = await sendLoop(foreign.students[0]!, foreign.groupId);
    await outsider!.waitFor(about(theirs.id, "loop.created"));
    expect(peer!.events.filter(about(loop.id))).toEqual([]);
    expect(outsider!.events.filter(about(loop.id))).toEqual([]);
    expect(outsider!.events.filter(about(own.id))).toEqual([]);
    // The administrator hears nothing of the class, only of a loop of their own sent after it.
    const adminsGroup = await createGroup(c.admin!, c.orgId, { name: "Admins", type: "flat" });
    const marker = await sendLoop(c.admin!, adminsGroup);
    await admin!.waitFor(about(marker.id, "loop.created"));
    expect(admin!.events.map((e) => e.loopId)).toEqual([marker.id]);
    expect(sender!.events.filter(about(own.id))).toEqual([]);
  });

  it("should tell a teacher of a school and class made after their stream opened, even amid other schools' traffic", async () => {
    const newcomer = await register(t, "Nora Newcomer");
    const stream = await listen(newcomer);
    // Another school's loop first: the stream learns the newcomer belongs to no organisation yet.
    const elsewhere = await sendLoop(foreign.students[0]!, foreign.groupId);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const orgId = expectStatus(await newcomer.client.post(api("/organisations"), { name: "Nyskolan", type: "school" }), 201).organisation.id;
    const groupId = await createGroup(newcomer, orgId, { name: "1A" });
    const pupil = await register(t, "Pia Pupil");
    await join(pupil, (await groupCodes(newcomer, groupId)).sender!);
    const loop = await sendLoop(pupil, groupId);
    expect(await stream.waitFor(about(loop.id, "loop.created"))).toEqual({ type: "loop.created", groupId, loopId: loop.id });
    expect(stream.events.filter(about(elsewhere.id))).toEqual([]);
  });

  it("should tell of comments, edits, approvals, readings and deletions, to readers of the loop only", async () => {
    const [teacher, sender, peer] = await Promise.all([c.teacher, s1, s2].map(listen));
    const report = await sendLoop(s1, c.groupId, { taskId: c.tasks[0]!.id });
    await teacher!.waitFor(about(report.id, "loop.created"));
    const step = async (type: string, act: () => Promise<unknown>) => {
      await act();
      for (const s of [teacher!, sender!]) expect(await s.waitFor((e) => e.loopId === report.id && e.type === type && !seen.has(e))).toEqual({ type, groupId: c.groupId, loopId: report.id });
      for (const s of [teacher!, sender!]) for (const e of s.events.filter(about(report.id))) seen.add(e);
    };
    const seen = new Set<StreamedEvent>();
    let commentId = "";
    await step("comment.created", async () => {
      commentId = expectStatus(await c.teacher.client.post(api(`/loops/${report.id}/comments`), { text: "Good." }), 201).comment.id;
    });
    await step("comment.updated", async () => expectStatus(await c.teacher.client.patch(api(`/comments/${commentId}`), { text: "Very good." }), 200));
    await step("comment.updated", async () => expectStatus(await c.teacher.client.delete(api(`/comments/${commentId}`)), 204));
    await step("loop.updated", async () => expectStatus(await s1.client.patch(api(`/loops/${report.id}`), { text: "better" }), 200));
    await step("loop.updated", async () => expectStatus(await c.teacher.client.post(api(`/loops/${report.id}/approve`), {}), 200));
    await step("loop.updated", async () => expectStatus(await c.teacher.client.delete(api(`/loops/${report.id}/approve`)), 200));
    await step("thread.read", async () => expectStatus(await s1.client.post(api(`/loops/${report.id}/read`)), 204));
    await expectStatus(await s1.client.delete(api(`/loops/${report.id}`)), 204);
    expect(await teacher!.waitFor(about(report.id, "loop.deleted"))).toEqual({ type: "loop.deleted", groupId: c.groupId, loopId: report.id });
    // The other sender heard nothing of it: a later event of their own arrives, and nothing before it.
    const marker = await sendLoop(s2, c.groupId);
    await peer!.waitFor(about(marker.id));
    expect(peer!.events.filter(about(report.id))).toEqual([]);
    // A feed event (the comment and the approval reached the sender's feed) is the bare kind.
    for (const s of [teacher!, sender!, peer!]) for (const e of s.events) expect(Object.keys(e).sort()).toEqual(e.type === "feed.changed" ? ["type"] : ["groupId", "loopId", "type"]);
  });

  it("should tell every member of a flat group, an anonymous loop without a sender", async () => {
    const g = await setupClass(t, { type: "flat", students: 2, name: "Peers" });
    const [a, b] = g.students as [Person, Person];
    const [peer, owner, outsider] = await Promise.all([b, g.teacher, s1].map(listen));
    const loop = await sendLoop(a, g.groupId, { anonymous: true, text: "whisper" });
    for (const s of [peer!, owner!]) expect(await s.waitFor(about(loop.id))).toEqual({ type: "loop.created", groupId: g.groupId, loopId: loop.id });
    for (const s of [peer!, owner!]) {
      expect(s.raw()).not.toContain(a.id);
      expect(s.raw()).not.toContain(a.name);
    }
    const marker = await sendLoop(s1, c.groupId);
    await outsider!.waitFor(about(marker.id));
    expect(outsider!.events.filter(about(loop.id))).toEqual([]);
  });

  it("should stop telling a group's members once the group is inactive", async () => {
    const g = await setupClass(t, { students: 1, name: "Sleepy" });
    const student = g.students[0]!;
    const loop = await sendLoop(student, g.groupId);
    const [teacher, sender] = await Promise.all([g.teacher, student].map(listen));
    expectStatus(await g.teacher.client.post(api(`/loops/${loop.id}/comments`), { text: "before" }), 201);
    await sender!.waitFor(about(loop.id, "comment.created"));
    expectStatus(await g.teacher.client.post(api(`/groups/${g.groupId}/inactivate`)), 200);
    // The sender deletes nothing and comments nowhere now; the realtime hub still carries events
    // of the group (a retention job, a reactivation): publish one directly.
    t.app.ctx.realtime.publish({ type: "loop.updated", organisationId: g.orgId, groupId: g.groupId, loopId: loop.id });
    expectStatus(await g.teacher.client.post(api(`/groups/${g.groupId}/reactivate`)), 200);
    t.app.ctx.realtime.publish({ type: "comment.updated", organisationId: g.orgId, groupId: g.groupId, loopId: loop.id });
    for (const s of [teacher!, sender!]) {
      await s.waitFor(about(loop.id, "comment.updated"));
      expect(s.events.filter(about(loop.id, "loop.updated"))).toEqual([]);
    }
  });
});
