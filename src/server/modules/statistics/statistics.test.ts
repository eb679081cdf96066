import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.js";
import { createGroup, expectLikeMissing, expectStatus, groupCodes, join, MISSING_ID, register, type Person } from "../../../../test/helpers/world.js";
import { addTutor, sendLoop, setupClass, type Class } from "../../../../test/helpers/loops.js";
import type { GroupStatistics, MyStatistics, OrganisationStatistics } from "../../../shared/schemas/statistics.js";

/**
 * Solskolan (Europe/Stockholm, UTC+2 in September), k = 3: class 7B with six students, a tutor,
 * and an administrator outside the group; a flat group beside it. The period asked for is
 * Wednesday 9 to Wednesday 16 September, snapped to the weeks W1 (7–13) and W2 (14–20).
 */
let t: TestApp;
let c: Class;
let s: Person[];
let tutor: Person;
let flatPeer: Person;
let flatGroupId: string;
let foreign: Class;
const ids: Record<string, string> = {};
const W1 = "2026-09-07";
const W2 = "2026-09-14";

const api = (rest: string) => `/api/v1${rest}`;
const qs = (q: Record<string, string | number>) => new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)])).toString();
const groupUrl = (groupId: string, q: Record<string, string | number> = { from: "2026-09-09", to: "2026-09-16" }) => api(`/groups/${groupId}/statistics?${qs(q)}`);
const orgUrl = (orgId: string, q: Record<string, string | number> = { from: "2026-09-09", to: "2026-09-16" }) => api(`/organisations/${orgId}/statistics?${qs(q)}`);
const myUrl = (q: Record<string, string | number> = { from: "2026-09-09", to: "2026-09-16" }) => api(`/me/statistics?${qs(q)}`);
const f = (value: number, withheld = false) => ({ value, withheld });

/** Moves the fake clock to `instant` (only forward). */
function at(instant: string) {
  t.clock.advance(Date.parse(instant) - t.clock().getTime());
}
async function sendAt(instant: string, p: Person, body: Record<string, unknown>) {
  at(instant);
  return (await sendLoop(p, c.groupId, body)).id;
}
async function commentAt(instant: string, p: Person, loopId: string) {
  at(instant);
  expectStatus(await p.client.post(api(`/loops/${loopId}/comments`), { text: "Thank you." }), 201);
}

beforeAll(async () => {
  // The fixture spans four weeks of the fake clock: sessions must outlive a quiet week.
  t = await createTestApp({ env: { SESSION_IDLE_TIMEOUT_HOURS: String(24 * 30) } });
  c = await setupClass(t, { students: 6, withAdmin: true });
  s = c.students;
  expectStatus(await c.admin!.client.patch(api(`/organisations/${c.orgId}`), { minSenders: 3 }), 200);
  tutor = await register(t, "Tutor Lind");
  await addTutor(t, c.teacher, c.groupId, tutor);
  flatGroupId = await createGroup(c.teacher, c.orgId, { name: "Peers", type: "flat" });
  flatPeer = await register(t, "Flat Peer");
  await join(flatPeer, (await groupCodes(c.teacher, flatGroupId)).sender!);
  foreign = await setupClass(t, { orgName: "Bergskolan", teacherName: "Teacher Ek", students: 1 });

  const task0 = c.tasks[0]!;
  const task1 = c.tasks[1]!;
  const [A, B, C] = c.tags.map((x) => x.id) as [string, string, string];
  // Before the period (week of 31 August).
  await sendAt("2026-09-01T09:00:00.000Z", s[0]!, { emoji: 1, text: "before" });
  // W1. Monday 00:30 local (Sunday 22:30 UTC): W1, not the week before.
  ids.a = await sendAt("2026-09-06T22:30:00.000Z", s[0]!, { emoji: 4, taskId: task0.id, tagIds: [A, B] });
  ids.b = await sendAt("2026-09-08T08:00:00.000Z", s[1]!, { emoji: 5, taskId: task0.id, tagIds: [A] });
  expectStatus(await c.teacher.client.post(api(`/loops/${ids.b}/approve`), {}), 200);
  ids.c = await sendAt("2026-09-09T08:00:00.000Z", s[2]!, { emoji: 2, tagIds: [C] });
  await commentAt("2026-09-09T10:00:00.000Z", c.teacher, ids.c);
  // Three anonymous senders of emoji 3 with tag B, and one of them once more with emoji 1.
  ids.anon4 = await sendAt("2026-09-10T08:00:00.000Z", s[3]!, { emoji: 3, tagIds: [B], anonymous: true });
  await sendAt("2026-09-10T09:00:00.000Z", s[4]!, { emoji: 3, tagIds: [B], anonymous: true });
  await sendAt("2026-09-10T10:00:00.000Z", s[5]!, { emoji: 3, tagIds: [B], anonymous: true });
  await sendAt("2026-09-11T08:00:00.000Z", s[3]!, { emoji: 1, anonymous: true });
  await commentAt("2026-09-11T09:00:00.000Z", c.teacher, ids.anon4);
  // Sunday 23:30 local: still W1.
  ids.e = await sendAt("2026-09-13T21:30:00.000Z", s[1]!, { emoji: 3 });
  // W2.
  ids.f = await sendAt("2026-09-15T08:00:00.000Z", s[0]!, { emoji: 3, taskId: task1.id, tagIds: [A] });
  await commentAt("2026-09-15T14:00:00.000Z", c.teacher, ids.f);
  await commentAt("2026-09-15T15:00:00.000Z", s[0]!, ids.f);
  // One anonymous sender alone in W2, answered.
  ids.lone = await sendAt("2026-09-16T08:00:00.000Z", s[4]!, { emoji: 5, tagIds: [A], anonymous: true });
  await commentAt("2026-09-16T09:00:00.000Z", c.teacher, ids.lone);
  ids.h = await sendAt("2026-09-17T08:00:00.000Z", s[2]!, { emoji: 4 });
  // Monday 00:30 local the week after: out of the period.
  await sendAt("2026-09-20T22:30:00.000Z", s[1]!, { emoji: 2 });
  at("2026-09-25T10:00:00.000Z");
});
afterAll(async () => t.close());

describe("statistics", () => {
  it("should require authentication", async () => {
    const visitor = t.client();
    for (const url of [groupUrl(c.groupId), myUrl(), orgUrl(c.orgId)]) {
      const res = await visitor.get(url);
      expect(res.statusCode, url).toBe(401);
      expect(res.json().error.code).toBe("unauthenticated");
    }
  });

  it("gives a leader every figure of the group's period, anonymous loops only through atoms of k senders", async () => {
    const body = expectStatus<GroupStatistics>(await c.teacher.client.get(groupUrl(c.groupId)), 200);
    const task0 = c.tasks[0]!;
    const task1 = c.tasks[1]!;
    const tag = (i: number) => ({ id: c.tags[i]!.id, name: c.tags[i]!.name, colour: null, archived: false });
    const person = (p: Person) => ({ id: p.id, name: p.name, pictureUrl: null });
    expect(body).toEqual({
      groupId: c.groupId,
      period: { from: W1, to: "2026-09-20", weeks: [W1, W2], timeZone: "Europe/Stockholm", today: "2026-09-25" },
      minSenders: 3,
      members: 6,
      totals: {
        // Named a b c e f h; anonymous W1 (4 loops from 3 people) shown, W2 (one person) withheld.
        loops: f(10, true),
        namedLoops: 6,
        anonymousLoops: f(4, true),
        // c 1, f 2, W1's anonymous thread 1; the lone anonymous loop's comment withheld.
        comments: f(4, true),
        namedSenders: 3,
        answeredShare: 2 / 6,
        // c after 2 hours, f after 6.
        medianHoursToAnswer: 4,
      },
      weeks: [
        {
          week: W1,
          loops: f(8),
          // The anonymous emoji 1 comes from one person; hiding it alone would show it as W1's loops
          // minus the others, so emoji 3 (three people) is hidden with it.
          emoji: [f(0, true), f(1), f(1, true), f(1), f(1)],
          meanEmoji: 3.5,
        },
        { week: W2, loops: f(2, true), emoji: [f(0), f(0), f(1), f(1), f(0, true)], meanEmoji: 3.5 },
      ],
      emoji: [f(0, true), f(1), f(2, true), f(2), f(1, true)],
      tags: [
        // B: a, and W1's anonymous atom of three people; A: a b f, W2's atom withheld; C: c.
        { tag: tag(1), loops: f(4) },
        { tag: tag(0), loops: f(3, true) },
        { tag: tag(2), loops: f(1) },
      ],
      tasks: [
        { task: { id: task0.id, title: task0.title }, loops: 2, senders: 2, completion: 2 / 6, approved: 1, meanEmoji: 4.5 },
        { task: { id: task1.id, title: task1.title }, loops: 1, senders: 1, completion: 1 / 6, approved: 0, meanEmoji: 3 },
      ],
      heatmap: {
        tags: [tag(1), tag(0), tag(2)],
        rows: [
          { task: { id: task0.id, title: task0.title }, cells: [f(1), f(2), f(0)] },
          { task: { id: task1.id, title: task1.title }, cells: [f(0), f(1), f(0)] },
          { task: null, cells: [f(3), f(0, true), f(1)] },
        ],
      },
      participation: {
        inactiveDays: 14,
        members: [
          { person: person(s[0]!), loops: 2, lastLoopOn: "2026-09-15", quiet: false },
          // Their latest named loop is after the period: "any time".
          { person: person(s[1]!), loops: 2, lastLoopOn: "2026-09-21", quiet: false },
          { person: person(s[2]!), loops: 2, lastLoopOn: "2026-09-17", quiet: false },
          // Only anonymous loops: nobody is counted by them.
          { person: person(s[3]!), loops: 0, lastLoopOn: null, quiet: true },
          { person: person(s[4]!), loops: 0, lastLoopOn: null, quiet: true },
          { person: person(s[5]!), loops: 0, lastLoopOn: null, quiet: true },
        ],
      },
    });
  });

  it("lists a member as quiet when their latest named loop is older than the days asked for (today counts)", async () => {
    const body = expectStatus<GroupStatistics>(await c.teacher.client.get(groupUrl(c.groupId, { from: "2026-09-09", to: "2026-09-16", inactiveDays: 10 })), 200);
    // Today 25 September: the last 10 days are 16–25 September.
    expect(body.participation.members.slice(0, 3).map((m) => [m.lastLoopOn, m.quiet])).toEqual([
      ["2026-09-15", true],
      ["2026-09-21", false],
      ["2026-09-17", false],
    ]);
  });

  it("puts a loop in the week of its day in the organisation's time zone", async () => {
    const week = async (from: string, to: string) => expectStatus<GroupStatistics>(await c.teacher.client.get(groupUrl(c.groupId, { from, to })), 200);
    // Sunday 6 September 22:30 UTC is Monday 00:30 in Stockholm: W1, not the week before.
    const before = await week("2026-08-31", "2026-09-06");
    expect(before.period).toMatchObject({ from: "2026-08-31", to: "2026-09-06", weeks: ["2026-08-31"] });
    expect(before.totals).toMatchObject({ loops: f(1), namedLoops: 1 });
    // Sunday 13 September 23:30 local is W1's last loop; Sunday 20 September 22:30 UTC is the next week's.
    const w1 = await week("2026-09-13", "2026-09-13");
    expect(w1.period).toMatchObject({ from: W1, to: "2026-09-13" });
    expect(w1.totals).toMatchObject({ loops: f(8), namedLoops: 4 });
    const w2 = await week(W2, "2026-09-20");
    expect(w2.totals).toMatchObject({ namedLoops: 2 });
    const after = await week("2026-09-21", "2026-09-21");
    expect(after.totals).toMatchObject({ loops: f(1), namedLoops: 1 });
  });

  it("refuses a period that ends before it starts or is longer than 53 weeks, naming the field", async () => {
    for (const [q, field, code] of [
      [{ from: "2026-09-16", to: "2026-09-09" }, "to", "before_from"],
      [{ from: "2026-01-01", to: "2027-01-10" }, "to", "too_long"],
      [{ from: "2026-13-01", to: "2026-09-09" }, "from", undefined],
      [{ from: "2026-09-01", to: "2026-02-30" }, "to", undefined],
      [{ from: "2026-09-01" }, "to", undefined],
      [{ from: "2026-09-01", to: "2026-09-30", inactiveDays: 0 }, "inactiveDays", undefined],
      [{ from: "2026-09-01", to: "2026-09-30", inactiveDays: "many" }, "inactiveDays", undefined],
      [{ from: "0050-01-01", to: "0050-01-02" }, "from", "out_of_range"],
      [{ from: "9999-12-30", to: "9999-12-31" }, "to", "out_of_range"],
    ] as const) {
      const res = await c.teacher.client.get(api(`/groups/${c.groupId}/statistics?${qs(q)}`));
      expect(res.statusCode, JSON.stringify(q)).toBe(400);
      const error = res.json().error;
      expect(error.code).toBe("validation");
      expect(Object.keys(error.fields)).toContain(field);
      if (code) expect(error.fields[field]).toBe(code);
    }
    // 53 weeks are fine.
    const longest = expectStatus<GroupStatistics>(await c.teacher.client.get(groupUrl(c.groupId, { from: "2026-01-01", to: "2026-12-31" })), 200);
    expect(longest.period.weeks).toHaveLength(53);
    for (const url of [orgUrl(c.orgId, { from: "2026-09-16", to: "2026-09-09" }), myUrl({ from: "2026-01-01", to: "2027-01-10" }), myUrl({ from: "x", to: "y" })]) {
      expect((await c.admin!.client.get(url)).statusCode, url).toBe(400);
    }
  });

  it("lets the group's leaders and tutors read its statistics, nobody else", async () => {
    expect((await tutor.client.get(groupUrl(c.groupId))).statusCode).toBe(200);
    // A sender and an administrator outside the group may see the group, not its statistics.
    for (const p of [s[0]!, c.admin!]) {
      const res = await p.client.get(groupUrl(c.groupId));
      expect(res.statusCode, p.name).toBe(403);
    }
    // A flat group's peers read each other's loops, not statistics about each other.
    expect((await flatPeer.client.get(groupUrl(flatGroupId))).statusCode).toBe(403);
    expect((await c.teacher.client.get(groupUrl(flatGroupId))).statusCode).toBe(200);
    await expectLikeMissing(c.teacher.client, "GET", groupUrl(foreign.groupId), groupUrl(MISSING_ID));
  });

  it("stops while the group is inactive, for its owner too", async () => {
    expectStatus(await c.teacher.client.post(api(`/groups/${flatGroupId}/inactivate`), {}), 200);
    try {
      expect((await c.teacher.client.get(groupUrl(flatGroupId))).statusCode).toBe(403);
    } finally {
      expectStatus(await c.teacher.client.post(api(`/groups/${flatGroupId}/reactivate`), {}), 200);
    }
  });

  it("gives an administrator the organisation's counts per week and group", async () => {
    const body = expectStatus<OrganisationStatistics>(await c.admin!.client.get(orgUrl(c.orgId)), 200);
    expect(body).toEqual({
      organisationId: c.orgId,
      period: { from: W1, to: "2026-09-20", weeks: [W1, W2], timeZone: "Europe/Stockholm", today: "2026-09-25" },
      minSenders: 3,
      totals: {
        groups: 2,
        activeGroups: 2,
        groupsWithLoops: 1,
        // The administrator, the teacher, six students and the flat peer (the tutor is a guest).
        members: 9,
        namedSenders: 3,
        loops: f(10, true),
      },
      weeks: [
        { week: W1, loops: f(8), namedSenders: 3, groupsWithLoops: 1 },
        { week: W2, loops: f(2, true), namedSenders: 2, groupsWithLoops: 1 },
      ],
      groups: [
        { group: { id: c.groupId, name: "7B", active: true }, members: 6, loops: f(10, true), namedSenders: 3, weeks: [8, 2] },
        { group: { id: flatGroupId, name: "Peers", active: true }, members: 2, loops: f(0), namedSenders: 0, weeks: [0, 0] },
      ],
    });
  });

  it("gives the organisation dashboard to its administrators only; another organisation's id answers like a missing one", async () => {
    for (const p of [c.teacher, s[0]!, flatPeer]) {
      expect((await p.client.get(orgUrl(c.orgId))).statusCode, p.name).toBe(403);
    }
    // The tutor is not a member of the organisation.
    expect((await tutor.client.get(orgUrl(c.orgId))).statusCode).toBe(404);
    await expectLikeMissing(c.admin!.client, "GET", orgUrl(foreign.orgId), orgUrl(MISSING_ID));
  });

  it("gives a sender their own loops, anonymous ones included, and nobody else's", async () => {
    const mine = (p: Person, q?: Record<string, string>) => p.client.get(myUrl(q)).then((r) => expectStatus<MyStatistics>(r, 200));
    const tag = (i: number) => ({ id: c.tags[i]!.id, name: c.tags[i]!.name, colour: null, archived: false });
    const group = { id: c.groupId, name: "7B" };
    const task0 = c.tasks[0]!;
    const task1 = c.tasks[1]!;
    // Student 4: three anonymous loops of emoji 3, 1 (W1) — the one with a comment — and nothing in W2.
    expect(await mine(s[3]!)).toEqual({
      period: { from: W1, to: "2026-09-20", weeks: [W1, W2], timeZone: "Europe/Stockholm", today: "2026-09-25" },
      totals: { loops: 2, comments: 1, meanEmoji: 2 },
      weeks: [
        { week: W1, loops: 2, meanEmoji: 2 },
        { week: W2, loops: 0, meanEmoji: null },
      ],
      emoji: [1, 0, 1, 0, 0],
      tags: [{ tag: tag(1), groupId: c.groupId, loops: 1 }],
      tasks: [
        { group, task: { id: task0.id, title: task0.title }, state: "not_sent" },
        { group, task: { id: task1.id, title: task1.title }, state: "not_sent" },
      ],
    });
    // Student 1: a (task 0, tags A B) in W1, f (task 1, tag A, two comments) in W2.
    expect(await mine(s[0]!)).toMatchObject({
      totals: { loops: 2, comments: 2, meanEmoji: 3.5 },
      weeks: [
        { week: W1, loops: 1, meanEmoji: 4 },
        { week: W2, loops: 1, meanEmoji: 3 },
      ],
      emoji: [0, 0, 1, 1, 0],
      tags: [
        { tag: tag(0), groupId: c.groupId, loops: 2 },
        { tag: tag(1), groupId: c.groupId, loops: 1 },
      ],
      tasks: [
        { task: { id: task0.id }, state: "sent" },
        { task: { id: task1.id }, state: "sent" },
      ],
    });
    expect((await mine(s[1]!)).tasks.map((x) => x.state)).toEqual(["approved", "not_sent"]);
    // Only one group: the same; a group I am not in answers like a missing one.
    expect(await mine(s[3]!, { from: "2026-09-09", to: "2026-09-16", groupId: c.groupId })).toEqual(await mine(s[3]!));
    await expectLikeMissing(s[3]!.client, "GET", myUrl({ from: "2026-09-09", to: "2026-09-16", groupId: foreign.groupId }), myUrl({ from: "2026-09-09", to: "2026-09-16", groupId: MISSING_ID }));
    // A leader sends nothing: empty, with no one else's loops.
    expect(await mine(c.teacher)).toMatchObject({ totals: { loops: 0, comments: 0, meanEmoji: null }, emoji: [0, 0, 0, 0, 0], tags: [], tasks: [] });
    // …also for the group they lead, asked for by name: empty, not missing.
    expect(await mine(c.teacher, { from: "2026-09-09", to: "2026-09-16", groupId: c.groupId })).toMatchObject({ totals: { loops: 0, comments: 0, meanEmoji: null }, tags: [], tasks: [] });
  });

  it("counts a person who sends in two groups once in the organisation's week and period", async () => {
    // Student 2 sent in 7B on Monday 21 September (00:30 local); now, on the 25th, also in Peers.
    await join(s[1]!, (await groupCodes(c.teacher, flatGroupId)).sender!);
    await sendLoop(s[1]!, flatGroupId, { emoji: 4 });
    const body = expectStatus<OrganisationStatistics>(await c.admin!.client.get(orgUrl(c.orgId, { from: "2026-09-21", to: "2026-09-27" })), 200);
    expect(body.totals).toMatchObject({ namedSenders: 1, groupsWithLoops: 2, loops: f(2) });
    expect(body.weeks).toEqual([{ week: "2026-09-21", loops: f(2), namedSenders: 1, groupsWithLoops: 2 }]);
    expect(body.groups.map((g) => [g.group.name, g.loops.value, g.namedSenders, g.weeks])).toEqual([
      ["7B", 1, 1, [1]],
      ["Peers", 1, 1, [1]],
    ]);
  });

  it("never names an anonymous sender in any statistic", async () => {
    const anonymousOnly = [s[3]!, s[4]!, s[5]!];
    const responses = [
      await c.teacher.client.get(groupUrl(c.groupId)),
      await tutor.client.get(groupUrl(c.groupId)),
      await c.admin!.client.get(orgUrl(c.orgId)),
      await c.teacher.client.get(groupUrl(c.groupId, { from: W2, to: W2 })),
    ];
    for (const res of responses) {
      expect(res.statusCode).toBe(200);
      // Participation lists every member by name; what it says of these three is "no named loop".
      const body = res.json() as Partial<GroupStatistics>;
      for (const p of anonymousOnly) {
        const entry = body.participation?.members.find((m) => m.person.id === p.id);
        if (entry) expect(entry).toMatchObject({ loops: 0, lastLoopOn: null });
        const rest = JSON.stringify({ ...body, participation: undefined });
        for (const secret of [p.id, p.name, p.email]) expect(rest).not.toContain(secret);
      }
    }
  });

  it("does not count a leader's own anonymous loops towards k on the dashboard they read (a flat group's leader sends too)", async () => {
    const peers = [await register(t, "Peer One"), await register(t, "Peer Two"), await register(t, "Peer Three")];
    const code = (await groupCodes(c.teacher, flatGroupId)).sender!;
    for (const p of peers) await join(p, code);
    // Today's week (25 September), in which Peers has one named loop so far.
    const week = { from: "2026-09-21", to: "2026-09-27" };
    const send = async (p: Person) => sendLoop(p, flatGroupId, { emoji: 2, anonymous: true });
    // The teacher and two peers: three senders, k = 3 — but without the teacher's own loop, two.
    for (const p of [c.teacher, peers[0]!, peers[1]!]) await send(p);
    // Read on the Monday after (today is Friday 25 September): a week's anonymous loops count once it is over.
    const later = async <T>(read: () => Promise<T>): Promise<T> => {
      t.clock.advance(3 * 86_400_000);
      try {
        return await read();
      } finally {
        t.clock.advance(-3 * 86_400_000);
      }
    };
    const leader = await later(async () => expectStatus<GroupStatistics>(await c.teacher.client.get(groupUrl(flatGroupId, week)), 200));
    expect(leader.totals.anonymousLoops).toEqual(f(0, true));
    expect(leader.totals.loops).toEqual(f(leader.totals.namedLoops, true));
    expect(leader.emoji[1]).toEqual(f(0, true));
    // The administrator sent none of them: three people.
    const org = await later(async () => expectStatus<OrganisationStatistics>(await c.admin!.client.get(orgUrl(c.orgId, week)), 200));
    expect(org.groups.find((g) => g.group.id === flatGroupId)!.loops).toEqual(f(leader.totals.namedLoops + 3));
    // A third peer: three others, and the teacher's own loop counts in the figures.
    await send(peers[2]!);
    const shown = await later(async () => expectStatus<GroupStatistics>(await c.teacher.client.get(groupUrl(flatGroupId, week)), 200));
    expect(shown.totals.anonymousLoops).toEqual(f(4));
    // While the week is still open, the same loops wait.
    const open = expectStatus<GroupStatistics>(await c.teacher.client.get(groupUrl(flatGroupId, week)), 200);
    expect(open.totals.anonymousLoops).toEqual(f(0, true));
    expect(shown.totals.loops).toEqual(f(shown.totals.namedLoops + 4));
    expect(shown.emoji[1]).toEqual(f(4));
  });

  it("does not count an administrator's own anonymous loops towards k on the organisation dashboard", async () => {
    // The next week (28 September – 4 October): a second administrator joins the flat group and sends with two peers.
    const week = { from: "2026-09-28", to: "2026-10-04" };
    const admin = await register(t, "Second Admin");
    expectStatus(await c.admin!.client.post(api(`/organisations/${c.orgId}/admins`), { email: admin.email }), 204);
    const peers = [await register(t, "Peer Four"), await register(t, "Peer Five"), await register(t, "Peer Six")];
    const code = (await groupCodes(c.teacher, flatGroupId)).sender!;
    for (const p of [admin, ...peers]) await join(p, code);
    at("2026-09-28T08:00:00.000Z");
    const send = (p: Person) => sendLoop(p, flatGroupId, { emoji: 4, anonymous: true });
    for (const p of [admin, peers[0]!, peers[1]!]) await send(p);
    const read = async () => {
      // Monday 5 October, 01:00 in Stockholm: the week is over (and the sessions still fresh).
      at("2026-10-04T23:00:00.000Z");
      const body = expectStatus<OrganisationStatistics>(await admin.client.get(orgUrl(c.orgId, week)), 200);
      return body.groups.find((g) => g.group.id === flatGroupId)!.loops;
    };
    // Three senders, k = 3, but without the administrator's own loop two.
    expect(await read()).toEqual(f(0, true));
    // A third peer (sent the same Monday): three others, and the administrator's loop counts in the figure.
    t.clock.advance(Date.parse("2026-09-28T09:00:00.000Z") - t.clock().getTime());
    await send(peers[2]!);
    expect(await read()).toEqual(f(4));
  });
});
