/**
 * Issue 6 foundations of the loops module: the day a loop is listed on (`listed_on`, the
 * organisation's day) and an anonymous loop's place at that day's start; the weekly roll-up
 * `loop_activity_weeks`, which must equal the direct count over `loops` after any mix of sends,
 * deletes and cascades, and the roll-ups derived from it (per group and week; a person's weeks as
 * bits per block of 50 weeks, in a group and in the organisation), which must too — after a
 * direct deletion once recountActivity has run; `answered_at`; the inbox's period filter.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { weekStart } from "../../../shared/days.js";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.js";
import { auditLog, createGroup, expectStatus, groupCodes, join, type Person } from "../../../../test/helpers/world.js";
import { sendLoop, setupClass, type Class } from "../../../../test/helpers/loops.js";
import { recountActivity } from "./commands/activity.js";
import { organisationNamedSenders } from "./statistics-queries.js";

let t: TestApp;
/** Solskolan, Europe/Stockholm (UTC+2 in September). */
let c: Class;
/** Hudson School, America/New_York (UTC−4 in September). */
let ny: Class;

const api = (rest: string) => `/api/v1${rest}`;
const HOUR_MS = 3_600_000;

/** Sets the fake clock to `instant` (forward only). */
function clockTo(instant: string) {
  const ms = Date.parse(instant) - t.clock().getTime();
  if (ms < 0) throw new Error(`the clock cannot go back to ${instant}`);
  t.clock.advance(ms);
}

async function stored(loopId: string) {
  return t.db.handle.db.selectFrom("loops").select(["listed_on", "listed_at", "created_at", "answered_at", "is_answered"]).where("id", "=", loopId).executeTakeFirst();
}

type Counts = Record<string, { organisation_id: string; named_loops: number; anonymous_loops: number }>;

/** The roll-up as stored, by group|week|sender. */
async function rollup(): Promise<Counts> {
  const rows = await t.db.handle.db.selectFrom("loop_activity_weeks").selectAll().execute();
  return Object.fromEntries(rows.map((r) => [`${r.group_id}|${r.week}|${r.sender_id}`, { organisation_id: r.organisation_id, named_loops: r.named_loops, anonymous_loops: r.anonymous_loops }]));
}

/** The same figures counted directly over every loop. */
async function directCount(): Promise<Counts> {
  const loops = await t.db.handle.db.selectFrom("loops").select(["organisation_id", "group_id", "sender_id", "listed_on", "is_anonymous"]).execute();
  const counts: Counts = {};
  for (const l of loops) {
    const key = `${l.group_id}|${weekStart(l.listed_on)}|${l.sender_id}`;
    const row = (counts[key] ??= { organisation_id: l.organisation_id, named_loops: 0, anonymous_loops: 0 });
    if (l.is_anonymous) row.anonymous_loops++;
    else row.named_loops++;
  }
  return counts;
}

type Derived = {
  groupWeeks: Record<string, { named_loops: number; anonymous_loops: number; named_senders: number; anonymous_senders: number }>;
  memberBits: Record<string, number>;
  personBits: Record<string, number>;
};

/** The derived roll-ups as stored. */
async function derived(): Promise<Derived> {
  const db = t.db.handle.db;
  const groupWeeks = await db.selectFrom("loop_activity_group_weeks").selectAll().execute();
  const members = await db.selectFrom("loop_activity_member_bits").selectAll().execute();
  const persons = await db.selectFrom("loop_activity_person_bits").selectAll().execute();
  return {
    groupWeeks: Object.fromEntries(
      groupWeeks.map((r) => [
        `${r.organisation_id}|${r.group_id}|${r.week}`,
        { named_loops: Number(r.named_loops), anonymous_loops: Number(r.anonymous_loops), named_senders: Number(r.named_senders), anonymous_senders: Number(r.anonymous_senders) },
      ]),
    ),
    memberBits: Object.fromEntries(members.map((r) => [`${r.organisation_id}|${r.group_id}|${r.sender_id}|${r.block}`, Number(r.weeks)])),
    personBits: Object.fromEntries(persons.map((r) => [`${r.organisation_id}|${r.sender_id}|${r.block}`, Number(r.weeks)])),
  };
}

/** Weeks numbered from Monday 1970-01-05; a block is 50 of them. */
const weekNo = (monday: string) => Math.round((Date.parse(monday) - Date.parse("1970-01-05")) / (7 * 24 * HOUR_MS));

/** The same figures computed directly from every loop. */
async function directDerived(): Promise<Derived> {
  const loops = await t.db.handle.db.selectFrom("loops").select(["organisation_id", "group_id", "sender_id", "listed_on", "is_anonymous"]).execute();
  const weeks: Record<string, { named: number; anonymous: number; namedBy: Set<string>; anonymousBy: Set<string> }> = {};
  const memberWeeks: Record<string, Set<number>> = {};
  const personWeeks: Record<string, Set<number>> = {};
  for (const l of loops) {
    const week = weekStart(l.listed_on);
    const w = (weeks[`${l.organisation_id}|${l.group_id}|${week}`] ??= { named: 0, anonymous: 0, namedBy: new Set(), anonymousBy: new Set() });
    if (l.is_anonymous) {
      w.anonymous++;
      w.anonymousBy.add(l.sender_id);
      continue;
    }
    w.named++;
    w.namedBy.add(l.sender_id);
    const n = weekNo(week);
    const block = Math.floor(n / 50);
    (memberWeeks[`${l.organisation_id}|${l.group_id}|${l.sender_id}|${block}`] ??= new Set()).add(n % 50);
    (personWeeks[`${l.organisation_id}|${l.sender_id}|${block}`] ??= new Set()).add(n % 50);
  }
  const bits = (set: Set<number>) => [...set].reduce((sum, i) => sum + 2 ** i, 0);
  return {
    groupWeeks: Object.fromEntries(
      Object.entries(weeks).map(([k, w]) => [k, { named_loops: w.named, anonymous_loops: w.anonymous, named_senders: w.namedBy.size, anonymous_senders: w.anonymousBy.size }]),
    ),
    memberBits: Object.fromEntries(Object.entries(memberWeeks).map(([k, set]) => [k, bits(set)])),
    personBits: Object.fromEntries(Object.entries(personWeeks).map(([k, set]) => [k, bits(set)])),
  };
}

/** Both roll-ups equal the direct count over loops. */
async function expectRollupsExact() {
  expect(await rollup()).toEqual(await directCount());
  expect(await derived()).toEqual(await directDerived());
}

beforeAll(async () => {
  // The loops below span ten weeks of the fake clock: sessions must outlive them.
  t = await createTestApp({ env: { SESSION_IDLE_TIMEOUT_HOURS: String(24 * 365), SESSION_ABSOLUTE_TIMEOUT_DAYS: "365" } });
  c = await setupClass(t, { students: 5 });
  ny = await setupClass(t, { orgName: "Hudson School", teacherName: "Teacher Hale", students: 2 });
  expectStatus(await ny.teacher.client.patch(api(`/organisations/${ny.orgId}`), { timeZone: "America/New_York" }), 200);
});
afterAll(async () => t.close());

describe("the day a loop is listed on", () => {
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const [s1, s2] = c.students as [Person, Person];
    // 23:30 on 2 September in Stockholm (21:30 UTC).
    clockTo("2026-09-02T21:30:00.000Z");
    ids.lateNamed = (await sendLoop(s1, c.groupId, { text: "late, named" })).id;
    ids.lateAnonymous = (await sendLoop(s2, c.groupId, { anonymous: true, text: "late, anonymous" })).id;
    // 00:30 on 3 September in Stockholm, still 2 September in UTC.
    clockTo("2026-09-02T22:30:00.000Z");
    ids.earlyAnonymous = (await sendLoop(s2, c.groupId, { anonymous: true, text: "early, anonymous" })).id;
    // 23:30 on 2 September in New York: 3 September in UTC.
    clockTo("2026-09-03T03:30:00.000Z");
    ids.nyNamed = (await sendLoop(ny.students[0]!, ny.groupId, { text: "New York, named" })).id;
    ids.nyAnonymous = (await sendLoop(ny.students[1]!, ny.groupId, { anonymous: true, text: "New York, anonymous" })).id;
  });

  it("is the organisation's day of the sending time; an anonymous loop is listed at that day's start", async () => {
    expect(await stored(ids.lateNamed!)).toMatchObject({ listed_on: "2026-09-02", listed_at: "2026-09-02T21:30:00.000Z" });
    expect(await stored(ids.lateAnonymous!)).toMatchObject({ listed_on: "2026-09-02", listed_at: "2026-09-01T22:00:00.000Z" });
    expect(await stored(ids.earlyAnonymous!)).toMatchObject({ listed_on: "2026-09-03", listed_at: "2026-09-02T22:00:00.000Z" });
    expect(await stored(ids.nyNamed!)).toMatchObject({ listed_on: "2026-09-02", listed_at: "2026-09-03T03:30:00.000Z" });
    expect(await stored(ids.nyAnonymous!)).toMatchObject({ listed_on: "2026-09-02", listed_at: "2026-09-02T04:00:00.000Z" });
  });

  it("is the date a leader sees for an anonymous loop, while its sender sees the instant", async () => {
    const seen = async (p: Person, id: string) => expectStatus<{ loop: { sentAt: string } }>(await p.client.get(api(`/loops/${id}`)), 200).loop.sentAt;
    expect(await seen(c.teacher, ids.lateAnonymous!)).toBe("2026-09-02");
    expect(await seen(c.teacher, ids.earlyAnonymous!)).toBe("2026-09-03");
    expect(await seen(ny.teacher, ids.nyAnonymous!)).toBe("2026-09-02");
    expect(await seen(ny.students[1]!, ids.nyAnonymous!)).toBe("2026-09-03T03:30:00.000Z");
    expect(await seen(c.teacher, ids.lateNamed!)).toBe("2026-09-02T21:30:00.000Z");
  });

  it("dates an anonymous loop's audit row and feed item by the day it is listed on, never by its UTC day", async () => {
    const sent = await auditLog(ny.teacher, ny.orgId, { action: "loop.sent" });
    const anonymous = sent.filter((e) => e.data.anonymous === true);
    expect(anonymous).toHaveLength(1);
    expect(anonymous[0]).toMatchObject({ at: "2026-09-02T00:00:00.000Z", actor: null, subjectId: null, ip: null });
    for (const [leader, id, day] of [[ny.teacher, ids.nyAnonymous!, "2026-09-02"], [c.teacher, ids.earlyAnonymous!, "2026-09-03"]] as const) {
      const feed = expectStatus<{ items: { link: string; at: string }[] }>(await leader.client.get(api("/feed")), 200).items;
      expect(feed.find((i) => i.link === `/loops/${id}`)?.at).toBe(day);
    }
  });

  it("stays when the organisation moves to another time zone", async () => {
    expectStatus(await ny.teacher.client.patch(api(`/organisations/${ny.orgId}`), { timeZone: "Asia/Tokyo" }), 200);
    expect(await stored(ids.nyNamed!)).toMatchObject({ listed_on: "2026-09-02" });
    expect(await stored(ids.nyAnonymous!)).toMatchObject({ listed_on: "2026-09-02", listed_at: "2026-09-02T04:00:00.000Z" });
    expectStatus(await ny.teacher.client.patch(api(`/organisations/${ny.orgId}`), { timeZone: "America/New_York" }), 200);
  });

  describe("the inbox's period (from, to: days on listed_on, inclusive)", () => {
    const inbox = async (query: Record<string, string>) => {
      const qs = new URLSearchParams({ groupId: c.groupId, ...query }).toString();
      return expectStatus<{ loops: { text: string }[] }>(await c.teacher.client.get(api(`/inbox?${qs}`)), 200).loops.map((l) => l.text).sort();
    };

    it("holds the loops listed on its days, both ends included", async () => {
      expect(await inbox({ from: "2026-09-02", to: "2026-09-02" })).toEqual(["late, anonymous", "late, named"]);
      expect(await inbox({ from: "2026-09-03", to: "2026-09-03" })).toEqual(["early, anonymous"]);
      expect(await inbox({ from: "2026-09-02", to: "2026-09-03" })).toEqual(["early, anonymous", "late, anonymous", "late, named"]);
      expect(await inbox({ from: "2026-09-03" })).toEqual(["early, anonymous"]);
      expect(await inbox({ to: "2026-09-02" })).toEqual(["late, anonymous", "late, named"]);
      expect(await inbox({ from: "2026-09-04", to: "2026-12-31" })).toEqual([]);
      // In New York the loop sent on 3 September UTC is on the 2nd.
      const nyInbox = expectStatus<{ loops: unknown[] }>(await ny.teacher.client.get(api(`/inbox?from=2026-09-02&to=2026-09-02`)), 200);
      expect(nyInbox.loops).toHaveLength(2);
    });

    it("answers 400 naming the field for a reversed period or a day that is not one", async () => {
      const fields = async (query: Record<string, string>) => {
        const res = await c.teacher.client.get(api(`/inbox?${new URLSearchParams(query).toString()}`));
        expect(res.statusCode, res.body).toBe(400);
        return res.json().error.fields as Record<string, string>;
      };
      expect(await fields({ from: "2026-09-03", to: "2026-09-02" })).toEqual({ to: "before_from" });
      expect(Object.keys(await fields({ from: "2026-02-30" }))).toEqual(["from"]);
      expect(Object.keys(await fields({ to: "tomorrow" }))).toEqual(["to"]);
      expect(Object.keys(await fields({ from: "2026-9-3" }))).toEqual(["from"]);
    });
  });
});

describe("answered_at", () => {
  it("is when the loop first got an answer, and null again once no answer remains", async () => {
    const s = c.students[2]!;
    clockTo("2026-09-10T08:00:00.000Z");
    const loop = await sendLoop(s, c.groupId, { text: "Waiting for an answer" });
    expect(await stored(loop.id)).toMatchObject({ answered_at: null, is_answered: false });
    clockTo("2026-09-10T09:00:00.000Z");
    expectStatus(await s.client.post(api(`/loops/${loop.id}/comments`), { text: "Anyone?" }), 201);
    expect(await stored(loop.id)).toMatchObject({ answered_at: null, is_answered: false });
    clockTo("2026-09-10T10:00:00.000Z");
    const first = expectStatus(await c.teacher.client.post(api(`/loops/${loop.id}/comments`), { text: "Yes!" }), 201).comment.id as string;
    clockTo("2026-09-10T11:00:00.000Z");
    const second = expectStatus(await c.teacher.client.post(api(`/loops/${loop.id}/comments`), { text: "And more." }), 201).comment.id as string;
    expect(await stored(loop.id)).toMatchObject({ answered_at: "2026-09-10T10:00:00.000Z", is_answered: true });
    // The first answer goes, another remains: answered since the first.
    expectStatus(await c.teacher.client.delete(api(`/comments/${first}`)), 204);
    expect(await stored(loop.id)).toMatchObject({ answered_at: "2026-09-10T10:00:00.000Z", is_answered: true });
    expectStatus(await c.teacher.client.delete(api(`/comments/${second}`)), 204);
    expect(await stored(loop.id)).toMatchObject({ answered_at: null, is_answered: false });
    clockTo("2026-09-10T12:00:00.000Z");
    expectStatus(await c.teacher.client.post(api(`/loops/${loop.id}/comments`), { text: "Back again." }), 201);
    expect(await stored(loop.id)).toMatchObject({ answered_at: "2026-09-10T12:00:00.000Z", is_answered: true });
  });
});

describe("the weekly roll-up loop_activity_weeks and the roll-ups derived from it", () => {
  let second: string;
  let third: string;

  it("equal the direct count over loops after random sends and deletes, an account's and a group's deletion", async () => {
    // A second and a third group of the organisation, with some of the same students (a person in two or three groups).
    const codesOf = async (groupId: string) => (await groupCodes(c.teacher, groupId)).sender!;
    second = await createGroup(c.teacher, c.orgId, { name: "8A" });
    third = await createGroup(c.teacher, c.orgId, { name: "Choir", type: "flat" });
    for (const s of c.students.slice(0, 4)) await join(s, await codesOf(second));
    for (const s of c.students.slice(1)) await join(s, await codesOf(third));
    const membersOf: Record<string, Person[]> = { [c.groupId]: c.students, [second]: c.students.slice(0, 4), [third]: c.students.slice(1) };
    const groups = Object.keys(membersOf);
    const sent: { id: string; sender: Person }[] = [];
    clockTo("2026-09-13T20:00:00.000Z");
    for (let i = 0; i < 120; i++) {
      // Up to 40 hours on: the loops spread over about ten weeks, across midnights and week ends.
      t.clock.advance(Math.floor(Math.random() * 40) * HOUR_MS + Math.floor(Math.random() * 60) * 60_000);
      const groupId = groups[Math.floor(Math.random() * groups.length)]!;
      const members = membersOf[groupId]!;
      const sender = members[Math.floor(Math.random() * members.length)]!;
      const loop = await sendLoop(sender, groupId, { anonymous: Math.random() < 0.4, emoji: 1 + Math.floor(Math.random() * 5) });
      sent.push({ id: loop.id, sender });
      if (Math.random() < 0.25) {
        const victim = sent.splice(Math.floor(Math.random() * sent.length), 1)[0]!;
        expectStatus(await victim.sender.client.delete(api(`/loops/${victim.id}`)), 204);
      }
    }
    const before = await rollup();
    expect(Object.values(before).some((r) => r.anonymous_loops > 0 && r.named_loops > 0)).toBe(true);
    await expectRollupsExact();
    expect(Object.values(before).every((r) => r.organisation_id === c.orgId || r.organisation_id === ny.orgId)).toBe(true);
    // Someone's named loops in two groups in one week count once in the organisation.
    const { memberBits, personBits } = await derived();
    expect(Object.keys(personBits).length).toBeLessThan(Object.keys(memberBits).length);

    // Every loop of a sender deleted: their rows go, none stays at 0/0 or without bits.
    const quiet = sent.filter((l) => l.sender === c.students[4]!);
    for (const l of quiet) expectStatus(await l.sender.client.delete(api(`/loops/${l.id}`)), 204);
    const afterQuiet = await rollup();
    await expectRollupsExact();
    expect(Object.values(afterQuiet).every((r) => r.named_loops + r.anonymous_loops > 0)).toBe(true);
    expect(Object.values((await derived()).personBits).every((w) => w > 0)).toBe(true);
    expect(Object.keys((await derived()).personBits).some((k) => k.includes(`|${c.students[4]!.id}|`))).toBe(false);

    // An account goes (erasure cascades over loops and roll-ups alike): its groups' weeks need a recount.
    const db = t.db.handle.db;
    const erased = c.students[1]!.id;
    expect(Object.keys(afterQuiet).some((k) => k.endsWith(`|${erased}`))).toBe(true);
    const erasedWeeks = await db.selectFrom("loop_activity_weeks").select(["organisation_id", "group_id", "week"]).where("sender_id", "=", erased).execute();
    await db.deleteFrom("users").where("id", "=", erased).execute();
    expect(await rollup()).toEqual(await directCount());
    // Their groups' weeks still count them until recounted.
    expect(await derived()).not.toEqual(await directDerived());
    for (const groupId of new Set(erasedWeeks.map((r) => r.group_id))) {
      await recountActivity(db, { organisationId: c.orgId, groupId, weeks: erasedWeeks.filter((r) => r.group_id === groupId).map((r) => r.week) });
    }
    await expectRollupsExact();

    // A group goes: its members' organisation-wide weeks need a recount.
    expect(Object.keys(await rollup()).some((k) => k.startsWith(`${third}|`))).toBe(true);
    const groupRows = await db.selectFrom("loop_activity_weeks").select(["sender_id", "week"]).where("group_id", "=", third).execute();
    await db.deleteFrom("groups").where("id", "=", third).execute();
    expect(await rollup()).toEqual(await directCount());
    await recountActivity(db, { organisationId: c.orgId, senderIds: groupRows.map((r) => r.sender_id), weeks: groupRows.map((r) => r.week) });
    await expectRollupsExact();
    const after = await rollup();
    expect(Object.keys(after).some((k) => k.startsWith(`${third}|`) || k.endsWith(`|${erased}`))).toBe(false);
    expect(Object.keys(after).length).toBeGreaterThan(0);

    // Recounting the whole organisation changes nothing.
    const settled = await derived();
    await recountActivity(db, { organisationId: c.orgId });
    expect(await derived()).toEqual(settled);
  });

  it("keep a person's weeks in two blocks of 50 weeks apart, and count them once across groups", async () => {
    const [a, , b, d] = c.students as [Person, Person, Person, Person];
    // Wednesday 23 June 2027 is in week 2998 (block 59, bit 48), Wednesday 7 July 2027 in week 3000 (block 60, bit 0).
    clockTo("2027-06-23T10:00:00.000Z");
    expect(weekNo(weekStart("2027-06-23"))).toBe(2998);
    const early = [await sendLoop(a, c.groupId, {}), await sendLoop(a, second, {}), await sendLoop(b, second, {}), await sendLoop(d, c.groupId, { anonymous: true })];
    clockTo("2027-06-30T10:00:00.000Z");
    await sendLoop(b, c.groupId, {});
    clockTo("2027-07-07T10:00:00.000Z");
    const late = [await sendLoop(a, second, {}), await sendLoop(a, second, {}), await sendLoop(d, c.groupId, {}), await sendLoop(b, second, { anonymous: true })];
    await expectRollupsExact();
    // Their loops of autumn 2026 are in block 59 too: only bits 48 and 49 matter here.
    const lastTwo = (weeks: number | undefined) => Math.floor((weeks ?? 0) / 2 ** 48);
    const { personBits } = await derived();
    expect(lastTwo(personBits[`${c.orgId}|${a.id}|59`])).toBe(1);
    expect(personBits[`${c.orgId}|${a.id}|60`]).toBe(1);
    expect(lastTwo(personBits[`${c.orgId}|${b.id}|59`])).toBe(3);

    // The dashboard's distinct people over the three weeks, across the blocks.
    const weeks = ["2027-06-21", "2027-06-28", "2027-07-05"];
    const counts = await organisationNamedSenders(t.db.handle.db, c.orgId, weeks);
    expect(counts.total).toBe(3);
    expect(Object.fromEntries(counts.byWeek)).toEqual({ "2027-06-21": 2, "2027-06-28": 1, "2027-07-05": 2 });
    expect(Object.fromEntries(counts.byGroup)).toEqual({ [c.groupId]: 3, [second]: 2 });

    // Deleting one of two loops of a week keeps the week; deleting the last takes its bit.
    expectStatus(await a.client.delete(api(`/loops/${late[0]!.id}`)), 204);
    await expectRollupsExact();
    expect((await derived()).personBits[`${c.orgId}|${a.id}|60`]).toBe(1);
    expectStatus(await a.client.delete(api(`/loops/${late[1]!.id}`)), 204);
    expectStatus(await a.client.delete(api(`/loops/${early[1]!.id}`)), 204);
    await expectRollupsExact();
    expect((await derived()).personBits[`${c.orgId}|${a.id}|60`]).toBeUndefined();
    expect(lastTwo((await derived()).personBits[`${c.orgId}|${a.id}|59`])).toBe(1);
    expect(lastTwo((await derived()).memberBits[`${c.orgId}|${second}|${a.id}|59`])).toBe(0);
    for (const l of [early[0]!, early[3]!]) expectStatus(await (l === early[0] ? a : d).client.delete(api(`/loops/${l.id}`)), 204);
    await expectRollupsExact();
  });

  it("stay exact when sends in one group and week, and one person's sends in two groups, run at the same time", async () => {
    clockTo("2027-07-14T10:00:00.000Z");
    const [a, , b, d] = c.students as [Person, Person, Person, Person];
    for (let round = 0; round < 3; round++) {
      const sent = await Promise.all([
        sendLoop(a, c.groupId, {}),
        sendLoop(a, second, {}),
        sendLoop(b, c.groupId, {}),
        sendLoop(b, second, { anonymous: true }),
        sendLoop(d, c.groupId, {}),
        sendLoop(d, c.groupId, { anonymous: true }),
      ]);
      await expectRollupsExact();
      const senders = [a, a, b, b, d, d];
      await Promise.all(sent.map((l, i) => senders[i]!.client.delete(api(`/loops/${l.id}`))));
      await expectRollupsExact();
      t.clock.advance(7 * 24 * HOUR_MS);
    }
  });
});
