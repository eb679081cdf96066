import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestClient } from "../../../../test/helpers/test-app.js";
import {
  addTutor,
  auditLog,
  createGroup,
  createOrganisation,
  enableLeaderCode,
  expectLikeMissing,
  expectStatus,
  groupCodes,
  join,
  makeGroupCreator,
  MISSING_ID,
  register,
  type Person,
} from "../../../../test/helpers/world.js";
import { MAX_TAGS_PER_GROUP, MAX_TASKS_PER_GROUP, PackageContent, type ContentPackage, type Tag, type Task } from "../../../shared/schemas/tasks.js";

let t: TestApp;
/** Administrator of Solskolan (orgId), in none of its groups. */
let admin: Person;
/** Group creator; owner of 7B (groupId). */
let teacher: Person;
/** Leader of 7B (joined with the leader code); a member of Solskolan but no group creator. */
let coLeader: Person;
/** Senders of 7B. */
let student: Person;
let student2: Person;
/** Tutor of 7B: no organisation membership. */
let tutor: Person;
/** Member of Solskolan through another group (8A), not of 7B. */
let orgMember: Person;
/** Administrator of Bergskolan and owner of its group. */
let outsider: Person;
let orgId: string;
let otherOrgId: string;
let groupId: string;
let otherGroupId: string;
let foreignGroupId: string;

const api = (rest: string) => `/api/v1${rest}`;
const tasksOf = (id: string, rest = "") => api(`/groups/${id}/tasks${rest}`);
const tagsOf = (id: string, rest = "") => api(`/groups/${id}/tags${rest}`);
const packagesOf = (id: string, rest = "") => api(`/organisations/${id}/packages${rest}`);

const listTasks = async (p: Person, id = groupId) => expectStatus<{ tasks: Task[] }>(await p.client.get(tasksOf(id)), 200).tasks;
const listTags = async (p: Person, id = groupId, archived = false) =>
  expectStatus<{ tags: Tag[] }>(await p.client.get(tagsOf(id, archived ? "?includeArchived=true" : "")), 200).tags;
const addTask = async (p: Person, id: string, body: Record<string, unknown>) => expectStatus<{ task: Task }>(await p.client.post(tasksOf(id), body), 201).task;
const addTag = async (p: Person, id: string, body: Record<string, unknown>) => expectStatus<{ tag: Tag }>(await p.client.post(tagsOf(id), body), 201).tag;
const listPackages = async (c: TestClient, query = "") => expectStatus<{ packages: ContentPackage[] }>(await c.get(api(`/packages${query}`)), 200).packages;

/** A fresh group of Solskolan owned by the teacher, with coLeader as leader, both students as senders and the tutor. */
async function populatedGroup(name: string): Promise<string> {
  const id = await createGroup(teacher, orgId, { name });
  await join(coLeader, await enableLeaderCode(teacher, id));
  const code = (await groupCodes(teacher, id)).sender!;
  await join(student, code);
  await join(student2, code);
  await addTutor(t, teacher, id, tutor);
  return id;
}

/** Sends a report on a task as a sender, through the loops API. */
async function sendReport(p: Person, id: string, taskId: string | null, tagIds: string[] = []) {
  const res = await p.client.post(api(`/groups/${id}/loops`), { taskId, emoji: 4, tagIds, text: "My reflection", anonymous: false });
  return expectStatus<{ loop: { id: string } }>(res, 201).loop;
}

beforeAll(async () => {
  t = await createTestApp();
  await register(t, "Ingrid Instance");
  admin = await register(t, "Astrid Admin");
  orgId = await createOrganisation(admin, "Solskolan");
  outsider = await register(t, "Olof Outsider");
  otherOrgId = await createOrganisation(outsider, "Bergskolan");
  foreignGroupId = await createGroup(outsider, otherOrgId, { name: "Berg 1" });
  teacher = await register(t, "Tove Teacher");
  await makeGroupCreator(admin, orgId, teacher);
  coLeader = await register(t, "Cecilia Co");
  student = await register(t, "Sam Student");
  student2 = await register(t, "Siri Student");
  tutor = await register(t, "Tage Tutor");
  groupId = await populatedGroup("7B");
  orgMember = await register(t, "Maja Member");
  otherGroupId = await createGroup(teacher, orgId, { name: "8A" });
  await join(orgMember, (await groupCodes(teacher, otherGroupId)).sender!);
});
afterAll(async () => {
  await t?.close();
});

describe("tasks API", () => {
  it("should require authentication on every tasks, tags and packages endpoint", async () => {
    const visitor = t.client();
    const calls = [
      visitor.get(api("/packages")),
      visitor.post(packagesOf(orgId), { groupId, name: "P", language: "en" }),
      visitor.delete(packagesOf(orgId, `/${MISSING_ID}`)),
      visitor.get(tasksOf(groupId)),
      visitor.post(tasksOf(groupId), { title: "X" }),
      visitor.patch(tasksOf(groupId, `/${MISSING_ID}`), { title: "X" }),
      visitor.delete(tasksOf(groupId, `/${MISSING_ID}`)),
      visitor.put(tasksOf(groupId, "/order"), { ids: [MISSING_ID] }),
      visitor.get(tagsOf(groupId)),
      visitor.post(tagsOf(groupId), { name: "X" }),
      visitor.patch(tagsOf(groupId, `/${MISSING_ID}`), { name: "X" }),
      visitor.delete(tagsOf(groupId, `/${MISSING_ID}`)),
      visitor.put(tagsOf(groupId, "/order"), { ids: [MISSING_ID] }),
    ];
    for (const res of await Promise.all(calls)) {
      expect(res.statusCode, res.body).toBe(401);
      expect(res.json()).toEqual({ error: { code: "unauthenticated", message: expect.any(String) } });
    }
    expect(await listTasks(teacher)).toEqual([]);
    expect(await listTags(teacher)).toEqual([]);
  });

  it("answers 400 naming the id on every endpoint when an id is not an id", async () => {
    const c = teacher.client;
    const calls: Array<[ReturnType<TestClient["get"]>, Record<string, string>]> = [
      [c.get(api("/packages?organisationId=x")), { organisationId: "invalid" }],
      [c.post(packagesOf("x"), { groupId, name: "P", language: "en" }), { orgId: "invalid" }],
      [c.post(packagesOf(orgId), { groupId: "x", name: "P", language: "en" }), { groupId: "invalid" }],
      [c.delete(packagesOf(orgId, "/x")), { packageId: "invalid" }],
      [c.get(tasksOf("x")), { groupId: "invalid" }],
      [c.post(tasksOf("x"), { title: "X" }), { groupId: "invalid" }],
      [c.patch(tasksOf(groupId, "/x"), { title: "X" }), { taskId: "invalid" }],
      [c.delete(tasksOf(groupId, "/x")), { taskId: "invalid" }],
      [c.put(tasksOf("x", "/order"), { ids: [MISSING_ID] }), { groupId: "invalid" }],
      [c.get(tagsOf("x")), { groupId: "invalid" }],
      [c.post(tagsOf("x"), { name: "X" }), { groupId: "invalid" }],
      [c.patch(tagsOf(groupId, "/x"), { name: "X" }), { tagId: "invalid" }],
      [c.delete(tagsOf(groupId, "/x")), { tagId: "invalid" }],
      [c.put(tagsOf("x", "/order"), { ids: [MISSING_ID] }), { groupId: "invalid" }],
    ];
    for (const [pending, fields] of calls) {
      const res = await pending;
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error).toEqual({ code: "validation", message: expect.any(String), fields });
    }
  });

  describe("tasks", () => {
    it("adds tasks at the end as drafts unless published, and shows leaders every task with the group's progress", async () => {
      const id = await populatedGroup("Tasks 1");
      const first = await addTask(teacher, id, { title: "  Week 1: my goal ", instructions: "Write your goal.\n\nSee https://example.org/goals" });
      expect(first).toEqual({
        id: expect.any(String),
        groupId: id,
        title: "Week 1: my goal",
        instructions: "Write your goal.\n\nSee https://example.org/goals",
        position: 0,
        published: false,
        dueAt: null,
        publishedAt: null,
        myState: null,
        progress: { sent: 0, approved: 0, senders: 2 },
        abilities: { update: true, delete: true, report: false },
      });
      const second = await addTask(coLeader, id, { title: "Week 2", published: true, dueAt: "2026-09-14T16:00:00+02:00" });
      expect(second).toMatchObject({ position: 1, published: true, dueAt: "2026-09-14T14:00:00.000Z", publishedAt: t.clock().toISOString(), instructions: "" });
      expect((await listTasks(teacher, id)).map((x) => x.title)).toEqual(["Week 1: my goal", "Week 2"]);
      // A tutor and an administrator outside the group read every task but change none.
      for (const p of [tutor, admin]) {
        const seen = await listTasks(p, id);
        expect(seen.map((x) => x.title), p.name).toEqual(["Week 1: my goal", "Week 2"]);
        expect(seen[0]!.abilities).toEqual({ update: false, delete: false, report: false });
      }
      expect((await listTasks(tutor, id))[0]!.progress).toEqual({ sent: 0, approved: 0, senders: 2 });
      expect((await listTasks(admin, id))[0]!.progress).toBeNull();
      const log = await auditLog(admin, orgId, { action: "task.created" });
      expect(log).toContainEqual(expect.objectContaining({ subjectId: second.id, actor: { id: coLeader.id, name: "Cecilia Co" }, outcome: "success" }));
    });

    it("shows senders the published tasks only, each with their state, and answers a draft like a missing task", async () => {
      const id = await populatedGroup("Tasks 2");
      const draft = await addTask(teacher, id, { title: "Draft" });
      const published = await addTask(teacher, id, { title: "Published", published: true });
      const seen = await listTasks(student, id);
      expect(seen).toEqual([
        expect.objectContaining({ id: published.id, title: "Published", myState: "not_started", progress: null, abilities: { update: false, delete: false, report: true } }),
      ]);
      await expectLikeMissing(student.client, "PATCH", tasksOf(id, `/${draft.id}`), tasksOf(id, `/${MISSING_ID}`), { title: "Mine" });
      const refused = await student.client.patch(tasksOf(id, `/${published.id}`), { title: "Mine" });
      expect(refused.statusCode).toBe(403);
      // Publishing makes the draft appear for senders; unpublishing hides it again.
      expectStatus(await teacher.client.patch(tasksOf(id, `/${draft.id}`), { published: true }), 200);
      expect((await listTasks(student, id)).map((x) => x.title)).toEqual(["Draft", "Published"]);
      expectStatus(await teacher.client.patch(tasksOf(id, `/${draft.id}`), { published: false }), 200);
      expect((await listTasks(student, id)).map((x) => x.title)).toEqual(["Published"]);
    });

    it("lets leaders edit a task; publishing stamps publishedAt once", async () => {
      const id = await populatedGroup("Tasks 3");
      const task = await addTask(teacher, id, { title: "Old", dueAt: "2026-10-01T12:00:00Z" });
      const publishedAt = t.clock().toISOString();
      const edited = expectStatus<{ task: Task }>(
        await coLeader.client.patch(tasksOf(id, `/${task.id}`), { title: "New", instructions: "Line one\nLine two", dueAt: null, published: true }),
        200,
      ).task;
      expect(edited).toMatchObject({ title: "New", instructions: "Line one\nLine two", dueAt: null, published: true, publishedAt });
      t.clock.advance(60_000);
      expectStatus(await teacher.client.patch(tasksOf(id, `/${task.id}`), { published: false }), 200);
      const again = expectStatus<{ task: Task }>(await teacher.client.patch(tasksOf(id, `/${task.id}`), { published: true }), 200).task;
      expect(again.publishedAt).toBe(publishedAt);
      expect((await listTasks(teacher, id))[0]).toEqual(again);
      const log = await auditLog(admin, orgId, { action: "task.updated" });
      expect(log).toContainEqual(expect.objectContaining({ subjectId: task.id, data: { fields: "title,instructions,due_at,is_published,published_at" } }));
    });

    const valid = { title: "Valid" };
    it.each([
      [{}, { title: "required" }],
      [{ title: "  " }, { title: "too_short" }],
      [{ title: "t".repeat(161) }, { title: "too_long" }],
      [{ title: "Bell\u0007" }, { title: "invalid" }],
      [{ ...valid, instructions: "i".repeat(10_001) }, { instructions: "too_long" }],
      [{ ...valid, instructions: "Null\u0000byte" }, { instructions: "invalid" }],
      [{ ...valid, dueAt: "next Friday" }, { dueAt: "invalid" }],
      [{ ...valid, published: "yes" }, { published: "invalid" }],
    ])("answers 400 with the field for %j and changes nothing", async (body, fields) => {
      const task = (await listTasks(teacher)).find((x) => x.title === "Target") ?? (await addTask(teacher, groupId, { title: "Target" }));
      const before = await listTasks(teacher);
      const requests = [teacher.client.post(tasksOf(groupId), body)];
      // The same fields are checked when a task is edited (an empty edit is valid: it changes nothing).
      if (Object.keys(body).length > 0) requests.push(teacher.client.patch(tasksOf(groupId, `/${task.id}`), body));
      for (const res of await Promise.all(requests)) {
        expect(res.statusCode, res.body).toBe(400);
        expect(res.json().error).toMatchObject({ code: "validation", fields });
      }
      expect(await listTasks(teacher)).toEqual(before);
    });

    it(`refuses more than ${MAX_TASKS_PER_GROUP} tasks in a group with 400 title: too_many`, async () => {
      const id = await createGroup(teacher, orgId, { name: "Full of tasks" });
      const now = t.clock().toISOString();
      const rows = Array.from({ length: MAX_TASKS_PER_GROUP }, (_, i) => ({
        id: randomUUID(), organisation_id: orgId, group_id: id, title: `Task ${i}`, instructions: "", position: i,
        is_published: false, due_at: null, published_at: null, created_at: now, updated_at: now,
      }));
      // Written directly: five hundred requests would only make the test slow.
      await t.db.handle.db.insertInto("tasks").values(rows).execute();
      const res = await teacher.client.post(tasksOf(id), { title: "One too many" });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: "validation", fields: { title: "too_many" } });
      expect((await listTasks(teacher, id)).length).toBe(MAX_TASKS_PER_GROUP);
    });

    it("is refused to senders, tutors and an administrator outside the group", async () => {
      const task = await addTask(teacher, groupId, { title: "Guarded", published: true });
      for (const p of [student, tutor, admin]) {
        for (const res of [
          await p.client.post(tasksOf(groupId), { title: "Mine" }),
          await p.client.patch(tasksOf(groupId, `/${task.id}`), { title: "Mine" }),
          await p.client.delete(tasksOf(groupId, `/${task.id}`)),
          await p.client.put(tasksOf(groupId, "/order"), { ids: (await listTasks(teacher)).map((x) => x.id) }),
        ]) {
          expect(res.statusCode, `${p.name}: ${res.body}`).toBe(403);
          expect(res.json().error.code).toBe("forbidden");
        }
      }
      expect((await listTasks(teacher)).find((x) => x.id === task.id)?.title).toBe("Guarded");
      const byTutor = await auditLog(admin, orgId, { actorId: tutor.id });
      expect(byTutor).toContainEqual(expect.objectContaining({ action: "group.manageTasks", outcome: "denied", subjectId: groupId }));
    });

    it("answers another organisation's group, another group's task or a group I am not in exactly like a missing one", async () => {
      const foreignTask = await addTask(outsider, foreignGroupId, { title: "Berg task" });
      const otherTask = await addTask(teacher, otherGroupId, { title: "8A task" });
      const c = teacher.client;
      await expectLikeMissing(c, "GET", tasksOf(foreignGroupId), tasksOf(MISSING_ID));
      await expectLikeMissing(c, "POST", tasksOf(foreignGroupId), tasksOf(MISSING_ID), { title: "X" });
      await expectLikeMissing(c, "PATCH", tasksOf(foreignGroupId, `/${foreignTask.id}`), tasksOf(groupId, `/${MISSING_ID}`), { title: "X" });
      await expectLikeMissing(c, "PATCH", tasksOf(groupId, `/${otherTask.id}`), tasksOf(groupId, `/${MISSING_ID}`), { title: "X" });
      await expectLikeMissing(c, "DELETE", tasksOf(groupId, `/${otherTask.id}`), tasksOf(groupId, `/${MISSING_ID}`));
      await expectLikeMissing(orgMember.client, "GET", tasksOf(groupId), tasksOf(MISSING_ID));
      await expectLikeMissing(tutor.client, "GET", tasksOf(otherGroupId), tasksOf(MISSING_ID));
      expect((await listTasks(outsider, foreignGroupId)).map((x) => x.title)).toEqual(["Berg task"]);
      expect((await listTasks(teacher, otherGroupId)).map((x) => x.title)).toEqual(["8A task"]);
    });

    it("deletes a task, and the rest keep their order", async () => {
      const id = await populatedGroup("Tasks 4");
      const [a, b, c] = [await addTask(teacher, id, { title: "A" }), await addTask(teacher, id, { title: "B" }), await addTask(teacher, id, { title: "C" })];
      const res = await coLeader.client.delete(tasksOf(id, `/${b.id}`));
      expect(res.statusCode, res.body).toBe(204);
      expect((await listTasks(teacher, id)).map((x) => x.id)).toEqual([a.id, c.id]);
      expect((await teacher.client.delete(tasksOf(id, `/${b.id}`))).statusCode).toBe(404);
      expect(await auditLog(admin, orgId, { action: "task.deleted" })).toContainEqual(expect.objectContaining({ subjectId: b.id, outcome: "success" }));
    });

    it("puts tasks in a new order, which must list every task exactly once", async () => {
      const id = await populatedGroup("Tasks 5");
      const [a, b, c] = [await addTask(teacher, id, { title: "A" }), await addTask(teacher, id, { title: "B" }), await addTask(teacher, id, { title: "C", published: true })];
      const ordered = expectStatus<{ tasks: Task[] }>(await coLeader.client.put(tasksOf(id, "/order"), { ids: [c.id, a.id, b.id] }), 200).tasks;
      expect(ordered.map((x) => [x.title, x.position])).toEqual([["C", 0], ["A", 1], ["B", 2]]);
      expect((await listTasks(teacher, id)).map((x) => x.title)).toEqual(["C", "A", "B"]);
      const other = await addTask(teacher, otherGroupId, { title: "Elsewhere" });
      for (const ids of [[c.id, a.id], [c.id, a.id, b.id, b.id], [c.id, a.id, other.id], [c.id, a.id, b.id, MISSING_ID]]) {
        const res = await teacher.client.put(tasksOf(id, "/order"), { ids });
        expect(res.statusCode, JSON.stringify(ids)).toBe(400);
        expect(res.json().error).toMatchObject({ code: "validation", fields: { ids: "invalid_value" } });
      }
      for (const [body, fields] of [[{ ids: [] }, { ids: "too_short" }], [{}, { ids: "required" }], [{ ids: ["x"] }, { "ids.0": "invalid" }]] as const) {
        const res = await teacher.client.put(tasksOf(id, "/order"), body);
        expect(res.statusCode).toBe(400);
        expect(res.json().error.fields).toEqual(fields);
      }
      expect((await listTasks(teacher, id)).map((x) => x.title)).toEqual(["C", "A", "B"]);
      // A new task still goes last.
      expect((await addTask(teacher, id, { title: "D" })).position).toBe(3);
    });

    it("makes an inactive group's tasks read-only, and hides them from its members", async () => {
      const id = await populatedGroup("Tasks 6");
      const task = await addTask(teacher, id, { title: "Before", published: true });
      expectStatus(await teacher.client.post(api(`/groups/${id}/inactivate`)), 200);
      const seen = await listTasks(teacher, id);
      expect(seen.map((x) => [x.title, x.abilities.update])).toEqual([["Before", false]]);
      expect((await teacher.client.patch(tasksOf(id, `/${task.id}`), { title: "After" })).statusCode).toBe(403);
      expect((await teacher.client.post(tasksOf(id), { title: "New" })).statusCode).toBe(403);
      for (const p of [student, coLeader]) expect((await p.client.get(tasksOf(id))).statusCode).toBe(404);
    });
  });

  describe("tags", () => {
    it("adds tags at the end with an optional colour; senders are not offered archived ones", async () => {
      const id = await populatedGroup("Tags 1");
      const took = await addTag(teacher, id, { name: " Took initiative ", colour: "orange" });
      expect(took).toEqual({
        id: expect.any(String), groupId: id, name: "Took initiative", colour: "orange", position: 0, archived: false, usage: 0,
        abilities: { update: true, delete: true },
      });
      const plain = await addTag(coLeader, id, { name: "Plain" });
      expect(plain).toMatchObject({ colour: null, position: 1 });
      const archived = expectStatus<{ tag: Tag }>(await teacher.client.patch(tagsOf(id, `/${plain.id}`), { archived: true, colour: "blue", name: "Old" }), 200).tag;
      expect(archived).toMatchObject({ name: "Old", colour: "blue", archived: true });
      expect((await listTags(teacher, id)).map((x) => x.name)).toEqual(["Took initiative"]);
      expect((await listTags(teacher, id, true)).map((x) => x.name)).toEqual(["Took initiative", "Old"]);
      expect((await listTags(tutor, id, true)).map((x) => x.name)).toEqual(["Took initiative", "Old"]);
      const forSender = await listTags(student, id, true);
      expect(forSender).toEqual([{ ...took, usage: null, abilities: { update: false, delete: false } }]);
      // Restored, it is offered again; a colour can be taken away.
      expectStatus(await teacher.client.patch(tagsOf(id, `/${plain.id}`), { archived: false, colour: null }), 200);
      expect((await listTags(student, id)).map((x) => [x.name, x.colour])).toEqual([["Took initiative", "orange"], ["Old", null]]);
      expect(await auditLog(admin, orgId, { action: "tag.updated" })).toContainEqual(
        expect.objectContaining({ subjectId: plain.id, data: { fields: "name,colour,is_archived" } }),
      );
    });

    it.each([
      [{}, { name: "required" }],
      [{ name: " " }, { name: "too_short" }],
      [{ name: "n".repeat(61) }, { name: "too_long" }],
      [{ name: "Line\nbreak" }, { name: "invalid" }],
      [{ name: "Red", colour: "#ff0000" }, { colour: "invalid_value" }],
      [{ name: "Red", archived: "yes" }, { archived: "invalid" }],
    ])("answers 400 with the field for %j and changes nothing", async (body, fields) => {
      const before = await listTags(teacher, groupId, true);
      const tag = before[0] ?? (await addTag(teacher, groupId, { name: "Target" }));
      const requests = "archived" in body ? [teacher.client.patch(tagsOf(groupId, `/${tag.id}`), body)] : [teacher.client.post(tagsOf(groupId), body)];
      if ("name" in body && !("archived" in body)) requests.push(teacher.client.patch(tagsOf(groupId, `/${tag.id}`), body));
      for (const res of await Promise.all(requests)) {
        expect(res.statusCode, res.body).toBe(400);
        expect(res.json().error).toMatchObject({ code: "validation", fields });
      }
      expect((await listTags(teacher, groupId, true)).find((x) => x.id === tag.id)).toEqual(tag);
    });

    it(`refuses more than ${MAX_TAGS_PER_GROUP} tags in a group with 400 name: too_many`, async () => {
      const id = await createGroup(teacher, orgId, { name: "Full of tags" });
      const now = t.clock().toISOString();
      const rows = Array.from({ length: MAX_TAGS_PER_GROUP }, (_, i) => ({
        id: randomUUID(), organisation_id: orgId, group_id: id, name: `Tag ${i}`, colour: null, position: i, is_archived: i % 2 === 0, created_at: now,
      }));
      await t.db.handle.db.insertInto("tags").values(rows).execute();
      const res = await teacher.client.post(tagsOf(id), { name: "One too many" });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: "validation", fields: { name: "too_many" } });
    });

    it("is refused to senders, tutors and an administrator outside the group", async () => {
      const tag = await addTag(teacher, groupId, { name: "Guarded" });
      for (const p of [student, tutor, admin]) {
        for (const res of [
          await p.client.post(tagsOf(groupId), { name: "Mine" }),
          await p.client.patch(tagsOf(groupId, `/${tag.id}`), { name: "Mine" }),
          await p.client.delete(tagsOf(groupId, `/${tag.id}`)),
          await p.client.put(tagsOf(groupId, "/order"), { ids: (await listTags(teacher, groupId, true)).map((x) => x.id) }),
        ]) {
          expect(res.statusCode, `${p.name}: ${res.body}`).toBe(403);
        }
      }
      expect((await listTags(teacher)).find((x) => x.id === tag.id)?.name).toBe("Guarded");
    });

    it("answers another organisation's tag, another group's tag or an archived tag for a sender exactly like a missing one", async () => {
      const foreignTag = await addTag(outsider, foreignGroupId, { name: "Berg" });
      const otherTag = await addTag(teacher, otherGroupId, { name: "8A tag" });
      const c = teacher.client;
      await expectLikeMissing(c, "GET", tagsOf(foreignGroupId), tagsOf(MISSING_ID));
      await expectLikeMissing(c, "POST", tagsOf(foreignGroupId), tagsOf(MISSING_ID), { name: "X" });
      await expectLikeMissing(c, "PATCH", tagsOf(foreignGroupId, `/${foreignTag.id}`), tagsOf(groupId, `/${MISSING_ID}`), { name: "X" });
      await expectLikeMissing(c, "PATCH", tagsOf(groupId, `/${otherTag.id}`), tagsOf(groupId, `/${MISSING_ID}`), { name: "X" });
      await expectLikeMissing(c, "DELETE", tagsOf(groupId, `/${otherTag.id}`), tagsOf(groupId, `/${MISSING_ID}`));
      const archived = await addTag(teacher, groupId, { name: "Archived" });
      expectStatus(await c.patch(tagsOf(groupId, `/${archived.id}`), { archived: true }), 200);
      await expectLikeMissing(student.client, "PATCH", tagsOf(groupId, `/${archived.id}`), tagsOf(groupId, `/${MISSING_ID}`), { name: "X" });
      expect((await listTags(outsider, foreignGroupId)).map((x) => x.name)).toEqual(["Berg"]);
    });

    it("deletes a tag no loop carries, and orders tags (archived ones too) by a complete list", async () => {
      const id = await populatedGroup("Tags 2");
      const [a, b, c] = [await addTag(teacher, id, { name: "A" }), await addTag(teacher, id, { name: "B" }), await addTag(teacher, id, { name: "C" })];
      expectStatus(await teacher.client.patch(tagsOf(id, `/${b.id}`), { archived: true }), 200);
      const partial = await teacher.client.put(tagsOf(id, "/order"), { ids: [c.id, a.id] });
      expect(partial.json().error).toMatchObject({ code: "validation", fields: { ids: "invalid_value" } });
      const ordered = expectStatus<{ tags: Tag[] }>(await coLeader.client.put(tagsOf(id, "/order"), { ids: [c.id, b.id, a.id] }), 200).tags;
      expect(ordered.map((x) => [x.name, x.position, x.archived])).toEqual([["C", 0, false], ["B", 1, true], ["A", 2, false]]);
      expect((await listTags(student, id)).map((x) => x.name)).toEqual(["C", "A"]);
      expect((await coLeader.client.delete(tagsOf(id, `/${a.id}`))).statusCode).toBe(204);
      expect((await listTags(teacher, id, true)).map((x) => x.name)).toEqual(["C", "B"]);
      expect(await auditLog(admin, orgId, { action: "tag.deleted" })).toContainEqual(expect.objectContaining({ subjectId: a.id }));
    });
  });

  describe("content packages", () => {
    it("lists the built-in library: at least three packages, each in English and Swedish, with complete content", async () => {
      const all = (await listPackages(student.client)).filter((p) => p.source === "builtin");
      const slugs = [...new Set(all.map((p) => p.id.split(":")[1]))];
      expect(slugs.length).toBeGreaterThanOrEqual(3);
      for (const slug of slugs) {
        const [en, sv] = (["en", "sv"] as const).map((lang) => all.find((p) => p.id === `builtin:${slug}:${lang}`)!);
        for (const p of [en!, sv!]) {
          expect(p, `${slug}`).toMatchObject({ source: "builtin", organisationId: null, abilities: { delete: false } });
          expect(PackageContent.parse(p.content)).toEqual(p.content);
          expect(p.content.tasks.length).toBeGreaterThanOrEqual(6);
          expect(p.content.tags.length).toBeGreaterThanOrEqual(6);
          expect(p.content.roleTitles).not.toBeNull();
          expect(p.description.length).toBeGreaterThan(40);
        }
        // The two languages are the same package: as many tasks and tags, the same colours.
        expect(sv!.content.tasks.length).toBe(en!.content.tasks.length);
        expect(sv!.content.tags.map((x) => x.colour)).toEqual(en!.content.tags.map((x) => x.colour));
        expect(sv!.name).not.toBe(en!.name);
      }
      const entrepreneurial = all.find((p) => p.id === "builtin:entrepreneurial-learning:sv")!;
      expect(entrepreneurial.content.tags.map((x) => x.name)).toEqual(expect.arrayContaining(["Tog initiativ", "Lämnade min trygghetszon", "Samarbetade"]));
      const swedish = await listPackages(student.client, "?language=sv");
      expect(swedish.length).toBe(all.length / 2);
      expect(swedish.every((p) => p.language === "sv")).toBe(true);
    });

    it("creates a group from a library package: tasks as drafts in order, tags, and the package's role titles", async () => {
      const pkg = (await listPackages(teacher.client)).find((p) => p.id === "builtin:workplace-onboarding:en")!;
      const res = await teacher.client.post(api(`/organisations/${orgId}/groups`), { name: "New staff", type: "hierarchical", hasStudentMembers: false, packageId: pkg.id });
      const group = expectStatus<{ group: { id: string; roleTitles: unknown } }>(res, 201).group;
      expect(group.roleTitles).toEqual({ leader: { en: "Mentor", sv: "Handledare" }, sender: { en: "Newcomer", sv: "Nyanställd" } });
      const tasks = await listTasks(teacher, group.id);
      expect(tasks.map((x) => [x.title, x.instructions, x.published, x.position])).toEqual(pkg.content.tasks.map((x, i) => [x.title, x.instructions, false, i]));
      expect((await listTags(teacher, group.id)).map((x) => ({ name: x.name, colour: x.colour }))).toEqual(pkg.content.tags);
      // Chosen titles win over the package's.
      const chosen = { leader: { en: "Coach", sv: "Coach" }, sender: { en: "Trainee", sv: "Praktikant" } };
      const withTitles = await teacher.client.post(api(`/organisations/${orgId}/groups`), {
        name: "Trainees", type: "flat", hasStudentMembers: false, packageId: "builtin:reflection-on-learning:sv", roleTitles: chosen,
      });
      expect(expectStatus(withTitles, 201).group.roleTitles).toEqual(chosen);
      expect(await auditLog(admin, orgId, { action: "group.package_copied" })).toContainEqual(
        expect.objectContaining({ subjectId: group.id, data: { packageId: pkg.id, tasks: pkg.content.tasks.length, tags: pkg.content.tags.length } }),
      );
    });

    it("refuses an unknown or another organisation's package with 400 packageId, creating nothing", async () => {
      const foreign = expectStatus<{ package: ContentPackage }>(
        await outsider.client.post(packagesOf(otherOrgId), { groupId: foreignGroupId, name: "Berg package", language: "sv" }),
        201,
      ).package;
      const before = (expectStatus<{ groups: unknown[] }>(await teacher.client.get(api("/groups")), 200)).groups.length;
      for (const [packageId, problem] of [[foreign.id, "invalid_value"], [MISSING_ID, "invalid_value"], ["builtin:nothing-here:en", "invalid_value"], ["<script>", "invalid"]]) {
        const res = await teacher.client.post(api(`/organisations/${orgId}/groups`), { name: "From nowhere", type: "flat", hasStudentMembers: false, packageId });
        expect(res.statusCode, packageId).toBe(400);
        expect(res.json().error).toMatchObject({ code: "validation", fields: { packageId: problem } });
      }
      expect((expectStatus<{ groups: unknown[] }>(await teacher.client.get(api("/groups")), 200)).groups.length).toBe(before);
    });

    it("saves a group's tasks, tags that are not archived and role titles as a package, and a colleague makes a group from it", async () => {
      const id = await populatedGroup("Source");
      await addTask(teacher, id, { title: "First", instructions: "Do this.\n\nThen that." });
      await addTask(teacher, id, { title: "Second", published: true });
      await addTag(teacher, id, { name: "Kept", colour: "green" });
      const gone = await addTag(teacher, id, { name: "Archived" });
      expectStatus(await teacher.client.patch(tagsOf(id, `/${gone.id}`), { archived: true }), 200);
      const res = await coLeader.client.post(packagesOf(orgId), { groupId: id, name: " Year 7 reflections ", description: "Our term plan", language: "en" });
      const saved = expectStatus<{ package: ContentPackage }>(res, 201).package;
      expect(saved).toEqual({
        id: expect.any(String),
        source: "organisation",
        organisationId: orgId,
        language: "en",
        name: "Year 7 reflections",
        description: "Our term plan",
        content: {
          tasks: [{ title: "First", instructions: "Do this.\n\nThen that." }, { title: "Second", instructions: "" }],
          tags: [{ name: "Kept", colour: "green" }],
          roleTitles: { leader: { en: "Teacher", sv: "Lärare" }, sender: { en: "Student", sv: "Elev" } },
        },
        abilities: { delete: true },
      });
      // Members of the organisation see it; others are told the organisation does not exist for them.
      expect((await listPackages(orgMember.client, `?organisationId=${orgId}`)).find((p) => p.id === saved.id)).toEqual({ ...saved, abilities: { delete: false } });
      expect((await listPackages(admin.client, `?organisationId=${orgId}&language=en`)).find((p) => p.id === saved.id)?.abilities).toEqual({ delete: true });
      expect((await listPackages(teacher.client, `?organisationId=${orgId}&language=sv`)).find((p) => p.id === saved.id)).toBeUndefined();
      expect((await listPackages(teacher.client)).find((p) => p.id === saved.id)).toBeUndefined();
      for (const p of [outsider, tutor]) {
        await expectLikeMissing(p.client, "GET", api(`/packages?organisationId=${orgId}`), api(`/packages?organisationId=${MISSING_ID}`));
      }
      const copy = expectStatus<{ group: { id: string } }>(
        await admin.client.post(api(`/organisations/${orgId}/groups`), { name: "Copy", type: "hierarchical", hasStudentMembers: true, packageId: saved.id }),
        201,
      ).group;
      expect((await listTasks(admin, copy.id)).map((x) => [x.title, x.published])).toEqual([["First", false], ["Second", false]]);
      expect((await listTags(admin, copy.id, true)).map((x) => x.name)).toEqual(["Kept"]);
      expect(await auditLog(admin, orgId, { action: "package.created" })).toContainEqual(
        expect.objectContaining({ subjectId: saved.id, actor: { id: coLeader.id, name: "Cecilia Co" }, data: { groupId: id, tasks: 2, tags: 1 } }),
      );
    });

    it("lets only those who manage the group's tasks save it as a package", async () => {
      const body = { groupId, name: "Attempt", language: "sv" };
      for (const p of [student, admin]) {
        const res = await p.client.post(packagesOf(orgId), body);
        expect(res.statusCode, p.name).toBe(403);
      }
      // A group the actor cannot see, or of another organisation, is no group of this organisation.
      for (const [p, gid] of [[orgMember, groupId], [teacher, foreignGroupId], [teacher, MISSING_ID]] as const) {
        const res = await p.client.post(packagesOf(orgId), { ...body, groupId: gid });
        expect(res.statusCode, p.name).toBe(400);
        expect(res.json().error).toMatchObject({ code: "validation", fields: { groupId: "invalid_value" } });
      }
      await expectLikeMissing(tutor.client, "POST", packagesOf(orgId), packagesOf(MISSING_ID), body);
      await expectLikeMissing(teacher.client, "POST", packagesOf(otherOrgId), packagesOf(MISSING_ID), body);
      for (const [b, fields] of [
        [{ groupId, language: "en" }, { name: "required" }],
        [{ groupId, name: "n".repeat(121), language: "en" }, { name: "too_long" }],
        [{ groupId, name: "P", language: "de" }, { language: "invalid_value" }],
        [{ groupId, name: "P", language: "en", description: "d".repeat(2001) }, { description: "too_long" }],
        [{ name: "P", language: "en" }, { groupId: "required" }],
      ] as const) {
        const res = await teacher.client.post(packagesOf(orgId), b);
        expect(res.statusCode, JSON.stringify(b)).toBe(400);
        expect(res.json().error.fields).toEqual(fields);
      }
      expect((await listPackages(teacher.client, `?organisationId=${orgId}`)).filter((p) => p.name === "Attempt")).toEqual([]);
    });

    it("lets a package's creator or an organisation administrator delete it, and nobody else", async () => {
      const save = async () =>
        expectStatus<{ package: ContentPackage }>(await teacher.client.post(packagesOf(orgId), { groupId, name: "Disposable", language: "en" }), 201).package;
      const first = await save();
      for (const p of [coLeader, student, orgMember]) {
        const res = await p.client.delete(packagesOf(orgId, `/${first.id}`));
        expect(res.statusCode, p.name).toBe(403);
      }
      await expectLikeMissing(outsider.client, "DELETE", packagesOf(orgId, `/${first.id}`), packagesOf(orgId, `/${MISSING_ID}`));
      await expectLikeMissing(tutor.client, "DELETE", packagesOf(orgId, `/${first.id}`), packagesOf(orgId, `/${MISSING_ID}`));
      await expectLikeMissing(teacher.client, "DELETE", packagesOf(otherOrgId, `/${first.id}`), packagesOf(orgId, `/${MISSING_ID}`));
      expect((await teacher.client.delete(packagesOf(orgId, `/${first.id}`))).statusCode).toBe(204);
      const second = await save();
      expect((await admin.client.delete(packagesOf(orgId, `/${second.id}`))).statusCode).toBe(204);
      const left = (await listPackages(teacher.client, `?organisationId=${orgId}`)).map((p) => p.id);
      expect(left).not.toContain(first.id);
      expect(left).not.toContain(second.id);
      expect(await auditLog(admin, orgId, { action: "package.deleted" })).toContainEqual(expect.objectContaining({ subjectId: second.id, actor: { id: admin.id, name: "Astrid Admin" } }));
    });
  });

  // These need the loops module's POST /groups/:groupId/loops.
  describe("with loops", () => {
    it("shows a sender their state and leaders the group's progress once reports are sent", async () => {
      const id = await populatedGroup("Progress");
      const task = await addTask(teacher, id, { title: "Report on this", published: true });
      await addTask(teacher, id, { title: "Not yet", published: true });
      await sendReport(student, id, task.id);
      expect((await listTasks(student, id)).map((x) => [x.title, x.myState])).toEqual([["Report on this", "sent"], ["Not yet", "not_started"]]);
      expect((await listTasks(student2, id)).map((x) => x.myState)).toEqual(["not_started", "not_started"]);
      const forLeader = await listTasks(teacher, id);
      expect(forLeader.map((x) => x.progress)).toEqual([{ sent: 1, approved: 0, senders: 2 }, { sent: 0, approved: 0, senders: 2 }]);
      expect(forLeader.map((x) => x.abilities.delete)).toEqual([false, true]);
    });

    it("refuses to delete a task with reports or a tag a loop carries (409 in_use), and they can be unpublished and archived instead", async () => {
      const id = await populatedGroup("In use");
      const task = await addTask(teacher, id, { title: "Reported", published: true });
      const tag = await addTag(teacher, id, { name: "Carried" });
      await sendReport(student, id, task.id, [tag.id]);
      const taskRes = await teacher.client.delete(tasksOf(id, `/${task.id}`));
      expect(taskRes.statusCode).toBe(409);
      expect(taskRes.json().error.code).toBe("in_use");
      const tagRes = await teacher.client.delete(tagsOf(id, `/${tag.id}`));
      expect(tagRes.statusCode).toBe(409);
      expect(tagRes.json().error.code).toBe("in_use");
      expect((await listTags(teacher, id))[0]).toMatchObject({ usage: 1, abilities: { update: true, delete: false } });
      expectStatus(await teacher.client.patch(tasksOf(id, `/${task.id}`), { published: false }), 200);
      expectStatus(await teacher.client.patch(tagsOf(id, `/${tag.id}`), { archived: true }), 200);
      expect(await listTasks(student, id)).toEqual([]);
      expect(await listTags(student, id)).toEqual([]);
      expect((await listTags(teacher, id, true)).map((x) => [x.name, x.usage])).toEqual([["Carried", 1]]);
    });
  });
});
