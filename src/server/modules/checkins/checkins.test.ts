import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.js";
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
import type { Checkin, CheckinOccurrence, CheckinOccurrenceStats } from "../../../shared/schemas/checkins.js";
import { openDueOccurrences } from "./jobs.js";
import { latestDue, nextOccurrence, zonedInstant } from "./schedule.js";

const iso = (d: Date) => d.toISOString();
const at = (s: string) => new Date(s);

describe("schedule", () => {
  const STHLM = "Europe/Stockholm";

  it("finds the next weekday and time in the zone, strictly after the given instant", () => {
    // Tuesday 1 September 2026, 10:00 in Stockholm (CEST, UTC+2).
    expect(iso(nextOccurrence(at("2026-09-01T08:00:00Z"), 5, "14:00", STHLM))).toBe("2026-09-04T12:00:00.000Z");
    // The same day, later.
    expect(iso(nextOccurrence(at("2026-09-01T08:00:00Z"), 2, "10:30", STHLM))).toBe("2026-09-01T08:30:00.000Z");
    // Exactly at the slot: the next one is a week on.
    expect(iso(nextOccurrence(at("2026-09-01T08:30:00Z"), 2, "10:30", STHLM))).toBe("2026-09-08T08:30:00.000Z");
    // Sunday (7) and Monday (1) across the week's end; midnight.
    expect(iso(nextOccurrence(at("2026-09-05T22:30:00Z"), 7, "00:00", STHLM))).toBe("2026-09-12T22:00:00.000Z");
    expect(iso(nextOccurrence(at("2026-09-05T22:30:00Z"), 1, "00:00", STHLM))).toBe("2026-09-06T22:00:00.000Z");
  });

  it("keeps a Friday 14:00 check-in at 14:00 local across both DST changes of 2026 (Europe/Stockholm)", () => {
    // Spring forward on Sunday 29 March: CET (UTC+1) before, CEST (UTC+2) after.
    const march27 = nextOccurrence(at("2026-03-23T00:00:00Z"), 5, "14:00", STHLM);
    expect(iso(march27)).toBe("2026-03-27T13:00:00.000Z");
    expect(iso(nextOccurrence(march27, 5, "14:00", STHLM))).toBe("2026-04-03T12:00:00.000Z");
    // Fall back on Sunday 25 October: CEST before, CET after.
    const october23 = nextOccurrence(at("2026-10-19T00:00:00Z"), 5, "14:00", STHLM);
    expect(iso(october23)).toBe("2026-10-23T12:00:00.000Z");
    expect(iso(nextOccurrence(october23, 5, "14:00", STHLM))).toBe("2026-10-30T13:00:00.000Z");
  });

  it("moves a time that does not exist (spring forward) to the moment the clocks jump, and takes the first of a repeated time", () => {
    // 29 March 2026: 02:00 CET jumps to 03:00 CEST at 01:00 UTC; 02:30 never happens.
    const spring = nextOccurrence(at("2026-03-23T00:00:00Z"), 7, "02:30", STHLM);
    expect(iso(spring)).toBe("2026-03-29T01:00:00.000Z");
    // The week after, 02:30 exists again (CEST).
    expect(iso(nextOccurrence(spring, 7, "02:30", STHLM))).toBe("2026-04-05T00:30:00.000Z");
    // 25 October 2026: 02:30 happens at 00:30 UTC (CEST) and again at 01:30 UTC (CET): the first one.
    const autumn = nextOccurrence(at("2026-10-19T00:00:00Z"), 7, "02:30", STHLM);
    expect(iso(autumn)).toBe("2026-10-25T00:30:00.000Z");
    // Not asked again at the repeated 02:30.
    expect(iso(nextOccurrence(autumn, 7, "02:30", STHLM))).toBe("2026-11-01T01:30:00.000Z");
    // A 30-minute change (Lord Howe Island, 4 October 2026: 02:00 → 02:30 at 15:30 UTC the day before).
    expect(iso(zonedInstant({ year: 2026, month: 10, day: 4, hour: 2, minute: 15 }, "Australia/Lord_Howe"))).toBe("2026-10-03T15:30:00.000Z");
  });

  it("uses the zone it is given (America/New_York changes on other dates)", () => {
    // New York springs forward on 8 March and falls back on 1 November 2026.
    expect(iso(nextOccurrence(at("2026-03-02T00:00:00Z"), 5, "14:00", "America/New_York"))).toBe("2026-03-06T19:00:00.000Z");
    expect(iso(nextOccurrence(at("2026-03-07T00:00:00Z"), 5, "14:00", "America/New_York"))).toBe("2026-03-13T18:00:00.000Z");
    // In the weeks between the two continents' changes, the same local time is a different offset apart.
    expect(iso(nextOccurrence(at("2026-03-07T00:00:00Z"), 5, "14:00", STHLM))).toBe("2026-03-13T13:00:00.000Z");
    expect(iso(nextOccurrence(at("2026-03-02T00:00:00Z"), 7, "02:30", "America/New_York"))).toBe("2026-03-08T07:00:00.000Z");
    expect(iso(nextOccurrence(at("2026-10-26T00:00:00Z"), 7, "01:30", "America/New_York"))).toBe("2026-11-01T05:30:00.000Z");
  });

  it("after a long gap, gives only the latest occurrence that has come", () => {
    const due = at("2026-09-04T12:00:00Z");
    expect(iso(latestDue(due, at("2026-09-04T12:00:00Z"), 5, "14:00", STHLM))).toBe("2026-09-04T12:00:00.000Z");
    expect(iso(latestDue(due, at("2026-09-11T11:59:59Z"), 5, "14:00", STHLM))).toBe("2026-09-04T12:00:00.000Z");
    expect(iso(latestDue(due, at("2026-12-24T09:00:00Z"), 5, "14:00", STHLM))).toBe("2026-12-18T13:00:00.000Z");
  });
});

let t: TestApp;
let admin: Person;
let teacher: Person;
let coLeader: Person;
let tutor: Person;
let student: Person;
let student2: Person;
let orgMember: Person;
let outsider: Person;
let orgId: string;
let groupId: string;
let otherGroupId: string;
let foreignGroupId: string;
let tagIds: string[];

const api = (rest: string) => `/api/v1${rest}`;
const checkinsOf = (id: string) => api(`/groups/${id}/checkins`);
const create = async (p: Person, id: string, body: Record<string, unknown>) => expectStatus<{ checkin: Checkin }>(await p.client.post(checkinsOf(id), body), 201).checkin;
const occurrencesOf = async (p: Person, checkinId: string, query = "") =>
  expectStatus<{ occurrences: CheckinOccurrenceStats[]; nextCursor: string | null }>(await p.client.get(api(`/checkins/${checkinId}/occurrences${query}`)), 200);
const run = () => t.app.ctx.jobs.runScheduled("checkins.occur");

/** Moves the fake clock forward to an instant (never back: sessions and schedules only go forward). */
function setClock(instant: string) {
  const ms = new Date(instant).getTime() - t.clock().getTime();
  if (ms < 0) throw new Error(`the clock is past ${instant} already (${t.clock().toISOString()})`);
  t.clock.advance(ms);
}

/** Who got a feed item for the occurrence (read straight from the table: the feed API is another module's). */
async function notifiedFor(occurrenceId: string): Promise<string[]> {
  const rows = await t.db.handle.db.selectFrom("notifications").select(["user_id", "kind"]).where("occurrence_id", "=", occurrenceId).execute();
  expect(rows.every((r) => r.kind === "checkin_opened")).toBe(true);
  return rows.map((r) => r.user_id).sort();
}

beforeAll(async () => {
  // The schedule tests move the clock by months: sessions must outlive that.
  t = await createTestApp({
    env: { SESSION_IDLE_TIMEOUT_HOURS: "100000", SESSION_ABSOLUTE_TIMEOUT_DAYS: "3650" },
    rateLimits: { postPerUser: { points: 1_000_000, windowSeconds: 60 } },
  });
  admin = await register(t, "Astrid Admin");
  orgId = await createOrganisation(admin, "Solskolan");
  teacher = await register(t, "Teacher Berg");
  await makeGroupCreator(admin, orgId, teacher);
  groupId = await createGroup(teacher, orgId, { name: "7B" });
  coLeader = await register(t, "Lena Leader");
  await join(coLeader, await enableLeaderCode(teacher, groupId));
  const code = (await groupCodes(teacher, groupId)).sender!;
  student = await register(t, "Student One");
  await join(student, code);
  student2 = await register(t, "Student Two");
  await join(student2, code);
  tutor = await register(t, "Tage Tutor");
  await addTutor(t, teacher, groupId, tutor);
  otherGroupId = await createGroup(teacher, orgId, { name: "8A" });
  orgMember = await register(t, "Maja Member");
  await join(orgMember, (await groupCodes(teacher, otherGroupId)).sender!);
  outsider = await register(t, "Olof Other");
  const otherOrgId = await createOrganisation(outsider, "Bergskolan");
  foreignGroupId = await createGroup(outsider, otherOrgId, { name: "9C" });
  tagIds = [];
  for (const name of ["week", "mood"]) {
    tagIds.push(expectStatus<{ tag: { id: string } }>(await teacher.client.post(api(`/groups/${groupId}/tags`), { name }), 201).tag.id);
  }
}, 60_000);
afterAll(async () => {
  await t?.close();
});

describe("check-ins", () => {
  it("should require authentication", async () => {
    const visitor = t.client();
    for (const [method, url] of [
      ["GET", checkinsOf(groupId)],
      ["POST", checkinsOf(groupId)],
      ["PATCH", api(`/checkins/${MISSING_ID}`)],
      ["DELETE", api(`/checkins/${MISSING_ID}`)],
      ["GET", api(`/checkins/${MISSING_ID}/occurrences`)],
      ["GET", api(`/checkin-occurrences/${MISSING_ID}`)],
    ] as const) {
      const res = await visitor.request(method, url, method === "POST" || method === "PATCH" ? { prompt: "Hi", weekday: 5, time: "14:00" } : undefined);
      expect(res.statusCode, `${method} ${url}`).toBe(401);
      expect(res.json().error.code).toBe("unauthenticated");
    }
  });

  it("lets leaders set up a weekly check-in in the organisation's time zone, and validates it", async () => {
    // Clock: Tuesday 1 September 2026, 10:00 in Stockholm.
    const checkin = await create(teacher, groupId, { prompt: "  How did this week go?  ", weekday: 5, time: "14:00", tagIds });
    expect(checkin).toMatchObject({
      groupId,
      prompt: "How did this week go?",
      weekday: 5,
      time: "14:00",
      timeZone: "Europe/Stockholm",
      tagIds,
      active: true,
      nextOccurrenceAt: "2026-09-04T12:00:00.000Z",
      abilities: { update: true, delete: true, readOccurrences: true },
    });
    const list = expectStatus<{ checkins: Checkin[]; timeZone: string }>(await coLeader.client.get(checkinsOf(groupId)), 200);
    expect(list.timeZone).toBe("Europe/Stockholm");
    expect(list.checkins.map((c) => c.id)).toContain(checkin.id);

    const bad = async (body: Record<string, unknown>, field: string) => {
      const res = await teacher.client.post(checkinsOf(groupId), { prompt: "Fine?", weekday: 5, time: "14:00", ...body });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(Object.keys(res.json().error.fields)).toContain(field);
    };
    await bad({ time: "24:00" }, "time");
    await bad({ time: "9:00" }, "time");
    await bad({ weekday: 0 }, "weekday");
    await bad({ weekday: 8 }, "weekday");
    await bad({ prompt: "   " }, "prompt");
    await bad({ prompt: "x".repeat(501) }, "prompt");
    await bad({ prompt: "a\u0000b" }, "prompt");
    await bad({ tagIds: [MISSING_ID] }, "tagIds");
    // A tag of another group of the same organisation is no tag of this one.
    const otherTag = expectStatus<{ tag: { id: string } }>(await teacher.client.post(api(`/groups/${otherGroupId}/tags`), { name: "other" }), 201).tag.id;
    await bad({ tagIds: [otherTag] }, "tagIds");
    const archived = expectStatus<{ tag: { id: string } }>(await teacher.client.post(api(`/groups/${groupId}/tags`), { name: "old" }), 201).tag.id;
    expectStatus(await teacher.client.patch(api(`/groups/${groupId}/tags/${archived}`), { archived: true }), 200);
    await bad({ tagIds: [archived] }, "tagIds");

    const log = await auditLog(admin, orgId, { action: "checkin." });
    expect(log.find((e) => e.subjectId === checkin.id)).toMatchObject({ action: "checkin.created", actor: { id: teacher.id } });
  });

  it("edits the schedule, pauses and resumes, and audits each change", async () => {
    const checkin = await create(teacher, groupId, { prompt: "Monday plans?", weekday: 1, time: "08:00" });
    expect(checkin.nextOccurrenceAt).toBe("2026-09-07T06:00:00.000Z");
    const edit = async (body: Record<string, unknown>) => expectStatus<{ checkin: Checkin }>(await teacher.client.patch(api(`/checkins/${checkin.id}`), body), 200).checkin;
    // The prompt alone keeps the schedule.
    expect(await edit({ prompt: "Plans for the week?" })).toMatchObject({ prompt: "Plans for the week?", nextOccurrenceAt: "2026-09-07T06:00:00.000Z" });
    // A new time (today, still ahead) schedules afresh from now.
    expect((await edit({ weekday: 2, time: "16:45" })).nextOccurrenceAt).toBe("2026-09-01T14:45:00.000Z");
    expect(await edit({ active: false })).toMatchObject({ active: false, nextOccurrenceAt: null });
    expect(await edit({ active: true })).toMatchObject({ active: true, nextOccurrenceAt: "2026-09-01T14:45:00.000Z" });
    expect((await edit({ tagIds: [tagIds[1]] })).tagIds).toEqual([tagIds[1]]);
    expectStatus(await teacher.client.patch(api(`/checkins/${checkin.id}`), { time: "25:00" }), 400);
    const actions = (await auditLog(admin, orgId, { action: "checkin." })).filter((e) => e.subjectId === checkin.id).map((e) => e.action);
    expect(actions.sort()).toEqual(["checkin.created", "checkin.paused", "checkin.resumed", "checkin.updated", "checkin.updated", "checkin.updated"].sort());
    expectStatus(await teacher.client.delete(api(`/checkins/${checkin.id}`)), 204);
  });

  it("lets only the group's leaders manage check-ins: others who see the group get 403, outsiders 404 like a missing one", async () => {
    const checkin = await create(teacher, groupId, { prompt: "Role check", weekday: 3, time: "09:00", active: false });
    for (const p of [student, tutor, admin]) {
      expect((await p.client.get(checkinsOf(groupId))).statusCode).toBe(403);
      expect((await p.client.post(checkinsOf(groupId), { prompt: "No", weekday: 1, time: "08:00" })).statusCode).toBe(403);
      expect((await p.client.patch(api(`/checkins/${checkin.id}`), { prompt: "No" })).statusCode).toBe(403);
      expect((await p.client.delete(api(`/checkins/${checkin.id}`))).statusCode).toBe(403);
      expect((await p.client.get(api(`/checkins/${checkin.id}/occurrences`))).statusCode).toBe(403);
    }
    for (const p of [outsider, orgMember]) {
      await expectLikeMissing(p.client, "GET", checkinsOf(groupId), checkinsOf(MISSING_ID));
      await expectLikeMissing(p.client, "PATCH", api(`/checkins/${checkin.id}`), api(`/checkins/${MISSING_ID}`), { prompt: "No" });
      await expectLikeMissing(p.client, "DELETE", api(`/checkins/${checkin.id}`), api(`/checkins/${MISSING_ID}`));
      await expectLikeMissing(p.client, "GET", api(`/checkins/${checkin.id}/occurrences`), api(`/checkins/${MISSING_ID}/occurrences`));
    }
    // The outsider's own group's check-in is just as missing to the teacher.
    const foreign = await create(outsider, foreignGroupId, { prompt: "Theirs", weekday: 3, time: "09:00", active: false });
    await expectLikeMissing(teacher.client, "PATCH", api(`/checkins/${foreign.id}`), api(`/checkins/${MISSING_ID}`), { prompt: "Mine now" });
    expect((await teacher.client.get(checkinsOf(groupId))).json().checkins.map((c: Checkin) => c.prompt)).toContain("Role check");
    expectStatus(await teacher.client.delete(api(`/checkins/${checkin.id}`)), 204);
  });

  describe("the scheduler (fake clock)", () => {
    let weekly: Checkin;
    let paused: Checkin;
    let firstOccurrenceId: string;
    let otherOccurrenceId: string;

    it("makes exactly one occurrence when it is due: none early, none twice", async () => {
      weekly = (await teacher.client.get(checkinsOf(groupId))).json().checkins.find((c: Checkin) => c.prompt === "How did this week go?");
      paused = await create(teacher, groupId, { prompt: "Paused one", weekday: 5, time: "14:00" });
      expectStatus(await teacher.client.patch(api(`/checkins/${paused.id}`), { active: false }), 200);

      await run();
      expect((await occurrencesOf(teacher, weekly.id)).occurrences).toEqual([]);
      setClock("2026-09-04T11:59:59.000Z");
      await run();
      expect((await occurrencesOf(teacher, weekly.id)).occurrences).toEqual([]);

      setClock("2026-09-04T12:00:30.000Z");
      await run();
      await run();
      const { occurrences } = await occurrencesOf(teacher, weekly.id);
      expect(occurrences).toHaveLength(1);
      expect(occurrences[0]).toMatchObject({ occursAt: "2026-09-04T12:00:00.000Z", prompt: "How did this week go?", answerCount: 0, memberCount: 2, emoji: [0, 0, 0, 0, 0] });
      firstOccurrenceId = occurrences[0]!.id;
      expect((await teacher.client.get(checkinsOf(groupId))).json().checkins.find((c: Checkin) => c.id === weekly.id).nextOccurrenceAt).toBe("2026-09-11T12:00:00.000Z");
      // Paused: nothing.
      expect((await occurrencesOf(teacher, paused.id)).occurrences).toEqual([]);
    });

    it("tells the group's senders (not its leaders or tutor) in their feed", async () => {
      expect(await notifiedFor(firstOccurrenceId)).toEqual([student.id, student2.id].sort());
      const row = await t.db.handle.db.selectFrom("notifications").selectAll().where("occurrence_id", "=", firstOccurrenceId).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ group_id: groupId, title: "How did this week go?", actor_id: teacher.id });
    });

    it("does not ask the leader who set it up, even where they are a peer (flat group)", async () => {
      const flatId = await createGroup(teacher, orgId, { name: "Team", type: "flat", hasStudentMembers: false });
      const peer = await register(t, "Pia Peer");
      await join(peer, (await groupCodes(teacher, flatId)).sender!);
      const group = expectStatus<{ group: { abilities: { sendLoop: boolean; publish: boolean } } }>(await teacher.client.get(api(`/groups/${flatId}`)), 200).group;
      expect(group.abilities).toMatchObject({ sendLoop: true, publish: true });
      const flat = await create(teacher, flatId, { prompt: "Team pulse", weekday: 5, time: "15:00" });
      setClock("2026-09-04T13:00:00.000Z");
      // Two runners at once (two processes): one occurrence, one feed item each.
      await Promise.all([openDueOccurrences(t.app.ctx), openDueOccurrences(t.app.ctx)]);
      const occurrences = (await occurrencesOf(teacher, flat.id)).occurrences;
      expect(occurrences).toHaveLength(1);
      const [occurrence] = occurrences;
      expect(occurrence).toMatchObject({ occursAt: "2026-09-04T13:00:00.000Z", memberCount: 2 });
      expect(await notifiedFor(occurrence!.id)).toEqual([peer.id]);
    });

    it("links a loop sent with the occurrence and counts it, anonymous answers without identity", async () => {
      const send = async (p: Person, body: Record<string, unknown>) =>
        expectStatus<{ loop: { id: string; checkinOccurrenceId: string | null } }>(
          await p.client.post(api(`/groups/${groupId}/loops`), { emoji: 4, text: "Answer", checkinOccurrenceId: firstOccurrenceId, ...body }),
          201,
        ).loop;
      const loop = await send(student, { emoji: 4 });
      expect(loop.checkinOccurrenceId).toBe(firstOccurrenceId);
      await send(student, { emoji: 5 });
      await send(student2, { emoji: 2, anonymous: true });
      // Not an answer: a loop without the occurrence.
      await send(student2, { emoji: 1, checkinOccurrenceId: null });
      const [stats] = (await occurrencesOf(coLeader, weekly.id)).occurrences;
      expect(stats).toMatchObject({ id: firstOccurrenceId, answerCount: 3, senderCount: 1, anonymousCount: 1, memberCount: 2, emoji: [0, 1, 0, 1, 1] });
      // The stats name no one.
      expect(JSON.stringify(stats)).not.toContain(student2.id);
      expect(JSON.stringify(stats)).not.toContain(student.id);

      // An occurrence of another group is refused.
      const other = await create(teacher, otherGroupId, { prompt: "8A check-in", weekday: 5, time: "14:00" });
      setClock("2026-09-11T12:00:00.000Z");
      await run();
      const [otherOccurrence] = (await occurrencesOf(teacher, other.id)).occurrences;
      otherOccurrenceId = otherOccurrence!.id;
      const refused = await student.client.post(api(`/groups/${groupId}/loops`), { emoji: 3, checkinOccurrenceId: otherOccurrence!.id });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.fields).toEqual({ checkinOccurrenceId: "invalid_value" });
      expect((await student.client.post(api(`/groups/${groupId}/loops`), { emoji: 3, checkinOccurrenceId: MISSING_ID })).json().error.fields).toEqual({
        checkinOccurrenceId: "invalid_value",
      });
    });

    it("gives members the occurrence for the composer: prompt and suggested tags", async () => {
      const o = expectStatus<{ occurrence: CheckinOccurrence }>(await student.client.get(api(`/checkin-occurrences/${firstOccurrenceId}`)), 200).occurrence;
      expect(o).toMatchObject({ id: firstOccurrenceId, checkinId: weekly.id, groupId, groupName: "7B", prompt: "How did this week go?", timeZone: "Europe/Stockholm", abilities: { answer: true } });
      expect(o.suggestedTags.map((tag) => tag.id)).toEqual(tagIds);
      const asLeader = expectStatus<{ occurrence: CheckinOccurrence }>(await teacher.client.get(api(`/checkin-occurrences/${firstOccurrenceId}`)), 200).occurrence;
      expect(asLeader.abilities.answer).toBe(false);
      for (const p of [outsider, orgMember]) {
        await expectLikeMissing(p.client, "GET", api(`/checkin-occurrences/${firstOccurrenceId}`), api(`/checkin-occurrences/${MISSING_ID}`));
      }
    });

    it("lists one occurrence's answers in the inbox (checkinOccurrenceId), under the inbox's own rules", async () => {
      type Page = { loops: { id: string; emoji: number; checkinOccurrenceId: string | null; anonymous: boolean; sender: { id: string } | null; sentAt: string }[]; nextCursor: string | null };
      const inbox = async (p: Person, query: string) => expectStatus<Page>(await p.client.get(api(`/inbox?${query}`)), 200);
      // An answer to occurrence B (another group the teacher leads) and plain free loops exist besides A's three answers.
      expectStatus(await orgMember.client.post(api(`/groups/${otherGroupId}/loops`), { emoji: 3, text: "8A answer", checkinOccurrenceId: otherOccurrenceId }), 201);
      const answersToA = await t.db.handle.db.selectFrom("loops").select("id").where("checkin_occurrence_id", "=", firstOccurrenceId).execute();
      expect(answersToA).toHaveLength(3);

      const a = await inbox(teacher, `checkinOccurrenceId=${firstOccurrenceId}`);
      expect(a.loops.map((l) => l.id).sort()).toEqual(answersToA.map((l) => l.id).sort());
      expect(a.loops.every((l) => l.checkinOccurrenceId === firstOccurrenceId)).toBe(true);
      // The anonymous answer stays anonymous: no sender, the date only.
      const anonymous = a.loops.filter((l) => l.anonymous);
      expect(anonymous).toHaveLength(1);
      expect(anonymous[0]).toMatchObject({ sender: null, emoji: 2 });
      expect(anonymous[0]!.sentAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(JSON.stringify(anonymous[0])).not.toContain(student2.id);
      expect(a.loops.filter((l) => !l.anonymous).every((l) => l.sender?.id === student.id)).toBe(true);

      // Combined with the other filters and paged by the same keyset.
      expect((await inbox(coLeader, `groupId=${groupId}&checkinOccurrenceId=${firstOccurrenceId}&emoji=5`)).loops.map((l) => l.emoji)).toEqual([5]);
      expect((await inbox(teacher, `groupId=${otherGroupId}&checkinOccurrenceId=${firstOccurrenceId}`)).loops).toEqual([]);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Page = await inbox(teacher, `checkinOccurrenceId=${firstOccurrenceId}&limit=1${cursor ? `&cursor=${cursor}` : ""}`);
        expect(page.loops.length).toBeLessThanOrEqual(1);
        seen.push(...page.loops.map((l) => l.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen.sort()).toEqual(answersToA.map((l) => l.id).sort());

      // B's answer only under B.
      expect((await inbox(teacher, `checkinOccurrenceId=${otherOccurrenceId}`)).loops.map((l) => l.checkinOccurrenceId)).toEqual([otherOccurrenceId]);
      // Whoever may not read A's answers gets none of them, and no error: a sender (their own answers are theirs in /me/loops,
      // never their inbox), a member of another group, a leader of another organisation, an occurrence that does not exist.
      for (const p of [student, student2, orgMember, outsider]) {
        expect((await inbox(p, `checkinOccurrenceId=${firstOccurrenceId}`)).loops, p.name).toEqual([]);
      }
      expect((await inbox(teacher, `checkinOccurrenceId=${MISSING_ID}`)).loops).toEqual([]);
      const mine = expectStatus<Page>(await student.client.get(api(`/me/loops?groupId=${groupId}`)), 200).loops.filter((l) => l.checkinOccurrenceId === firstOccurrenceId);
      expect(mine).toHaveLength(2);
      expect((await teacher.client.get(api("/inbox?checkinOccurrenceId=not-a-uuid"))).statusCode).toBe(400);
    });

    it("after a long gap makes only the latest occurrence, then keeps the weekly rhythm", async () => {
      // Missed: 18 and 25 September, 2 October. Now: Thursday 8 October.
      setClock("2026-10-08T09:00:00.000Z");
      await run();
      await run();
      const { occurrences } = await occurrencesOf(teacher, weekly.id);
      expect(occurrences.map((o) => o.occursAt)).toEqual(["2026-10-02T12:00:00.000Z", "2026-09-11T12:00:00.000Z", "2026-09-04T12:00:00.000Z"]);
      expect((await teacher.client.get(checkinsOf(groupId))).json().checkins.find((c: Checkin) => c.id === weekly.id).nextOccurrenceAt).toBe("2026-10-09T12:00:00.000Z");
      // Newest first, in pages.
      const page = await occurrencesOf(teacher, weekly.id, "?limit=2");
      expect(page.occurrences).toHaveLength(2);
      const rest = await occurrencesOf(teacher, weekly.id, `?limit=2&before=${encodeURIComponent(page.nextCursor!)}`);
      expect(rest).toEqual({ occurrences: [expect.objectContaining({ id: firstOccurrenceId })], nextCursor: null });
      expect((await occurrencesOf(teacher, paused.id)).occurrences).toEqual([]);
    });

    it("stays at 14:00 local across the October DST change (Europe/Stockholm), and asks a Sunday 02:30 only once on the repeated hour", async () => {
      const sunday = await create(teacher, groupId, { prompt: "Night owls?", weekday: 7, time: "02:30" });
      expect(sunday.nextOccurrenceAt).toBe("2026-10-11T00:30:00.000Z");
      setClock("2026-10-23T12:00:00.000Z");
      await run();
      expect((await occurrencesOf(teacher, weekly.id)).occurrences[0]!.occursAt).toBe("2026-10-23T12:00:00.000Z");
      expect((await occurrencesOf(teacher, sunday.id)).occurrences[0]!.occursAt).toBe("2026-10-18T00:30:00.000Z");

      // Sunday 25 October: 02:30 CEST (00:30 UTC), then the clocks go back and 02:30 CET (01:30 UTC) comes again.
      setClock("2026-10-25T00:30:00.000Z");
      await run();
      setClock("2026-10-25T01:30:00.000Z");
      await run();
      expect((await occurrencesOf(teacher, sunday.id)).occurrences.map((o) => o.occursAt).slice(0, 2)).toEqual(["2026-10-25T00:30:00.000Z", "2026-10-18T00:30:00.000Z"]);

      // Friday 30 October, 14:00 CET = 13:00 UTC: nothing at 12:00 UTC any more.
      setClock("2026-10-30T12:00:00.000Z");
      await run();
      expect((await occurrencesOf(teacher, weekly.id)).occurrences[0]!.occursAt).toBe("2026-10-23T12:00:00.000Z");
      setClock("2026-10-30T13:00:00.000Z");
      await run();
      expect((await occurrencesOf(teacher, weekly.id)).occurrences[0]!.occursAt).toBe("2026-10-30T13:00:00.000Z");
      expect((await occurrencesOf(teacher, sunday.id)).occurrences).toHaveLength(2);
    });

    it("runs in the organisation's own zone (America/New_York changes a week after Stockholm)", async () => {
      const us = await register(t, "Uma US");
      const usOrg = expectStatus<{ organisation: { id: string } }>(
        await us.client.post(api("/organisations"), { name: "Lincoln High", type: "school", timeZone: "America/New_York" }),
        201,
      ).organisation.id;
      const usGroup = await createGroup(us, usOrg, { name: "Homeroom" });
      const usStudent = await register(t, "Sam US");
      await join(usStudent, (await groupCodes(us, usGroup)).sender!);
      const checkin = await create(us, usGroup, { prompt: "Weekend plans?", weekday: 5, time: "14:00" });
      expect(checkin).toMatchObject({ timeZone: "America/New_York", nextOccurrenceAt: "2026-10-30T18:00:00.000Z" });
      setClock("2026-10-30T18:00:00.000Z");
      await run();
      // After New York's change on 1 November, 14:00 is 19:00 UTC.
      setClock("2026-11-06T18:00:00.000Z");
      await run();
      setClock("2026-11-06T19:00:00.000Z");
      await run();
      const { occurrences } = await occurrencesOf(us, checkin.id);
      expect(occurrences.map((o) => o.occursAt)).toEqual(["2026-11-06T19:00:00.000Z", "2026-10-30T18:00:00.000Z"]);
      expect(await notifiedFor(occurrences[0]!.id)).toEqual([usStudent.id]);
    });

    it("moves the next occurrence when the organisation changes its time zone", async () => {
      const admin = await register(t, "Ada Zone");
      const orgId = expectStatus<{ organisation: { id: string } }>(
        await admin.client.post(api("/organisations"), { name: "Zone School", type: "school", timeZone: "Europe/Stockholm" }),
        201,
      ).organisation.id;
      const groupId = await createGroup(admin, orgId, { name: "Zone class" });
      const checkin = await create(admin, groupId, { prompt: "How was the week?", weekday: 5, time: "14:00" });
      const before = checkin.nextOccurrenceAt!;
      expectStatus(await admin.client.patch(api(`/organisations/${orgId}`), { timeZone: "America/New_York" }), 200);
      const after = expectStatus<{ checkins: Checkin[] }>(await admin.client.get(checkinsOf(groupId)), 200).checkins[0]!.nextOccurrenceAt!;
      // 14:00 in New York is five or six hours after 14:00 in Stockholm.
      expect(new Date(after).getTime() - new Date(before).getTime()).toBeGreaterThanOrEqual(5 * 3600_000);
      expect(new Date(after).getTime() - new Date(before).getTime()).toBeLessThanOrEqual(6 * 3600_000);
    });

    it("deleting a check-in removes its occurrences and their feed items but keeps the loops, unlinked", async () => {
      const loops = await t.db.handle.db.selectFrom("loops").select("id").where("checkin_occurrence_id", "=", firstOccurrenceId).execute();
      expect(loops).toHaveLength(3);
      expectStatus(await student.client.delete(api(`/checkins/${weekly.id}`)), 403);
      expectStatus(await teacher.client.delete(api(`/checkins/${weekly.id}`)), 204);
      for (const { id } of loops) {
        const loop = expectStatus<{ loop: { checkinOccurrenceId: string | null } }>(await teacher.client.get(api(`/loops/${id}`)), 200).loop;
        expect(loop.checkinOccurrenceId).toBeNull();
      }
      expect(await notifiedFor(firstOccurrenceId)).toEqual([]);
      expect((await student.client.get(api(`/checkin-occurrences/${firstOccurrenceId}`))).statusCode).toBe(404);
      expect((await teacher.client.get(api(`/checkins/${weekly.id}/occurrences`))).statusCode).toBe(404);
      const log = await auditLog(admin, orgId, { action: "checkin.deleted" });
      expect(log.find((e) => e.subjectId === weekly.id)).toMatchObject({ actor: { id: teacher.id }, data: { occurrences: 6, loopsKept: 3 } });
    });
  });
});
