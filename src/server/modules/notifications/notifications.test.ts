import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.js";
import {
  createGroup,
  createOrganisation,
  enableLeaderCode,
  expectLikeMissing,
  expectStatus,
  groupCodes,
  inviteToGroup,
  join,
  makeGroupCreator,
  MISSING_ID,
  register,
  uniqueEmail,
  type Person,
} from "../../../../test/helpers/world.js";
import { addTutor, sendLoop, setupClass, type Class } from "../../../../test/helpers/loops.js";
import { DEFAULT_DELIVERY, type FeedItem, type FeedPage, type NotificationKind, type NotificationPreferences } from "../../../shared/schemas/notifications.js";

let t: TestApp;
const api = (rest: string) => `/api/v1${rest}`;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

const feedPage = async (p: Person, query: Record<string, string> = {}) =>
  expectStatus<FeedPage>(await p.client.get(api(`/feed?${new URLSearchParams(query).toString()}`)), 200);
/** Every item of p's feed (all pages), newest first. */
async function feedOf(p: Person): Promise<FeedItem[]> {
  const items: FeedItem[] = [];
  let cursor: string | null = null;
  do {
    const page: FeedPage = await feedPage(p, { limit: "50", ...(cursor ? { cursor } : {}) });
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}
/** p's items of one kind about one thing (its link). */
const itemsAbout = async (p: Person, kind: NotificationKind, link: string) => (await feedOf(p)).filter((i) => i.kind === kind && i.link === link);
const unread = async (p: Person) => expectStatus<{ count: number }>(await p.client.get(api("/feed/unread-count")), 200).count;
/** Who of `people` has an item of `kind` leading to `link`. */
async function whoHeard(people: Record<string, Person>, kind: NotificationKind, link: string): Promise<string[]> {
  const heard: string[] = [];
  for (const [name, p] of Object.entries(people)) if ((await itemsAbout(p, kind, link)).length > 0) heard.push(name);
  return heard.sort();
}
const rowsAbout = (column: "loop_id" | "task_id", id: string) =>
  t.db.handle.db.selectFrom("notifications").selectAll().where(column, "=", id).execute();

async function joinAsLeader(c: Class, name: string): Promise<Person> {
  const p = await register(t, name);
  await join(p, await enableLeaderCode(c.teacher, c.groupId));
  return p;
}
async function joinAsSender(c: Class, name: string): Promise<Person> {
  const p = await register(t, name);
  await join(p, (await groupCodes(c.teacher, c.groupId)).sender!);
  return p;
}
/** A class of two students with a second leader, a leader still in it (to leave when a test says) and a tutor. */
async function classWithLeaders() {
  const c = await setupClass(t, { students: 2 });
  const [s1, s2] = c.students as [Person, Person];
  const coLeader = await joinAsLeader(c, "Cora Colead");
  const leaver = await joinAsLeader(c, "Leo Leaver");
  const tutor = await register(t, "Tuva Tutor");
  await addTutor(t, c.teacher, c.groupId, tutor);
  return { c, s1, s2, coLeader, leaver, tutor };
}
const comment = async (p: Person, loopId: string, text = "A comment.") =>
  expectStatus<{ comment: { id: string } }>(await p.client.post(api(`/loops/${loopId}/comments`), { text }), 201).comment;

beforeAll(async () => {
  t = await createTestApp({ rateLimits: { postPerUser: { points: 100_000, windowSeconds: 60 } } });
});
afterAll(async () => {
  await t?.close();
});

describe("feed and notification preferences", () => {
  it("should require authentication", async () => {
    const visitor = t.client();
    for (const [method, url] of [
      ["GET", "/feed"],
      ["GET", "/feed/unread-count"],
      ["POST", `/feed/${MISSING_ID}/read`],
      ["POST", "/feed/read-all"],
      ["GET", "/me/notification-preferences"],
      ["PUT", "/me/notification-preferences"],
    ] as const) {
      const res = await visitor.request(method, api(url), method === "PUT" ? { preferences: {} } : undefined);
      expect(res.statusCode, `${method} ${url}`).toBe(401);
      expect(res.json().error.code).toBe("unauthenticated");
    }
  });

  describe("loop_created", () => {
    it("should tell the group's leaders and tutors, not the sender, another sender, another group's teacher or a leader who left", async () => {
      const { c, s1, s2, coLeader, leaver, tutor } = await classWithLeaders();
      expectStatus(await leaver.client.post(api(`/groups/${c.groupId}/leave`)), 204);
      const other = await setupClass(t, { students: 1, name: "8A", orgName: "Bergskolan" });
      const report = await sendLoop(s1, c.groupId, { taskId: c.tasks[0]!.id });
      const link = `/loops/${report.id}`;
      const everyone = { teacher: c.teacher, coLeader, tutor, s1, s2, leaver, otherTeacher: other.teacher, otherStudent: other.students[0]! };
      expect(await whoHeard(everyone, "loop_created", link)).toEqual(["coLeader", "teacher", "tutor"]);
      const [item] = await itemsAbout(c.teacher, "loop_created", link);
      expect(item).toEqual({
        id: expect.any(String),
        kind: "loop_created",
        at: t.clock().toISOString(),
        read: false,
        organisationId: c.orgId,
        organisationName: "Solskolan",
        groupId: c.groupId,
        groupName: "7B",
        actor: { id: s1.id, name: s1.name, pictureUrl: null },
        // A report names its task (leader-written); never the loop's own text.
        title: c.tasks[0]!.title,
        link,
      });
    });

    it("should tell every other member of a flat group", async () => {
      const g = await setupClass(t, { type: "flat", students: 2, name: "Peers" });
      const [a, b] = g.students as [Person, Person];
      const loop = await sendLoop(a, g.groupId);
      expect(await whoHeard({ owner: g.teacher, a, b }, "loop_created", `/loops/${loop.id}`)).toEqual(["b", "owner"]);
    });

    it("should not name the sender of an anonymous loop, nor tell its time, anywhere in the feed", async () => {
      const c = await setupClass(t, { students: 1 });
      const hidden = await joinAsSender(c, "Hedda Hemlig");
      t.clock.advance(5 * 3600_000 + 17 * 60_000);
      const loop = await sendLoop(hidden, c.groupId, { anonymous: true, text: "whisper" });
      const link = `/loops/${loop.id}`;
      const [item] = await itemsAbout(c.teacher, "loop_created", link);
      expect(item).toMatchObject({ actor: null, at: t.clock().toISOString().slice(0, 10), title: null, link });
      expect(item!.at).toMatch(DATE_ONLY);
      const whole = (await c.teacher.client.get(api("/feed"))).body;
      for (const trace of [hidden.id, hidden.name, hidden.email]) expect(whole).not.toContain(trace);
      // Stored without an actor, at the start of the day: nothing in the row points at the sender.
      const rows = await rowsAbout("loop_id", loop.id);
      expect(rows.map((r) => [r.user_id, r.actor_id, r.created_at])).toEqual([[c.teacher.id, null, `${t.clock().toISOString().slice(0, 10)}T00:00:00.000Z`]]);
      expect(await itemsAbout(hidden, "loop_created", link)).toEqual([]);
    });
  });

  describe("comment_created", () => {
    it("should tell the thread's participants who may still read the loop, not the commenter nor leaders who never wrote in it", async () => {
      const { c, s1, s2, coLeader, leaver, tutor } = await classWithLeaders();
      const loop = await sendLoop(s1, c.groupId);
      const link = `/loops/${loop.id}`;
      const everyone = { teacher: c.teacher, coLeader, leaver, tutor, s1, s2 };
      // The teacher answers: the sender takes part in their own thread.
      await comment(c.teacher, loop.id, "Well done.");
      expect(await whoHeard(everyone, "comment_created", link)).toEqual(["s1"]);
      const [first] = await itemsAbout(s1, "comment_created", link);
      expect(first).toMatchObject({ actor: { id: c.teacher.id, name: c.teacher.name }, title: null, groupName: "7B" });
      // A leader writes, then leaves the group: they no longer read the loop, so they hear nothing more.
      await comment(leaver, loop.id, "Agreed.");
      expectStatus(await leaver.client.post(api(`/groups/${c.groupId}/leave`)), 204);
      await comment(s1, loop.id, "Thank you!");
      const replies = Object.fromEntries(await Promise.all(Object.entries(everyone).map(async ([k, p]) => [k, (await itemsAbout(p, "comment_created", link)).length])));
      // The teacher heard of the leader's comment and of the reply; the sender of both comments by others.
      expect(replies).toEqual({ teacher: 2, coLeader: 0, leaver: 0, tutor: 0, s1: 2, s2: 0 });
    });

    it("should not name the anonymous sender commenting on their own loop, nor tell the time", async () => {
      const c = await setupClass(t, { students: 1 });
      const hidden = await joinAsSender(c, "Hedda Hemlig");
      const loop = await sendLoop(hidden, c.groupId, { anonymous: true });
      await comment(c.teacher, loop.id, "Tell me more?");
      // The sender hears of the teacher's answer like anyone (their own loop, nothing hidden from them).
      expect(await itemsAbout(hidden, "comment_created", `/loops/${loop.id}`)).toMatchObject([{ actor: { id: c.teacher.id } }]);
      t.clock.advance(3 * 3600_000 + 7 * 60_000);
      await comment(hidden, loop.id, "Here is more.");
      const [item] = await itemsAbout(c.teacher, "comment_created", `/loops/${loop.id}`);
      expect(item).toMatchObject({ actor: null, at: t.clock().toISOString().slice(0, 10) });
      const whole = (await c.teacher.client.get(api("/feed"))).body;
      for (const trace of [hidden.id, hidden.name, hidden.email]) expect(whole).not.toContain(trace);
      const rows = (await rowsAbout("loop_id", loop.id)).filter((r) => r.kind === "comment_created" && r.user_id === c.teacher.id);
      expect(rows.map((r) => [r.actor_id, r.created_at])).toEqual([[null, `${t.clock().toISOString().slice(0, 10)}T00:00:00.000Z`]]);
    });
  });

  describe("loop_approved", () => {
    it("should tell the sender once when a report is approved, not when the approval is withdrawn", async () => {
      const c = await setupClass(t, { students: 2 });
      const [s1, s2] = c.students as [Person, Person];
      const report = await sendLoop(s1, c.groupId, { taskId: c.tasks[1]!.id });
      const link = `/loops/${report.id}`;
      expectStatus(await c.teacher.client.post(api(`/loops/${report.id}/approve`), {}), 200);
      expectStatus(await c.teacher.client.delete(api(`/loops/${report.id}/approve`)), 200);
      expect(await whoHeard({ teacher: c.teacher, s1, s2 }, "loop_approved", link)).toEqual(["s1"]);
      expect(await itemsAbout(s1, "loop_approved", link)).toMatchObject([{ actor: { id: c.teacher.id }, title: c.tasks[1]!.title }]);
      // Approved again with a comment: one approval item, and the comment is no second item for the sender.
      expectStatus(await c.teacher.client.post(api(`/loops/${report.id}/approve`), { comment: "Great work." }), 200);
      expect(await itemsAbout(s1, "loop_approved", link)).toHaveLength(2);
      expect(await itemsAbout(s1, "comment_created", link)).toEqual([]);
    });
  });

  describe("task_published", () => {
    it("should tell the group's senders when a task is first published, not its leaders or tutors, nor twice", async () => {
      const { c, s1, s2, coLeader, tutor } = await classWithLeaders();
      const people = { teacher: c.teacher, coLeader, tutor, s1, s2 };
      const link = `/groups/${c.groupId}/tasks`;
      const before = await Promise.all([s1, s2].map(async (s) => (await itemsAbout(s, "task_published", link)).length));
      expect(before).toEqual([2, 2]); // setupClass's two published tasks
      const published = expectStatus(await c.teacher.client.post(api(`/groups/${c.groupId}/tasks`), { title: "Published at once", published: true }), 201).task;
      const draft = expectStatus(await c.teacher.client.post(api(`/groups/${c.groupId}/tasks`), { title: "Drafted", published: false }), 201).task;
      expect((await rowsAbout("task_id", published.id)).map((r) => r.user_id).sort()).toEqual([s1.id, s2.id].sort());
      expect(await rowsAbout("task_id", draft.id)).toEqual([]);
      expectStatus(await coLeader.client.patch(api(`/groups/${c.groupId}/tasks/${draft.id}`), { published: true }), 200);
      const rows = await rowsAbout("task_id", draft.id);
      expect(rows.map((r) => r.user_id).sort()).toEqual([s1.id, s2.id].sort());
      expect(rows.every((r) => r.actor_id === coLeader.id && r.title === "Drafted")).toBe(true);
      // Unpublished and published again: the senders were told already.
      expectStatus(await coLeader.client.patch(api(`/groups/${c.groupId}/tasks/${draft.id}`), { published: false }), 200);
      expectStatus(await coLeader.client.patch(api(`/groups/${c.groupId}/tasks/${draft.id}`), { published: true }), 200);
      expect(await rowsAbout("task_id", draft.id)).toHaveLength(2);
      expect(await whoHeard(people, "task_published", link)).toEqual(["s1", "s2"]);
      expect((await itemsAbout(s1, "task_published", link)).find((i) => i.title === "Drafted")).toMatchObject({ actor: { id: coLeader.id }, groupName: "7B" });
    });

    it("should tell every other member of a flat group", async () => {
      const g = await setupClass(t, { type: "flat", students: 2, name: "Peers" });
      const task = expectStatus(await g.teacher.client.post(api(`/groups/${g.groupId}/tasks`), { title: "For all", published: true }), 201).task;
      expect((await rowsAbout("task_id", task.id)).map((r) => r.user_id).sort()).toEqual(g.students.map((s) => s.id).sort());
    });
  });

  describe("invitation_received and group_creator_granted", () => {
    it("should put an invitation in an existing account's feed, and none for an address without an account", async () => {
      const c = await setupClass(t, { students: 0 });
      const invitee = await register(t, "Ivar Invited");
      await inviteToGroup(t, c.teacher, c.groupId, invitee.email, "sender");
      const stranger = uniqueEmail("stranger");
      await inviteToGroup(t, c.teacher, c.groupId, stranger, "sender");
      expect(await feedOf(invitee)).toEqual([
        expect.objectContaining({ kind: "invitation_received", link: "/", title: "7B", groupName: "7B", organisationName: "Solskolan", actor: expect.objectContaining({ id: c.teacher.id }) }),
      ]);
      const rows = await t.db.handle.db.selectFrom("notifications").select(["user_id", "email_status"]).where("kind", "=", "invitation_received").where("group_id", "=", c.groupId).execute();
      // The invitation is an e-mail already: by default the feed item is not mailed again.
      expect(rows).toEqual([{ user_id: invitee.id, email_status: "none" }]);
    });

    it("should tell a person made group creator, once", async () => {
      const admin = await register(t, "Astrid Admin");
      const orgId = await createOrganisation(admin, "Granskolan");
      const p = await register(t, "Greta Grant");
      await makeGroupCreator(admin, orgId, p);
      await makeGroupCreator(admin, orgId, p);
      expect(await feedOf(p)).toEqual([
        expect.objectContaining({ kind: "group_creator_granted", link: `/organisations/${orgId}`, organisationName: "Granskolan", groupId: null, actor: expect.objectContaining({ id: admin.id }) }),
      ]);
      expect(await feedOf(admin)).toEqual([]);
      // Joining with an organisation's code is one's own act: no item.
      const code = expectStatus(await admin.client.patch(api(`/organisations/${orgId}/invite-code`), { enabled: true }), 200).code as string;
      const joiner = await register(t, "Jonna Joiner");
      await join(joiner, code);
      expect(await feedOf(joiner)).toEqual([]);
    });
  });

  describe("preferences", () => {
    it("should list every kind with its default, store only departures, and refuse unknown kinds or choices", async () => {
      const p = await register(t, "Pelle Pref");
      const get = async () => expectStatus<NotificationPreferences>(await p.client.get(api("/me/notification-preferences")), 200).preferences;
      const defaults = Object.entries(DEFAULT_DELIVERY).map(([kind, d]) => ({ kind, delivery: d, defaultDelivery: d }));
      expect(await get()).toEqual(defaults);
      const changed = expectStatus<NotificationPreferences>(await p.client.put(api("/me/notification-preferences"), { preferences: { loop_created: "off", comment_created: "digest" } }), 200);
      expect(changed.preferences.find((x) => x.kind === "loop_created")).toEqual({ kind: "loop_created", delivery: "off", defaultDelivery: "digest" });
      expect(await get()).toEqual(changed.preferences);
      const stored = () => t.db.handle.db.selectFrom("notification_preferences").select(["kind", "delivery"]).where("user_id", "=", p.id).orderBy("kind").execute();
      expect(await stored()).toEqual([{ kind: "comment_created", delivery: "digest" }, { kind: "loop_created", delivery: "off" }]);
      // Back to the default: the row goes.
      expectStatus(await p.client.put(api("/me/notification-preferences"), { preferences: { comment_created: "immediate" } }), 200);
      expect(await stored()).toEqual([{ kind: "loop_created", delivery: "off" }]);
      for (const body of [{ preferences: { nonsense: "off" } }, { preferences: { loop_created: "sometimes" } }, {}]) {
        const res = await p.client.put(api("/me/notification-preferences"), body);
        expect(res.statusCode, JSON.stringify(body)).toBe(400);
        expect(res.json().error.code).toBe("validation");
      }
      expect(await stored()).toEqual([{ kind: "loop_created", delivery: "off" }]);
    });

    it("should still show in the feed what is not e-mailed, and never e-mail an anonymous loop at once", async () => {
      const c = await setupClass(t, { students: 1 });
      const coLeader = await joinAsLeader(c, "Cora Colead");
      expectStatus(await c.teacher.client.put(api("/me/notification-preferences"), { preferences: { loop_created: "off" } }), 200);
      expectStatus(await coLeader.client.put(api("/me/notification-preferences"), { preferences: { loop_created: "immediate" } }), 200);
      const named = await sendLoop(c.students[0]!, c.groupId);
      const anonymous = await sendLoop(c.students[0]!, c.groupId, { anonymous: true });
      const statuses = async (loopId: string) =>
        Object.fromEntries((await rowsAbout("loop_id", loopId)).map((r) => [r.user_id === c.teacher.id ? "teacher" : "coLeader", r.email_status]));
      // "immediate" until the e-mail job has sent it.
      expect(await statuses(named.id)).toEqual({ teacher: "none", coLeader: expect.stringMatching(/^(immediate|sent)$/) });
      // Its arrival time would point at the sender: it waits for the daily digest.
      expect(await statuses(anonymous.id)).toEqual({ teacher: "none", coLeader: "digest" });
      expect(await itemsAbout(c.teacher, "loop_created", `/loops/${named.id}`)).toHaveLength(1);
    });

    it("should respect each recipient's choice in a large audience as in a small one", async () => {
      // Six senders: a published task reaches them all in one batch (more than the few handled one by one).
      const c = await setupClass(t, { students: 6 });
      const [quiet, eager] = c.students as [Person, Person];
      expectStatus(await quiet.client.put(api("/me/notification-preferences"), { preferences: { task_published: "off" } }), 200);
      expectStatus(await eager.client.put(api("/me/notification-preferences"), { preferences: { task_published: "immediate" } }), 200);
      const task = expectStatus<{ task: { id: string } }>(
        await c.teacher.client.post(api(`/groups/${c.groupId}/tasks`), { title: "A task for everyone", instructions: "Go.", published: true }),
        201,
      ).task;
      const rows = await rowsAbout("task_id", task.id);
      expect(rows).toHaveLength(6);
      const status = Object.fromEntries(rows.map((r) => [r.user_id, r.email_status]));
      expect(status[quiet.id]).toBe("none");
      expect(status[eager.id]).toMatch(/^(immediate|sent)$/);
      for (const s of c.students.slice(2)) expect(status[s.id]).toBe("digest");
    });
  });

  describe("reading the feed", () => {
    it("should count unread items, mark one and all read, and tell my other tabs", async () => {
      const c = await setupClass(t, { students: 1 });
      const s = c.students[0]!;
      const published: string[] = [];
      t.app.ctx.realtime.subscribe((e) => {
        if (e.type === "feed.changed" && e.userId === s.id) published.push(e.type);
      });
      expect(await unread(s)).toBe(2); // setupClass's two published tasks
      t.clock.advance(60_000);
      await sendLoop(s, c.groupId).then((l) => comment(c.teacher, l.id));
      expect(await unread(s)).toBe(3);
      const page = await feedPage(s);
      expect(page.unreadCount).toBe(3);
      const [newest] = page.items;
      expect(newest).toMatchObject({ kind: "comment_created", read: false });
      const heard = published.length;
      expectStatus(await s.client.post(api(`/feed/${newest!.id}/read`)), 204);
      expect(published.length).toBe(heard + 1);
      expect(await unread(s)).toBe(2);
      expect((await feedPage(s)).items[0]).toMatchObject({ id: newest!.id, read: true });
      // Again: nothing changes, no event.
      expectStatus(await s.client.post(api(`/feed/${newest!.id}/read`)), 204);
      expect(published.length).toBe(heard + 1);
      expect((await feedPage(s, { unreadOnly: "true" })).items.map((i) => i.id)).not.toContain(newest!.id);
      expectStatus(await s.client.post(api("/feed/read-all")), 204);
      expect(published.length).toBe(heard + 2);
      expect(await unread(s)).toBe(0);
      expect((await feedPage(s, { unreadOnly: "true" })).items).toEqual([]);
      expect((await feedPage(s)).items.every((i) => i.read)).toBe(true);
      expectStatus(await s.client.post(api("/feed/read-all")), 204);
      expect(published.length).toBe(heard + 2);
    });

    it("should drop the items about a deleted loop or post and tell their readers' open feeds at once", async () => {
      const c = await setupClass(t, { students: 1 });
      const s = c.students[0]!;
      const heard: string[] = [];
      t.app.ctx.realtime.subscribe((e) => {
        if (e.type === "feed.changed") heard.push(e.userId);
      });
      const loop = await sendLoop(s, c.groupId);
      const before = await unread(c.teacher);
      heard.length = 0;
      expectStatus(await s.client.delete(api(`/loops/${loop.id}`)), 204);
      expect(await unread(c.teacher)).toBe(before - 1);
      expect(heard).toEqual([c.teacher.id]);

      const post = expectStatus<{ post: { id: string } }>(await c.teacher.client.post(api(`/groups/${c.groupId}/posts`), { title: "Trip on Friday" }), 201).post;
      expect(await itemsAbout(s, "post_published", `/groups/${c.groupId}/posts/${post.id}`)).toHaveLength(1);
      heard.length = 0;
      expectStatus(await c.teacher.client.delete(api(`/posts/${post.id}`)), 204);
      expect(await itemsAbout(s, "post_published", `/groups/${c.groupId}/posts/${post.id}`)).toEqual([]);
      expect(heard).toEqual([s.id]);
    });

    it("should answer another person's item exactly like a missing one, and leave it unread", async () => {
      const c = await setupClass(t, { students: 2 });
      const [s1, s2] = c.students as [Person, Person];
      const theirs = (await feedPage(s1)).items[0]!;
      await expectLikeMissing(s2.client, "POST", api(`/feed/${theirs.id}/read`), api(`/feed/${MISSING_ID}/read`));
      await expectLikeMissing(c.teacher.client, "POST", api(`/feed/${theirs.id}/read`), api(`/feed/${MISSING_ID}/read`));
      expect((await feedPage(s1)).items[0]).toMatchObject({ id: theirs.id, read: false });
      expect((await s1.client.post(api("/feed/not-a-uuid/read"))).statusCode).toBe(400);
    });

    it("should page newest first with a cursor, and refuse a broken cursor or limit", async () => {
      const c = await setupClass(t, { students: 1 });
      const s = c.students[0]!;
      for (let i = 0; i < 4; i++) {
        t.clock.advance(60_000);
        expectStatus(await c.teacher.client.post(api(`/groups/${c.groupId}/tasks`), { title: `Task ${i}`, published: true }), 201);
      }
      // Two at the same instant: the id breaks the tie and no item is lost or repeated.
      t.clock.advance(60_000);
      const g2 = await createGroup(c.teacher, c.orgId, { name: "7C" });
      await join(s, (await groupCodes(c.teacher, g2)).sender!);
      for (const title of ["Same A", "Same B"]) expectStatus(await c.teacher.client.post(api(`/groups/${g2}/tasks`), { title, published: true }), 201);
      const all = (await feedPage(s, { limit: "50" })).items;
      expect(all).toHaveLength(8);
      const titles: (string | null)[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: FeedPage = await feedPage(s, { limit: "3", ...(cursor ? { cursor } : {}) });
        expect(page.items.length).toBeLessThanOrEqual(3);
        titles.push(...page.items.map((i) => i.title));
        cursor = page.nextCursor;
        pages++;
      } while (cursor);
      expect(pages).toBe(3);
      expect(titles).toEqual(all.map((i) => i.title));
      expect(titles.slice(2, 6)).toEqual(["Task 3", "Task 2", "Task 1", "Task 0"]);
      expect([...all.map((i) => i.at)]).toEqual([...all.map((i) => i.at)].sort().reverse());
      for (const query of [{ cursor: "broken" }, { limit: "0" }, { limit: "51" }, { unreadOnly: "yes" }] as Record<string, string>[]) {
        const res = await s.client.get(api(`/feed?${new URLSearchParams(query).toString()}`));
        expect(res.statusCode, JSON.stringify(query)).toBe(400);
      }
    });
  });
});
