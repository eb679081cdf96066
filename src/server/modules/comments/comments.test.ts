import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.js";
import { createGroup, enableLeaderCode, expectLikeMissing, expectStatus, join, MISSING_ID, register, type Person } from "../../../../test/helpers/world.js";
import { addTutor, countRows, sendLoop, setupClass, type Class } from "../../../../test/helpers/loops.js";
import { COMMENT_BANK_MAX_ITEMS, type Comment, type Loop, type Thread } from "../../../shared/schemas/loops.js";

let t: TestApp;
/** Solskolan (administrator outside 7B); 7B: the teacher (owner), a co-leader, a tutor and three students. */
let c: Class;
let s1: Person;
let s2: Person;
let coLeader: Person;
let tutor: Person;
let foreign: Class;

const api = (rest: string) => `/api/v1${rest}`;
const MINUTE = 60_000;

const thread = async (p: Person, loopId: string) => expectStatus<Thread>(await p.client.get(api(`/loops/${loopId}/comments`)), 200);
/** Comments one second after whatever came before, so the thread's order is the order of writing. */
async function comment(p: Person, loopId: string, text: string) {
  t.clock.advance(1_000);
  return expectStatus<{ comment: Comment }>(await p.client.post(api(`/loops/${loopId}/comments`), { text }), 201).comment;
}
const getLoop = async (p: Person, id: string) => expectStatus<{ loop: Loop }>(await p.client.get(api(`/loops/${id}`)), 200).loop;
const bank = async (p: Person, groupId: string) =>
  expectStatus<{ items: { id: string; text: string; shared: boolean; groupId: string | null; mine: boolean; abilities: { delete: boolean } }[] }>(
    await p.client.get(api(`/groups/${groupId}/comment-bank`)),
    200,
  ).items;
const save = async (p: Person, groupId: string, text: string, shared: boolean) =>
  expectStatus<{ item: { id: string } }>(await p.client.post(api(`/groups/${groupId}/comment-bank`), { text, shared }), 201).item.id;
function fieldsOf(res: { statusCode: number; body: string; json(): unknown }): Record<string, string> {
  expect(res.statusCode, res.body).toBe(400);
  const body = res.json() as { error: { code: string; fields?: Record<string, string> } };
  expect(body.error.code).toBe("validation");
  return body.error.fields ?? {};
}

beforeAll(async () => {
  t = await createTestApp();
  c = await setupClass(t, { students: 3, withAdmin: true });
  [s1, s2] = c.students as [Person, Person];
  coLeader = await register(t, "Cora Colleague");
  await join(coLeader, await enableLeaderCode(c.teacher, c.groupId));
  tutor = await register(t, "Tora Tutor");
  await addTutor(t, c.teacher, c.groupId, tutor);
  foreign = await setupClass(t, { orgName: "Bergskolan", teacherName: "Teacher Ek", students: 1 });
});
afterAll(async () => t.close());

describe("comments", () => {
  it("should require authentication", async () => {
    const loop = await sendLoop(s1, c.groupId);
    const mine = await comment(s1, loop.id, "first words");
    const item = await save(c.teacher, c.groupId, "Keep going!", false);
    const visitor = t.client();
    for (const [method, url, body] of [
      ["GET", api(`/loops/${loop.id}/comments`)],
      ["POST", api(`/loops/${loop.id}/comments`), { text: "hi" }],
      ["PATCH", api(`/comments/${mine.id}`), { text: "changed" }],
      ["DELETE", api(`/comments/${mine.id}`)],
      ["GET", api(`/groups/${c.groupId}/comment-bank`)],
      ["POST", api(`/groups/${c.groupId}/comment-bank`), { text: "x" }],
      ["DELETE", api(`/comment-bank/${item}`)],
    ] as const) {
      const res = await visitor.request(method, url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(401);
      expect(res.json().error.code).toBe("unauthenticated");
      expect(res.body).not.toContain("first words");
    }
    expect((await thread(s1, loop.id)).comments.map((x) => x.text)).toEqual(["first words"]);
    expect((await bank(c.teacher, c.groupId)).map((i) => i.id)).toContain(item);
  });
});

describe("a comment thread", () => {
  it("should let the sender and the group's leaders and tutor talk, in order, each marked by role", async () => {
    const loop = await sendLoop(s1, c.groupId, { text: "How did I do?" });
    const first = await comment(c.teacher, loop.id, "  Very well.  ");
    expect(first).toMatchObject({
      loopId: loop.id,
      author: { id: c.teacher.id, name: c.teacher.name },
      authorRole: "leader",
      mine: true,
      text: "Very well.",
      createdAt: t.clock().toISOString(),
      editedAt: null,
      deleted: false,
      abilities: { edit: true, delete: true },
    });
    t.clock.advance(MINUTE);
    await comment(s1, loop.id, "Thank you!");
    t.clock.advance(MINUTE);
    await comment(tutor, loop.id, "Agreed.");
    t.clock.advance(MINUTE);
    await comment(coLeader, loop.id, "Me too.");
    const seen = await thread(s1, loop.id);
    expect(seen.loopId).toBe(loop.id);
    expect(seen.comments.map((x) => [x.text, x.authorRole, x.author?.id, x.mine, x.abilities])).toEqual([
      ["Very well.", "leader", c.teacher.id, false, { edit: false, delete: false }],
      ["Thank you!", "sender", s1.id, true, { edit: true, delete: true }],
      ["Agreed.", "leader", tutor.id, false, { edit: false, delete: false }],
      ["Me too.", "leader", coLeader.id, false, { edit: false, delete: false }],
    ]);
    expect(await getLoop(c.teacher, loop.id)).toMatchObject({ commentCount: 4, answered: true, lastCommentAt: t.clock().toISOString() });
  });

  it("should count comments and mark the loop answered only when someone else than the sender comments", async () => {
    const loop = await sendLoop(s1, c.groupId);
    await comment(s1, loop.id, "A thought I forgot.");
    expect(await getLoop(c.teacher, loop.id)).toMatchObject({ commentCount: 1, answered: false });
    await comment(c.teacher, loop.id, "Noted.");
    expect(await getLoop(s1, loop.id)).toMatchObject({ commentCount: 2, answered: true });
  });

  it("should refuse empty, blank, too long and control-character comments, storing nothing", async () => {
    const loop = await sendLoop(s1, c.groupId);
    const before = await countRows(t, "comments");
    const url = api(`/loops/${loop.id}/comments`);
    expect(fieldsOf(await c.teacher.client.post(url, {}))).toEqual({ text: "required" });
    expect(fieldsOf(await c.teacher.client.post(url, { text: "" }))).toEqual({ text: "too_short" });
    expect(fieldsOf(await c.teacher.client.post(url, { text: " \n\t " }))).toEqual({ text: "too_short" });
    expect(fieldsOf(await c.teacher.client.post(url, { text: "x".repeat(5_001) }))).toEqual({ text: "too_long" });
    expect(Object.keys(fieldsOf(await c.teacher.client.post(url, { text: "bell\u0007" })))).toEqual(["text"]);
    expect(Object.keys(fieldsOf(await c.teacher.client.post(url, { text: 42 })))).toEqual(["text"]);
    expect(await countRows(t, "comments")).toBe(before);
    expect(await getLoop(s1, loop.id)).toMatchObject({ commentCount: 0, answered: false });
    // The limit itself, and lines, are fine.
    expect((await comment(c.teacher, loop.id, "y".repeat(5_000))).text).toHaveLength(5_000);
    expect((await comment(c.teacher, loop.id, "line one\nline two")).text).toBe("line one\nline two");
  });

  it("should answer 404 for a thread the person may not see, exactly like a missing loop", async () => {
    const loop = await sendLoop(s1, c.groupId, { text: "private" });
    await comment(c.teacher, loop.id, "Only for you.");
    for (const p of [s2, c.admin!, foreign.teacher, foreign.students[0]!]) {
      await expectLikeMissing(p.client, "GET", api(`/loops/${loop.id}/comments`), api(`/loops/${MISSING_ID}/comments`));
      await expectLikeMissing(p.client, "POST", api(`/loops/${loop.id}/comments`), api(`/loops/${MISSING_ID}/comments`), { text: "let me in" });
    }
    expect((await thread(s1, loop.id)).comments).toHaveLength(1);
  });

  it("should show a flat group's members as peers", async () => {
    const g = await setupClass(t, { type: "flat", students: 2, name: "Peers" });
    const [a, b] = g.students as [Person, Person];
    const loop = await sendLoop(a, g.groupId);
    await comment(b, loop.id, "Same for me.");
    await comment(g.teacher, loop.id, "And me.");
    await comment(a, loop.id, "Good to know.");
    expect((await thread(a, loop.id)).comments.map((x) => x.authorRole)).toEqual(["peer", "peer", "sender"]);
    expect(await getLoop(a, loop.id)).toMatchObject({ answered: true, commentCount: 3 });
  });
});

describe("the thread of an anonymous loop", () => {
  it("should show the sender as anonymous to everyone else, their moments to the day only", async () => {
    const loop = await sendLoop(s1, c.groupId, { anonymous: true, text: "quietly" });
    await comment(c.teacher, loop.id, "I hear you.");
    t.clock.advance(7 * MINUTE + 1_500);
    const mine = await comment(s1, loop.id, "Thanks.");
    const at = t.clock().toISOString();
    t.clock.advance(MINUTE);
    const edited = expectStatus<{ comment: Comment }>(await s1.client.patch(api(`/comments/${mine.id}`), { text: "Thanks a lot." }), 200).comment;
    expect(edited).toMatchObject({ authorRole: "sender", author: { id: s1.id }, createdAt: at, editedAt: t.clock().toISOString() });
    expectStatus(await s1.client.post(api(`/loops/${loop.id}/read`)), 204);
    for (const p of [c.teacher, coLeader, tutor]) {
      const seen = await thread(p, loop.id);
      expect(seen.comments.map((x) => [x.authorRole, x.author?.id ?? null])).toEqual([
        ["leader", c.teacher.id],
        ["anonymous", null],
      ]);
      expect(seen.comments[1]).toMatchObject({ createdAt: at.slice(0, 10), editedAt: at.slice(0, 10), text: "Thanks a lot.", mine: false });
      expect(seen.readBy).toContainEqual({ person: null, role: "anonymous", readAt: null });
      expect(JSON.stringify(seen)).not.toContain(s1.id);
      expect(JSON.stringify(seen)).not.toContain(at.slice(11, 19));
      const l = await getLoop(p, loop.id);
      expect(l.lastCommentAt).toBe(at.slice(0, 10));
      expect(l.sender).toBeNull();
    }
    // The student sees themselves, and the leaders who read it.
    const own = await thread(s1, loop.id);
    expect(own.comments[1]).toMatchObject({ authorRole: "sender", author: { id: s1.id }, mine: true, createdAt: at });
    expect((await getLoop(s1, loop.id)).lastCommentAt).toBe(at);
    expect(own.readBy.map((r) => r.role)).not.toContain("anonymous");
  });

  it("should keep the sender anonymous to peers of a flat group", async () => {
    const g = await setupClass(t, { type: "flat", students: 2, name: "Flat secrets" });
    const [a, b] = g.students as [Person, Person];
    const loop = await sendLoop(a, g.groupId, { anonymous: true });
    await comment(a, loop.id, "Anyone else?");
    await comment(b, loop.id, "Yes, me.");
    expect((await thread(b, loop.id)).comments.map((x) => [x.authorRole, x.author?.id ?? null])).toEqual([
      ["anonymous", null],
      ["peer", b.id],
    ]);
    expect((await thread(a, loop.id)).comments.map((x) => x.authorRole)).toEqual(["sender", "peer"]);
  });
});

describe("editing and deleting comments", () => {
  it("should let only the author edit, marked edited", async () => {
    const loop = await sendLoop(s1, c.groupId);
    const mine = await comment(s1, loop.id, "I think it wnet well.");
    const theirs = await comment(c.teacher, loop.id, "It did.");
    t.clock.advance(3 * MINUTE);
    const at = t.clock().toISOString();
    const edited = expectStatus<{ comment: Comment }>(await s1.client.patch(api(`/comments/${mine.id}`), { text: "I think it went well." }), 200).comment;
    expect(edited).toMatchObject({ id: mine.id, text: "I think it went well.", editedAt: at, createdAt: mine.createdAt, deleted: false });
    expect((await thread(c.teacher, loop.id)).comments[0]).toMatchObject({ text: "I think it went well.", editedAt: at });
    // Others in the thread may read it but not change it: 403.
    for (const p of [c.teacher, coLeader, tutor]) expect((await p.client.patch(api(`/comments/${mine.id}`), { text: "rewritten" })).statusCode).toBe(403);
    expect((await s1.client.patch(api(`/comments/${theirs.id}`), { text: "rewritten" })).statusCode).toBe(403);
    // Those who may not read the thread: 404, like a missing comment.
    for (const p of [s2, c.admin!, foreign.teacher]) {
      await expectLikeMissing(p.client, "PATCH", api(`/comments/${mine.id}`), api(`/comments/${MISSING_ID}`), { text: "rewritten" });
      await expectLikeMissing(p.client, "DELETE", api(`/comments/${mine.id}`), api(`/comments/${MISSING_ID}`));
    }
    expect((await thread(s1, loop.id)).comments.map((x) => x.text)).toEqual(["I think it went well.", "It did."]);
  });

  it("should make the loop unanswered again when the only answer is deleted", async () => {
    const loop = await sendLoop(s1, c.groupId);
    await comment(s1, loop.id, "Mine does not count.");
    const first = await comment(c.teacher, loop.id, "Wrong loop, sorry.");
    const second = await comment(coLeader, loop.id, "Also here.");
    expectStatus(await c.teacher.client.delete(api(`/comments/${first.id}`)), 204);
    expect(await getLoop(c.teacher, loop.id)).toMatchObject({ commentCount: 2, answered: true });
    expectStatus(await coLeader.client.delete(api(`/comments/${second.id}`)), 204);
    expect(await getLoop(c.teacher, loop.id)).toMatchObject({ commentCount: 1, answered: false });
    const unanswered = expectStatus<{ loops: Loop[] }>(await c.teacher.client.get(api(`/inbox?groupId=${c.groupId}&unanswered=true`)), 200).loops;
    expect(unanswered.map((l) => l.id)).toContain(loop.id);
    // Answering again answers it again.
    await comment(tutor, loop.id, "Here I am.");
    expect(await getLoop(s1, loop.id)).toMatchObject({ commentCount: 2, answered: true });
  });

  it("should refuse an edit with empty or too long text", async () => {
    const loop = await sendLoop(s1, c.groupId);
    const mine = await comment(s1, loop.id, "keep");
    expect(fieldsOf(await s1.client.patch(api(`/comments/${mine.id}`), { text: "  " }))).toEqual({ text: "too_short" });
    expect(fieldsOf(await s1.client.patch(api(`/comments/${mine.id}`), { text: "z".repeat(5_001) }))).toEqual({ text: "too_long" });
    expect(fieldsOf(await s1.client.patch(api(`/comments/${mine.id}`), {}))).toEqual({ text: "required" });
    expect((await thread(s1, loop.id)).comments[0]).toMatchObject({ text: "keep", editedAt: null });
  });

  it("should keep a deleted comment in the thread as deleted, without its text, and only for its author", async () => {
    const loop = await sendLoop(s1, c.groupId);
    const teachers = await comment(c.teacher, loop.id, "Hmm, a mistake.");
    t.clock.advance(MINUTE);
    const students = await comment(s1, loop.id, "What mistake?");
    expect((await s1.client.delete(api(`/comments/${teachers.id}`))).statusCode).toBe(403);
    expect((await coLeader.client.delete(api(`/comments/${teachers.id}`))).statusCode).toBe(403);
    expectStatus(await c.teacher.client.delete(api(`/comments/${teachers.id}`)), 204);
    const seen = await thread(s1, loop.id);
    expect(seen.comments.map((x) => [x.id, x.deleted, x.text, x.editedAt])).toEqual([
      [teachers.id, true, "", null],
      [students.id, false, "What mistake?", null],
    ]);
    expect(seen.comments[0]!.abilities).toEqual({ edit: false, delete: false });
    expect(JSON.stringify(seen)).not.toContain("a mistake");
    const stored = await t.db.handle.db.selectFrom("comments").select("text").where("id", "=", teachers.id).executeTakeFirstOrThrow();
    expect(stored.text).toBe("");
    expect((await getLoop(s1, loop.id)).commentCount).toBe(1);
    // A deleted comment can be neither edited nor deleted again, even by its author.
    expect((await c.teacher.client.patch(api(`/comments/${teachers.id}`), { text: "back" })).statusCode).toBe(403);
    expect((await c.teacher.client.delete(api(`/comments/${teachers.id}`))).statusCode).toBe(403);
    expect((await getLoop(s1, loop.id)).commentCount).toBe(1);
  });
});

describe("read receipts", () => {
  it("should show who has read the latest comment, besides the viewer", async () => {
    const g = await setupClass(t, { students: 1, name: "Receipts" });
    const student = g.students[0]!;
    const loop = await sendLoop(student, g.groupId);
    // Nobody else has read the loop yet.
    expect((await thread(student, loop.id)).readBy).toEqual([]);
    t.clock.advance(MINUTE);
    expectStatus(await g.teacher.client.post(api(`/loops/${loop.id}/read`)), 204);
    const readAt = t.clock().toISOString();
    expect((await thread(student, loop.id)).readBy).toEqual([{ person: { id: g.teacher.id, name: g.teacher.name, pictureUrl: null }, role: "leader", readAt }]);
    // The viewer's own reading is not listed.
    expect((await thread(g.teacher, loop.id)).readBy).toEqual([]);
    // A new comment: only its writer has read it so far.
    t.clock.advance(MINUTE);
    await comment(student, loop.id, "Did you see?");
    expect((await thread(g.teacher, loop.id)).readBy).toEqual([{ person: { id: student.id, name: student.name, pictureUrl: null }, role: "sender", readAt: t.clock().toISOString() }]);
    expect((await thread(student, loop.id)).readBy).toEqual([]);
    t.clock.advance(MINUTE);
    expectStatus(await g.teacher.client.post(api(`/loops/${loop.id}/read`)), 204);
    expect((await thread(student, loop.id)).readBy.map((r) => r.person?.id)).toEqual([g.teacher.id]);
  });
});

describe("the comment bank", () => {
  it("should keep personal items for their owner and share shared ones with the group's leaders", async () => {
    const personal = await save(c.teacher, c.groupId, "Great effort — what would you do differently?", false);
    const shared = await save(c.teacher, c.groupId, "Thanks for sharing.", true);
    const mineInTeacher = await bank(c.teacher, c.groupId);
    expect(mineInTeacher.find((i) => i.id === personal)).toMatchObject({ shared: false, groupId: null, mine: true, abilities: { delete: true } });
    expect(mineInTeacher.find((i) => i.id === shared)).toMatchObject({ shared: true, groupId: c.groupId, mine: true, abilities: { delete: true } });
    for (const p of [coLeader, tutor]) {
      const items = await bank(p, c.groupId);
      expect(items.map((i) => i.id)).toContain(shared);
      expect(items.map((i) => i.id)).not.toContain(personal);
      expect(items.find((i) => i.id === shared)).toMatchObject({ mine: false, abilities: { delete: false } });
    }
    // Personal items go with their owner to other groups of the organisation; shared ones stay in their group.
    const other = await createGroup(c.teacher, c.orgId, { name: "8A" });
    const there = (await bank(c.teacher, other)).map((i) => i.id);
    expect(there).toContain(personal);
    expect(there).not.toContain(shared);
  });

  it("should let only the owner delete an item", async () => {
    const shared = await save(c.teacher, c.groupId, "Shared and mine.", true);
    const coLeaders = await save(coLeader, c.groupId, "The co-leader's own.", false);
    // Neither another leader (who sees the shared item) nor anyone else removes it.
    expect([403, 404]).toContain((await coLeader.client.delete(api(`/comment-bank/${shared}`))).statusCode);
    for (const p of [s1, foreign.teacher, c.admin!]) await expectLikeMissing(p.client, "DELETE", api(`/comment-bank/${shared}`), api(`/comment-bank/${MISSING_ID}`));
    await expectLikeMissing(c.teacher.client, "DELETE", api(`/comment-bank/${coLeaders}`), api(`/comment-bank/${MISSING_ID}`));
    expect((await bank(coLeader, c.groupId)).map((i) => i.id)).toEqual(expect.arrayContaining([shared, coLeaders]));
    expectStatus(await c.teacher.client.delete(api(`/comment-bank/${shared}`)), 204);
    expect((await bank(coLeader, c.groupId)).map((i) => i.id)).not.toContain(shared);
    expect((await bank(c.teacher, c.groupId)).map((i) => i.id)).not.toContain(shared);
    await expectLikeMissing(c.teacher.client, "DELETE", api(`/comment-bank/${shared}`), api(`/comment-bank/${MISSING_ID}`));
  });

  it("should keep senders, the organisation's administrator and outsiders out", async () => {
    const before = await countRows(t, "comment_bank");
    const url = api(`/groups/${c.groupId}/comment-bank`);
    // They may read the group, not use its bank: 403.
    for (const p of [s1, c.admin!]) {
      expect((await p.client.get(url)).statusCode, p.name).toBe(403);
      expect((await p.client.post(url, { text: "mine", shared: true })).statusCode, p.name).toBe(403);
    }
    await expectLikeMissing(foreign.teacher.client, "GET", url, api(`/groups/${MISSING_ID}/comment-bank`));
    await expectLikeMissing(foreign.teacher.client, "POST", url, api(`/groups/${MISSING_ID}/comment-bank`), { text: "mine" });
    expect(await countRows(t, "comment_bank")).toBe(before);
    // A flat group has no leaders' bank for its members.
    const flat = await setupClass(t, { type: "flat", students: 1, name: "Flat bank" });
    expect((await flat.students[0]!.client.get(api(`/groups/${flat.groupId}/comment-bank`))).statusCode).toBe(403);
  });

  it("should refuse empty, too long or badly typed items, storing nothing", async () => {
    const before = await countRows(t, "comment_bank");
    const url = api(`/groups/${c.groupId}/comment-bank`);
    expect(fieldsOf(await c.teacher.client.post(url, {}))).toEqual({ text: "required" });
    expect(fieldsOf(await c.teacher.client.post(url, { text: "   " }))).toEqual({ text: "too_short" });
    expect(fieldsOf(await c.teacher.client.post(url, { text: "b".repeat(5_001) }))).toEqual({ text: "too_long" });
    expect(Object.keys(fieldsOf(await c.teacher.client.post(url, { text: "ok", shared: "yes" })))).toEqual(["shared"]);
    expect(await countRows(t, "comment_bank")).toBe(before);
  });

  it("should cap a leader's saved comments", async () => {
    const g = await setupClass(t, { students: 0, name: "Full bank" });
    for (let i = 0; i < COMMENT_BANK_MAX_ITEMS; i++) await save(g.teacher, g.groupId, `Comment ${i}`, i % 2 === 0);
    expect(fieldsOf(await g.teacher.client.post(api(`/groups/${g.groupId}/comment-bank`), { text: "one too many" }))).toEqual({ text: "too_many" });
    expect(await bank(g.teacher, g.groupId)).toHaveLength(COMMENT_BANK_MAX_ITEMS);
  });

  it("should close the bank of an inactive group", async () => {
    const g = await setupClass(t, { students: 0, name: "Closed bank" });
    await save(g.teacher, g.groupId, "Before closing.", true);
    expectStatus(await g.teacher.client.post(api(`/groups/${g.groupId}/inactivate`)), 200);
    // The owner still sees the group (to reactivate it), but not its bank.
    expect((await g.teacher.client.get(api(`/groups/${g.groupId}/comment-bank`))).statusCode).toBe(403);
    expect((await g.teacher.client.post(api(`/groups/${g.groupId}/comment-bank`), { text: "x" })).statusCode).toBe(403);
  });
});
